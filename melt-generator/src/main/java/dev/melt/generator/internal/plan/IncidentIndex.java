package dev.melt.generator.internal.plan;

import dev.melt.generator.AffectedService;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Answers "which incident, if any, labels a record of this service and host at this instant"
 * on the hot path of signal generation.
 *
 * <p>Built once per plan: for every service and every host of it (plus "no host") the windows
 * that cover it are flattened into sorted, disjoint segments, each naming the window that wins
 * there (the first covering one in ground-truth order, as {@link GroundTruth#incidentAt} does).
 * A lookup is then a binary search over a few longs and allocates nothing.
 */
public final class IncidentIndex {

    private final Topology topology;
    /** Every affected window, numbered in ground-truth order. */
    private final List<AffectedService> windows = new ArrayList<>();
    private final List<Incident> windowIncident = new ArrayList<>();
    private final List<Integer> windowHop = new ArrayList<>();
    private final String[] windowIncidentId;
    /** [service][slot]: slot 0 is "no host / a host not of this service", slot i+1 the service's i-th host. */
    private final Segments[][] segments;
    /** Global host index to its slot in its own service's table. */
    private final int[] hostSlot;
    /** Global host index to the index of its service. */
    private final int[] hostService;

    /**
     * Indexes a ground truth.
     *
     * @param truth the ground truth
     * @param topology the fleet the truth refers to
     */
    public IncidentIndex(GroundTruth truth, Topology topology) {
        this.topology = topology;
        for (Incident incident : truth.incidents()) {
            Map<String, Integer> hops = hops(incident);
            for (AffectedService a : incident.affected()) {
                windows.add(a);
                windowIncident.add(incident);
                windowHop.add(hops.getOrDefault(a.service(), 0));
            }
        }
        windowIncidentId = windowIncident.stream().map(Incident::id).toArray(String[]::new);
        hostSlot = new int[topology.hosts().size()];
        hostService = topology.hosts().stream().mapToInt(Topology.Host::serviceIndex).toArray();
        segments = new Segments[topology.services().size()][];
        for (Topology.Service service : topology.services()) {
            List<Topology.Host> hosts = service.hosts();
            Segments[] slots = new Segments[hosts.size() + 1];
            slots[0] = build(service.name(), null);
            for (int i = 0; i < hosts.size(); i++) {
                slots[i + 1] = build(service.name(), hosts.get(i).name());
                hostSlot[hosts.get(i).index()] = i + 1;
            }
            segments[service.index()] = slots;
        }
    }

    /** Hop count of each affected service from the root cause, along the cascade edges. */
    private static Map<String, Integer> hops(Incident incident) {
        Map<String, Integer> hops = new HashMap<>();
        hops.put(incident.rootCauseService(), 0);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CascadeEdge e : incident.cascade()) {
                Integer from = hops.get(e.callee());
                if (from != null && !hops.containsKey(e.caller())) {
                    hops.put(e.caller(), from + 1);
                    changed = true;
                }
            }
        }
        return hops;
    }

    private Segments build(String service, String host) {
        List<Integer> applicable = new ArrayList<>();
        TreeSet<Long> bounds = new TreeSet<>();
        for (int w = 0; w < windows.size(); w++) {
            AffectedService a = windows.get(w);
            if (a.service().equals(service) && (a.host() == null || a.host().equals(host)) && a.start().isBefore(a.end())) {
                applicable.add(w);
                bounds.add(a.start().toEpochMilli());
                bounds.add(a.end().toEpochMilli());
            }
        }
        Long[] b = bounds.toArray(new Long[0]);
        long[] starts = new long[b.length];
        long[] ends = new long[b.length];
        int[] winner = new int[b.length];
        int n = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            long from = b[i];
            long to = b[i + 1];
            int win = -1;
            for (int w : applicable) {
                AffectedService a = windows.get(w);
                if (a.start().toEpochMilli() <= from && to <= a.end().toEpochMilli()) {
                    win = w;
                    break;
                }
            }
            if (win < 0) {
                continue;
            }
            if (n > 0 && winner[n - 1] == win && ends[n - 1] == from) {
                ends[n - 1] = to;
            } else {
                starts[n] = from;
                ends[n] = to;
                winner[n] = win;
                n++;
            }
        }
        return new Segments(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), Arrays.copyOf(winner, n));
    }

    /**
     * Returns the id of the incident labelling a record, or {@code null} when it is normal.
     *
     * @param serviceIndex the service's index in the topology
     * @param hostIndex the host's index in the topology, or -1 when the record has no host
     * @param epochMillis the record's time
     * @return the incident id, or {@code null}
     */
    public String incidentAt(int serviceIndex, int hostIndex, long epochMillis) {
        int w = windowAt(serviceIndex, hostIndex, epochMillis);
        return w < 0 ? null : windowIncidentId[w];
    }

    /**
     * Returns the number of the affected window that labels a record, or -1 when it is normal.
     * Windows are numbered in ground-truth order (incidents, then their affected services).
     *
     * @param serviceIndex the service's index in the topology
     * @param hostIndex the host's index in the topology, or -1 when the record has no host
     * @param epochMillis the record's time
     * @return the window number, or -1
     */
    public int windowAt(int serviceIndex, int hostIndex, long epochMillis) {
        Segments[] slots = segments[serviceIndex];
        int slot = 0;
        if (hostIndex >= 0 && hostService[hostIndex] == serviceIndex) {
            slot = hostSlot[hostIndex];
        } else if (hostIndex >= 0) {
            slot = foreignSlot(serviceIndex, hostIndex);
        }
        return slots[slot].find(epochMillis);
    }

    /** A host named in another service's fleet may share its name with one of ours (explicit host lists). */
    private int foreignSlot(int serviceIndex, int hostIndex) {
        String name = topology.hosts().get(hostIndex).name();
        List<Topology.Host> hosts = topology.services().get(serviceIndex).hosts();
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** @return how many affected windows the index holds */
    public int windowCount() {
        return windows.size();
    }

    /**
     * Returns an affected window.
     *
     * @param window a window number from {@link #windowAt}
     * @return its service, host, role and time span
     */
    public AffectedService window(int window) {
        return windows.get(window);
    }

    /**
     * Returns the incident a window belongs to.
     *
     * @param window a window number
     * @return the incident
     */
    public Incident incident(int window) {
        return windowIncident.get(window);
    }

    /**
     * Returns how many cascade steps separate a window's service from the root cause.
     *
     * @param window a window number
     * @return 0 for the root cause, 1 for its direct callers, and so on
     */
    public int hop(int window) {
        return windowHop.get(window);
    }

    /** Sorted disjoint [start, end) segments and the window winning each. */
    private static final class Segments {
        final long[] starts;
        final long[] ends;
        final int[] winner;

        Segments(long[] starts, long[] ends, int[] winner) {
            this.starts = starts;
            this.ends = ends;
            this.winner = winner;
        }

        int find(long t) {
            // Most records are normal and most tables short: answer those without a search.
            int n = starts.length;
            if (n == 0 || t < starts[0] || t >= ends[n - 1]) {
                return -1;
            }
            int i = Arrays.binarySearch(starts, t);
            if (i < 0) {
                i = -i - 2;
            }
            return i >= 0 && t < ends[i] ? winner[i] : -1;
        }
    }
}
