package dev.melt.assertions.internal;

import dev.melt.generator.AffectedService;
import dev.melt.generator.Incident;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches detections to the affected windows of incidents in one sort-and-sweep pass.
 *
 * <p>A detection {@code [a, b)} (a point when {@code a == b}) matches a window {@code [s, e)},
 * widened by the tolerance on both sides, when they share an instant: {@code a < e} and either
 * {@code a >= s} or {@code b > s}; and when the services agree (the detection names none, or the
 * same one) and the hosts agree (either side names none, or the same one).
 *
 * <p>Windows are sorted by start; detections must arrive sorted by start. A window enters the
 * active set when the sweep reaches its start and leaves it when the sweep passes its end, so
 * each detection only looks at windows open at its start plus those that open before its end:
 * O((n + w) log w + matches) instead of n × w.
 */
public final class IncidentMatcher {

    /** A detection that names no service or host. */
    private static final int ANY = -1;
    /** A detection that names a service or host the ground truth does not know. */
    private static final int UNKNOWN = -2;

    private final long[] windowStart;
    private final long[] windowEnd;
    private final int[] windowService;
    private final int[] windowHost;
    private final int[] windowIncident;
    private final int[] incidentTypeBit;
    private final Map<String, Integer> serviceIds = new HashMap<>();
    private final Map<String, Integer> hostIds = new HashMap<>();

    /**
     * Indexes the affected windows of some incidents.
     *
     * @param incidents the incidents
     * @param toleranceNanos how far each window is widened on both sides
     */
    public IncidentMatcher(List<Incident> incidents, long toleranceNanos) {
        int count = 0;
        for (Incident incident : incidents) {
            count += incident.affected().size();
        }
        long[] start = new long[count];
        long[] end = new long[count];
        int[] service = new int[count];
        int[] host = new int[count];
        int[] incidentOf = new int[count];
        incidentTypeBit = new int[incidents.size()];
        int w = 0;
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            incidentTypeBit[i] = 1 << incident.type().ordinal();
            for (AffectedService affected : incident.affected()) {
                start[w] = EpochNanos.of(affected.start()) - toleranceNanos;
                end[w] = EpochNanos.of(affected.end()) + toleranceNanos;
                service[w] = serviceIds.computeIfAbsent(affected.service(), k -> serviceIds.size());
                host[w] = affected.host() == null ? ANY : hostIds.computeIfAbsent(affected.host(), k -> hostIds.size());
                incidentOf[w] = i;
                w++;
            }
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Long.compare(start[x], start[y]));
        windowStart = new long[count];
        windowEnd = new long[count];
        windowService = new int[count];
        windowHost = new int[count];
        windowIncident = new int[count];
        for (int k = 0; k < count; k++) {
            int from = order[k];
            windowStart[k] = start[from];
            windowEnd[k] = end[from];
            windowService[k] = service[from];
            windowHost[k] = host[from];
            windowIncident[k] = incidentOf[from];
        }
    }

    /**
     * What a sweep found.
     *
     * @param incidentTypes per detection, a bit set of the {@code AnomalyType} ordinals of the
     *     incidents it matched; zero for a false alarm
     * @param firstMatch per incident, the start (epoch nanos) of the earliest detection that
     *     matched it, or {@link Long#MAX_VALUE} when none did
     */
    public record Matches(int[] incidentTypes, long[] firstMatch) {
    }

    /**
     * Matches detections to the indexed windows.
     *
     * @param timeline the detections, sorted by start, numbered with {@link #serviceId(String)}
     *     and {@link #hostId(String)}
     * @return the matches
     */
    public Matches match(DetectionTimeline timeline) {
        int[] types = new int[timeline.size()];
        long[] starts = timeline.starts();
        long[] ends = timeline.ends();
        int[] services = timeline.services();
        int[] hosts = timeline.hosts();
        long[] firstMatch = new long[incidentTypeBit.length];
        Arrays.fill(firstMatch, Long.MAX_VALUE);
        int[] active = new int[16];
        int activeSize = 0;
        int next = 0;
        int windows = windowStart.length;
        for (int d = 0; d < types.length; d++) {
            long a = starts[d];
            long b = ends[d];
            while (next < windows && windowStart[next] <= a) {
                if (activeSize == active.length) {
                    active = Arrays.copyOf(active, activeSize * 2);
                }
                active[activeSize++] = next++;
            }
            if (activeSize == 0 && (next == windows || windowStart[next] >= b)) {
                continue; // no window open around this detection: a false alarm, whatever it blames
            }
            int service = services[d];
            int host = hosts[d];
            int mask = 0;
            int kept = 0;
            for (int k = 0; k < activeSize; k++) {
                int w = active[k];
                if (windowEnd[w] <= a) {
                    continue; // closed before this detection, so before every later one too
                }
                active[kept++] = w;
                mask |= hit(w, service, host, a, firstMatch);
            }
            activeSize = kept;
            for (int w = next; w < windows && windowStart[w] < b; w++) {
                mask |= hit(w, service, host, a, firstMatch);
            }
            types[d] = mask;
        }
        return new Matches(types, firstMatch);
    }

    private int hit(int w, int service, int host, long detectionStart, long[] firstMatch) {
        if (service != ANY && service != windowService[w]) {
            return 0;
        }
        if (host != ANY && windowHost[w] != ANY && host != windowHost[w]) {
            return 0;
        }
        int incident = windowIncident[w];
        if (firstMatch[incident] == Long.MAX_VALUE) {
            firstMatch[incident] = detectionStart; // detections arrive by start: the first hit is the earliest
        }
        return incidentTypeBit[incident];
    }

    /**
     * Numbers a service the way {@link #match(DetectionTimeline)} expects.
     *
     * @param name a service name, or {@code null} when a detection blames none
     * @return its number
     */
    public int serviceId(String name) {
        return idOf(serviceIds, name);
    }

    /**
     * Numbers a host the way {@link #match(DetectionTimeline)} expects.
     *
     * @param name a host name, or {@code null} when a detection blames none
     * @return its number
     */
    public int hostId(String name) {
        return idOf(hostIds, name);
    }

    private static int idOf(Map<String, Integer> ids, String name) {
        if (name == null) {
            return ANY;
        }
        Integer id = ids.get(name);
        return id == null ? UNKNOWN : id;
    }
}
