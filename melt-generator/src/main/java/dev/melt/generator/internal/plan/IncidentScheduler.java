package dev.melt.generator.internal.plan;

import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.RootCause;
import dev.melt.generator.internal.incident.IncidentStrategies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Decides, from the spec and seed alone, every incident of a dataset before any record exists:
 * type, root-cause service and host, window, and the cascade onto callers. The result is the
 * ground truth that records are labelled from.
 *
 * <p>Rules, in the order they are applied:
 * <ul>
 *   <li>No incident starts before the warm-up ({@link AnomalyConfig#warmUp()}, or by default
 *       the lesser of 30 minutes and 20% of the dataset), so a detector sees a baseline first.</li>
 *   <li>Each requested type occurs once for sure; further incidents of a type follow a Poisson
 *       count with mean {@code probability per hour x hours after the warm-up}, capped so that
 *       incidents cover at most about a quarter of that time.</li>
 *   <li>A duration is drawn uniformly between the type's minimum and maximum, whole seconds,
 *       clamped to fit the dataset.</li>
 *   <li>The root cause is drawn by seed, services that have callers three times as likely as
 *       entry services for outages, latency spikes and error bursts. A CPU spike hits one host; the other types
 *       hit every host of the service. A network type ({@code network_delay}, {@code packet_loss})
 *       hits an edge: its caller is drawn among the services that call another, its callee among
 *       the caller's callees; the caller's window is the root cause's, the callee has none.</li>
 *   <li>Every incident cascades to callers, transitively: each caller starts to show the
 *       incident a lag after its callee (1–3 s for latency, which travels with synchronous
 *       calls; 2–8 s for a CPU spike, as the saturated host's queue builds up; 5–30 s for
 *       outages, as retries and connection pools give out; 10–45 s for error bursts, as retry
 *       budgets run dry) and recovers a little after it. A CPU spike's callers are affected on
 *       every host (any of their requests may be routed to the sick host), more weakly: only
 *       the calls routed to that host are slower. When a caller is reachable along several
 *       paths the earliest onset wins.</li>
 *   <li>Half of the latency spikes are followed, on the same service, by an error burst that
 *       starts as the spike ends (when both types are requested and the burst fits).</li>
 *   <li>Unless {@link AnomalyConfig#allowOverlap()}, no two windows (root or cascade) on one
 *       service overlap; windows keep a one-minute gap when the dataset allows it.</li>
 *   <li>Ids {@code inc-0001}, {@code inc-0002}... follow start order.</li>
 * </ul>
 */
public final class IncidentScheduler {

    /** Gap kept between two windows on one service when there is room for it. */
    private static final long GAP_MILLIS = 60_000;
    private static final int ATTEMPTS = 64;
    private static final double FOLLOW_UP_PROBABILITY = 0.5;

    private final GenerationConfig config;
    private final Topology topology;
    private final IncidentStrategies strategies;
    private final long start;
    private final long end;
    private final List<Window> placed = new ArrayList<>();
    private final List<Placement> placements = new ArrayList<>();

    private IncidentScheduler(GenerationConfig config, Topology topology, Instant start, Instant end,
                              IncidentStrategies strategies) {
        this.config = config;
        this.topology = topology;
        this.strategies = strategies;
        this.start = start.toEpochMilli();
        this.end = end.toEpochMilli();
    }

    /**
     * Schedules the incidents of a dataset.
     *
     * @param config the spec (seed, requested anomaly types, anomaly settings)
     * @param topology the fleet
     * @param start the first instant of the dataset
     * @param end the end of the dataset (exclusive)
     * @return the ground truth
     * @throws IllegalArgumentException when anomalies are requested and the warm-up leaves no
     *     time for them
     */
    public static GroundTruth schedule(GenerationConfig config, Topology topology, Instant start, Instant end) {
        return schedule(config, topology, start, end, IncidentStrategies.standard());
    }

    /**
     * Schedules the incidents of a dataset with given incident strategies.
     *
     * @param config the spec (seed, requested anomaly types, anomaly settings)
     * @param topology the fleet
     * @param start the first instant of the dataset
     * @param end the end of the dataset (exclusive)
     * @param strategies the strategy of each type
     * @return the ground truth
     * @throws IllegalArgumentException when anomalies are requested and the warm-up leaves no
     *     time for them
     */
    public static GroundTruth schedule(GenerationConfig config, Topology topology, Instant start, Instant end,
                                       IncidentStrategies strategies) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end: " + end + " is not accepted; expected after start " + start);
        }
        if (config.anomalies().isEmpty()) {
            return new GroundTruth(start, end, List.of());
        }
        return new IncidentScheduler(config, topology, start, end, strategies).run();
    }

    /**
     * Returns the warm-up of a dataset: the configured one, or the lesser of 30 minutes and 20%
     * of the duration.
     *
     * @param anomalies the anomaly configuration
     * @param duration the dataset's duration
     * @return the warm-up
     */
    public static Duration warmUp(AnomalyConfig anomalies, Duration duration) {
        if (anomalies.warmUp() != null) {
            return anomalies.warmUp();
        }
        Duration fifth = Duration.ofMillis(duration.toMillis() / 5);
        return fifth.compareTo(Duration.ofMinutes(30)) < 0 ? fifth : Duration.ofMinutes(30);
    }

    private GroundTruth run() {
        AnomalyConfig anomalies = config.anomalyConfig();
        for (AnomalyType type : config.anomalies()) {
            if (strategies.of(type).hitsAnEdge()
                    && topology.services().stream().allMatch(s -> s.callees().isEmpty())) {
                throw new IllegalArgumentException("anomalies: " + type.id() + " is not accepted for a call graph in"
                        + " which no service calls another; it needs an edge (a service with a callee)");
            }
        }
        Duration warm = warmUp(anomalies, Duration.ofMillis(end - start));
        long from = ceilSecond(start + warm.toMillis());
        if (end - from < 1000) {
            throw new IllegalArgumentException("warmUp: " + warm + " is not accepted; expected less than the"
                    + " dataset's duration " + Duration.ofMillis(end - start) + " so that the requested anomalies "
                    + config.anomalies() + " fit after it (shorten the warm-up or lengthen the dataset)");
        }
        long available = end - from;
        List<Task> tasks = new ArrayList<>();
        List<Task> extras = new ArrayList<>();
        for (AnomalyType type : config.anomalies()) {
            AnomalyConfig.Settings s = anomalies.settings(type);
            UniformRandomProvider rng = RandomStreams.stream(config.seed(), "incident-count", type.ordinal());
            tasks.add(new Task(type, true));
            double mean = s.probability() * available / 3_600_000.0;
            int extra = mean > 0 ? PoissonSampler.of(rng, mean).sample() : 0;
            long meanDuration = (s.minDuration().toMillis() + s.maxDuration().toMillis()) / 2;
            long cap = available / 4 / Math.max(1, config.anomalies().size()) / Math.max(1, meanDuration);
            for (int i = 0; i < Math.min(extra, cap); i++) {
                extras.add(new Task(type, false));
            }
        }
        // Extras of different types interleave so that no type crowds out another.
        tasks.addAll(interleave(extras));
        UniformRandomProvider rng = RandomStreams.stream(config.seed(), "incident-schedule");
        for (Task task : tasks) {
            Placement p = place(task, from, rng);
            if (p == null && task.mandatory) {
                throw new IllegalArgumentException("duration: " + Duration.ofMillis(end - start)
                        + " is not accepted; expected a dataset long enough to hold one incident of each of "
                        + config.anomalies() + " after the warm-up of " + warm);
            }
            if (p != null) {
                placements.add(p);
                placed.addAll(p.windows);
            }
        }
        for (AnomalyType type : config.anomalies()) {
            AnomalyType next = strategies.of(type).followedBy();
            if (next != null && config.anomalies().contains(next)) {
                followUp(type, next, rng);
            }
        }
        placements.sort(Comparator.comparingLong((Placement p) -> p.start).thenComparing(p -> p.type)
                .thenComparingInt(p -> p.service));
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            incidents.add(placements.get(i).toIncident("inc-" + Topology.zeroPadded(i + 1, 4)));
        }
        return new GroundTruth(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), incidents);
    }

    private static List<Task> interleave(List<Task> extras) {
        List<List<Task>> byType = new ArrayList<>();
        for (AnomalyType t : AnomalyType.values()) {
            List<Task> list = new ArrayList<>();
            extras.stream().filter(e -> e.type == t).forEach(list::add);
            byType.add(list);
        }
        List<Task> out = new ArrayList<>();
        for (int round = 0; out.size() < extras.size(); round++) {
            for (List<Task> list : byType) {
                if (round < list.size()) {
                    out.add(list.get(round));
                }
            }
        }
        return out;
    }

    /** Tries strict placement (gap kept), then without the gap, then shorter, until it fits. */
    private Placement place(Task task, long from, UniformRandomProvider rng) {
        AnomalyConfig.Settings s = config.anomalyConfig().settings(task.type);
        long minSec = Math.max(1, s.minDuration().toSeconds());
        long maxSec = Math.max(minSec, s.maxDuration().toSeconds());
        long durationSec = minSec + rng.nextLong(maxSec - minSec + 1);
        long durationMillis = Math.min(durationSec * 1000, (end - from) / 1000 * 1000);
        boolean overlapAllowed = config.anomalyConfig().allowOverlap();
        for (long d = durationMillis; d >= 1000; d = d / 2 / 1000 * 1000) {
            for (long gap : overlapAllowed ? new long[] {0} : new long[] {GAP_MILLIS, 0}) {
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    Placement p = candidate(task.type, from, d, rng);
                    if (overlapAllowed || !conflicts(p, gap)) {
                        return p;
                    }
                }
                if (!task.mandatory) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Some incidents are often followed by another on the same service (a latency spike by an
     * error burst, as timeouts and exhausted pools turn slowness into failures): each incident of
     * the first type gets one, starting when it ends, with probability
     * {@value #FOLLOW_UP_PROBABILITY} when the follow-up fits without overlap.
     */
    private void followUp(AnomalyType first, AnomalyType next, UniformRandomProvider rng) {
        AnomalyConfig.Settings s = config.anomalyConfig().settings(next);
        List<Placement> spikes = new ArrayList<>();
        placements.stream().filter(p -> p.type == first).forEach(spikes::add);
        for (Placement spike : spikes) {
            long minSec = Math.max(1, s.minDuration().toSeconds());
            long maxSec = Math.max(minSec, s.maxDuration().toSeconds());
            long duration = (minSec + rng.nextLong(maxSec - minSec + 1)) * 1000;
            if (rng.nextDouble() >= FOLLOW_UP_PROBABILITY || spike.end + duration > end) {
                continue;
            }
            Placement burst = new Placement(next, spike.service, -1, spike.end, spike.end + duration);
            burst.windows.add(new Window(spike.service, -1, AffectedService.Role.ROOT_CAUSE, burst.start, burst.end, 0));
            cascade(burst, rng);
            if (config.anomalyConfig().allowOverlap() || !conflicts(burst, 0)) {
                placements.add(burst);
                placed.addAll(burst.windows);
            }
        }
    }

    private Placement candidate(AnomalyType type, long from, long duration, UniformRandomProvider rng) {
        int service = pickRootService(type, rng);
        List<Topology.Host> hosts = topology.services().get(service).hosts();
        int host = strategies.of(type).hitsOneHost() ? hosts.get(rng.nextInt(hosts.size())).index() : -1;
        int callee = -1;
        if (strategies.of(type).hitsAnEdge()) {
            List<Integer> callees = topology.services().get(service).callees();
            callee = callees.get(rng.nextInt(callees.size()));
        }
        long latestStart = end - duration;
        long onset = from + (latestStart > from ? rng.nextLong((latestStart - from) / 1000 + 1) * 1000 : 0);
        onset = Math.min(onset, latestStart);
        Placement p = new Placement(type, service, host, onset, onset + duration);
        p.callee = callee;
        p.windows.add(new Window(service, host, AffectedService.Role.ROOT_CAUSE, onset, onset + duration, 0));
        cascade(p, rng);
        return p;
    }

    private int pickRootService(AnomalyType type, UniformRandomProvider rng) {
        List<Topology.Service> services = topology.services();
        int[] weight = new int[services.size()];
        int total = 0;
        boolean inner = strategies.of(type).prefersInnerServices();
        boolean edge = strategies.of(type).hitsAnEdge();
        for (Topology.Service s : services) {
            weight[s.index()] = edge && s.callees().isEmpty() ? 0 : inner && !s.isEntry() ? 3 : 1;
            total += weight[s.index()];
        }
        int r = rng.nextInt(total);
        for (int i = 0; i < weight.length; i++) {
            r -= weight[i];
            if (r < 0) {
                return i;
            }
        }
        return weight.length - 1;
    }

    /** Spreads the root window to callers, earliest onset first (Dijkstra over lags). */
    private void cascade(Placement p, UniformRandomProvider rng) {
        int n = topology.services().size();
        long[] onset = new long[n];
        long[] recovery = new long[n];
        int[] hop = new int[n];
        java.util.Arrays.fill(onset, Long.MAX_VALUE);
        onset[p.service] = p.start;
        recovery[p.service] = p.end;
        boolean[] done = new boolean[n];
        PriorityQueue<long[]> queue = new PriorityQueue<>(Comparator.<long[]>comparingLong(a -> a[0])
                .thenComparingLong(a -> a[1]));
        queue.add(new long[] {p.start, p.service});
        while (!queue.isEmpty()) {
            int callee = (int) queue.poll()[1];
            if (done[callee]) {
                continue;
            }
            done[callee] = true;
            for (int caller : topology.services().get(callee).callers()) {
                if (done[caller]) {
                    continue;
                }
                long lag = strategies.of(p.type).cascadeLagMillis(rng);
                long callerOnset = onset[callee] + lag;
                long callerEnd = Math.min(end, recovery[callee] + rng.nextLong(lag / 1000 + 1) * 1000);
                if (callerOnset >= callerEnd || callerOnset >= onset[caller]) {
                    continue;
                }
                onset[caller] = callerOnset;
                recovery[caller] = callerEnd;
                hop[caller] = hop[callee] + 1;
                p.parent.put(caller, callee);
                queue.add(new long[] {callerOnset, caller});
            }
        }
        for (int s = 0; s < n; s++) {
            if (s != p.service && onset[s] != Long.MAX_VALUE) {
                p.windows.add(new Window(s, -1, AffectedService.Role.CASCADE, onset[s], recovery[s], hop[s]));
            }
        }
        p.windows.sort(Comparator.comparingInt((Window w) -> w.hop).thenComparingLong(w -> w.start)
                .thenComparingInt(w -> w.service));
    }

    private boolean conflicts(Placement p, long gap) {
        for (Window w : p.windows) {
            for (Window other : placed) {
                if (w.service == other.service && w.start < other.end + gap && other.start < w.end + gap) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long ceilSecond(long millis) {
        return Math.floorDiv(millis + 999, 1000) * 1000;
    }

    private static final class Task {
        final AnomalyType type;
        final boolean mandatory;

        Task(AnomalyType type, boolean mandatory) {
            this.type = type;
            this.mandatory = mandatory;
        }
    }

    /** One affected window in topology indexes; {@code host} is -1 for every host. */
    private static final class Window {
        final int service;
        final int host;
        final AffectedService.Role role;
        final long start;
        final long end;
        final int hop;

        Window(int service, int host, AffectedService.Role role, long start, long end, int hop) {
            this.service = service;
            this.host = host;
            this.role = role;
            this.start = start;
            this.end = end;
            this.hop = hop;
        }
    }

    private final class Placement {
        final AnomalyType type;
        final int service;
        final int host;
        final long start;
        final long end;
        final List<Window> windows = new ArrayList<>();
        final java.util.Map<Integer, Integer> parent = new java.util.HashMap<>();
        /** The callee of a root-cause edge, or -1 when the root cause is the service or host. */
        int callee = -1;

        Placement(AnomalyType type, int service, int host, long start, long end) {
            this.type = type;
            this.service = service;
            this.host = host;
            this.start = start;
            this.end = end;
        }

        Incident toIncident(String id) {
            List<AffectedService> affected = new ArrayList<>();
            List<CascadeEdge> edges = new ArrayList<>();
            for (Window w : windows) {
                String hostName = w.host < 0 ? null : topology.hosts().get(w.host).name();
                affected.add(new AffectedService(name(w.service), hostName, w.role, Instant.ofEpochMilli(w.start),
                        Instant.ofEpochMilli(w.end)));
                Integer callee = parent.get(w.service);
                if (callee != null) {
                    long calleeOnset = windows.stream().filter(o -> o.service == callee).findFirst()
                            .orElseThrow().start;
                    edges.add(new CascadeEdge(name(callee), name(w.service), Duration.ofMillis(w.start - calleeOnset)));
                }
            }
            String hostName = host < 0 ? null : topology.hosts().get(host).name();
            RootCause cause = callee >= 0 ? RootCause.edge(name(service), name(callee))
                    : RootCause.of(name(service), hostName);
            return new Incident(id, type, name(service), hostName, Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(end), affected, edges, cause);
        }

        private String name(int s) {
            return topology.services().get(s).name();
        }
    }
}
