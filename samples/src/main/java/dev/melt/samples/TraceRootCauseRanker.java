package dev.melt.samples;

import dev.melt.generator.SpanRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A small RCA engine over the trace call graph. For each suspect window (typically an alert) it
 * ranks the services by how much they look like the origin of the trouble, using two
 * observations every SRE makes by hand:
 * <ul>
 *   <li><b>Where do errors start?</b> In a failed trace, the <em>error origin</em> is a failed
 *       span none of whose children failed: the deepest failing service. Callers of a broken
 *       service fail too, but their failed spans have a failed child. A dead service leaves no
 *       span at all, so when a failed span lacks a callee its service calls under at least 90%
 *       of its normal spans, the missing callee is blamed instead. A service scores the share
 *       of failed traces it originates in the window, minus its share before the window.</li>
 *   <li><b>Where is time spent?</b> A span's <em>self time</em> is its duration minus that of
 *       its children. A slow database makes every caller slow, but only the database's self
 *       time grows. Only clean spans count (ok, no failed or missing callee): a failed call
 *       lasts as long as its timeout, and a caller handling a failure waits and retries. A
 *       service scores the share of its mean self time in the window that is new,
 *       {@code 1 − before / now}, on its worst host (a CPU spike may hit one host only).</li>
 * </ul>
 * Both scores lie between 0 and 1 and the score is their sum; the ranking lists every service
 * seen in the window, best candidate first.
 *
 * <pre>{@code
 * Map<String, List<String>> ranking;
 * try (Stream<SpanRecord> spans = data.traces()) {
 *     ranking = new TraceRootCauseRanker().rank(spans, List.of(new SuspectWindow("alert-1", from, to)));
 * }
 * }</pre>
 *
 * <p>Spans are grouped per trace and a trace is analysed once no span of it can still arrive,
 * so memory holds the traces of a few minutes, not the file.
 */
public final class TraceRootCauseRanker {

    /** How long after its first span a trace is considered complete. */
    private static final long TRACE_HORIZON_MILLIS = 120_000;

    private final Duration baseline;

    /**
     * A period in which something is wrong, whose root cause is wanted.
     *
     * @param id a name for the window, such as an alert or incident id
     * @param start the start (inclusive)
     * @param end the end (exclusive)
     */
    public record SuspectWindow(String id, Instant start, Instant end) {

        /**
         * Creates a suspect window.
         *
         * @param id the name
         * @param start the start (inclusive)
         * @param end the end (exclusive), not before the start
         */
        public SuspectWindow {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("suspect window " + id + " end: " + end
                        + " is not accepted; expected an instant at or after start " + start);
            }
        }
    }

    /**
     * Creates a ranker that compares each window with the 30 minutes before it, leaving out
     * the traces of other suspect windows.
     */
    public TraceRootCauseRanker() {
        this(Duration.ofMinutes(30));
    }

    /**
     * Creates a ranker.
     *
     * @param baseline how far before a window its baseline reaches, positive
     */
    public TraceRootCauseRanker(Duration baseline) {
        if (baseline.isZero() || baseline.isNegative()) {
            throw new IllegalArgumentException("baseline: " + baseline + " is not accepted; expected a positive duration");
        }
        this.baseline = baseline;
    }

    /**
     * Ranks the root-cause candidates of each window.
     *
     * @param spans the spans in file order; consumed, not closed
     * @param windows the suspect windows
     * @return for each window id, every service seen in the window, most likely root cause first
     */
    public Map<String, List<String>> rank(Stream<SpanRecord> spans, List<SuspectWindow> windows) {
        List<WindowEvidence> evidence = new ArrayList<>();
        for (SuspectWindow window : windows) {
            evidence.add(new WindowEvidence(window, window.start().minus(baseline)));
        }
        Map<String, List<SpanRecord>> openTraces = new LinkedHashMap<>();
        Map<String, Long> traceStart = new HashMap<>();
        spans.forEach(span -> {
            long at = span.startTime().toEpochMilli();
            openTraces.computeIfAbsent(span.traceId(), id -> {
                traceStart.put(id, at);
                return new ArrayList<>();
            }).add(span);
            // traces are opened in about time order, so the complete ones are at the head
            Iterator<Map.Entry<String, List<SpanRecord>>> oldest = openTraces.entrySet().iterator();
            while (oldest.hasNext()) {
                Map.Entry<String, List<SpanRecord>> entry = oldest.next();
                if (traceStart.get(entry.getKey()) >= at - TRACE_HORIZON_MILLIS) {
                    break;
                }
                analyse(entry.getValue(), evidence);
                traceStart.remove(entry.getKey());
                oldest.remove();
            }
        });
        openTraces.values().forEach(trace -> analyse(trace, evidence));
        Map<String, List<String>> ranking = new LinkedHashMap<>();
        for (WindowEvidence e : evidence) {
            ranking.put(e.window.id(), e.ranking());
        }
        return ranking;
    }

    private static void analyse(List<SpanRecord> trace, List<WindowEvidence> evidence) {
        Instant start = trace.get(0).startTime();
        for (SpanRecord span : trace) {
            if (span.startTime().isBefore(start)) {
                start = span.startTime();
            }
        }
        boolean suspect = false;
        for (WindowEvidence e : evidence) {
            suspect |= e.covers(start);
        }
        for (WindowEvidence e : evidence) {
            if (e.covers(start)) {
                e.add(trace, e.suspect);
            } else if (!suspect && !start.isBefore(e.baselineStart) && start.isBefore(e.window.start())) {
                // a trace inside another suspect window is no baseline: the incidents may follow each other
                e.add(trace, e.normal);
            }
        }
    }

    /** What the traces of one period say about each service. */
    private static final class PeriodStats {
        long traces;
        long failedTraces;
        final Map<String, Double> errorOrigins = new HashMap<>();
        final Map<String, Set<String>> hosts = new TreeMap<>();
        /** Per service and host: {sum of self micros, clean spans}. */
        final Map<String, double[]> selfTime = new HashMap<>();

        double originShare(String service) {
            return failedTraces == 0 ? 0.0 : errorOrigins.getOrDefault(service, 0.0) / failedTraces;
        }

        double meanSelfTime(String service, String host) {
            double[] s = selfTime.get(service + '\u0000' + host);
            return s == null || s[1] == 0 ? Double.NaN : s[0] / s[1];
        }
    }

    /** Which services each service usually calls, learnt from the spans of normal traces. */
    private static final class ObservedCallGraph {
        private final Map<String, Long> spans = new HashMap<>();
        private final Map<String, Map<String, Long>> calls = new HashMap<>();

        void learn(String service, Set<String> called) {
            spans.merge(service, 1L, Long::sum);
            for (String callee : called) {
                calls.computeIfAbsent(service, k -> new HashMap<>()).merge(callee, 1L, Long::sum);
            }
        }

        /** @return the callees present under at least 90% of the service's normal spans */
        List<String> usualCallees(String service) {
            long total = spans.getOrDefault(service, 0L);
            List<String> usual = new ArrayList<>();
            calls.getOrDefault(service, Map.of()).forEach((callee, count) -> {
                if (count >= 0.9 * total) {
                    usual.add(callee);
                }
            });
            return usual;
        }
    }

    private static final class WindowEvidence {
        final SuspectWindow window;
        final Instant baselineStart;
        final PeriodStats suspect = new PeriodStats();
        final PeriodStats normal = new PeriodStats();
        final ObservedCallGraph callGraph = new ObservedCallGraph();

        WindowEvidence(SuspectWindow window, Instant baselineStart) {
            this.window = window;
            this.baselineStart = baselineStart;
        }

        boolean covers(Instant at) {
            return !at.isBefore(window.start()) && at.isBefore(window.end());
        }

        void add(List<SpanRecord> trace, PeriodStats period) {
            Map<String, Long> childMicros = new HashMap<>();
            Map<String, Boolean> hasFailedChild = new HashMap<>();
            Map<String, Set<String>> calledServices = new HashMap<>();
            for (SpanRecord span : trace) {
                if (span.parentSpanId() != null) {
                    childMicros.merge(span.parentSpanId(), span.durationMicros(), Long::sum);
                    calledServices.computeIfAbsent(span.parentSpanId(), k -> new HashSet<>()).add(span.service());
                    if (span.isError()) {
                        hasFailedChild.put(span.parentSpanId(), Boolean.TRUE);
                    }
                }
            }
            boolean failed = false;
            for (SpanRecord span : trace) {
                Set<String> called = calledServices.getOrDefault(span.spanId(), Set.of());
                List<String> missing = missingCallees(span.service(), called);
                period.hosts.computeIfAbsent(span.service(), k -> new TreeSet<>()).add(String.valueOf(span.host()));
                double[] s = period.selfTime.computeIfAbsent(span.service() + '\u0000' + span.host(),
                        k -> new double[2]);
                if (missing.isEmpty() && !span.isError() && !hasFailedChild.containsKey(span.spanId())) {
                    // only clean calls tell a service's own speed: a failed call lasts as long as its
                    // timeout, and a caller handling a failed or missing callee waits and retries
                    s[0] += Math.max(0, span.durationMicros() - childMicros.getOrDefault(span.spanId(), 0L));
                    s[1]++;
                }
                if (period == normal) {
                    callGraph.learn(span.service(), called);
                }
                if (span.isError()) {
                    failed = true;
                    if (!hasFailedChild.containsKey(span.spanId())) {
                        blameOrigin(span.service(), missing, period);
                    }
                }
            }
            period.traces++;
            if (failed) {
                period.failedTraces++;
            }
        }

        private List<String> missingCallees(String service, Set<String> called) {
            List<String> missing = new ArrayList<>();
            for (String callee : callGraph.usualCallees(service)) {
                if (!called.contains(callee)) {
                    missing.add(callee);
                }
            }
            return missing;
        }

        /**
         * Credits the origin of a failure: the failed span's own service, unless services it
         * usually calls are missing from its children: callees that did not answer at all (an
         * outage leaves no span of the dead service).
         */
        private static void blameOrigin(String service, List<String> missing, PeriodStats period) {
            if (missing.isEmpty()) {
                period.errorOrigins.merge(service, 1.0, Double::sum);
            } else {
                for (String callee : missing) {
                    period.errorOrigins.merge(callee, 1.0 / missing.size(), Double::sum);
                }
            }
        }

        double errorScore(String service) {
            return Math.max(0.0, suspect.originShare(service) - normal.originShare(service));
        }

        /** The worst slowdown over the service's hosts: a CPU spike may hit one host only. */
        double slowdownScore(String service) {
            double worst = 0.0;
            for (String host : suspect.hosts.getOrDefault(service, Set.of())) {
                double now = suspect.meanSelfTime(service, host);
                double before = normal.meanSelfTime(service, host);
                if (now > 0 && before > 0) { // false for NaN: no clean span in one of the periods
                    worst = Math.max(worst, 1 - before / now);
                }
            }
            return worst;
        }

        /** Scores a service: the excess of error origins plus the slowdown of its own time. */
        double score(String service) {
            return errorScore(service) + slowdownScore(service);
        }

        List<String> ranking() {
            Set<String> seen = new TreeSet<>(suspect.hosts.keySet());
            seen.addAll(suspect.errorOrigins.keySet());
            List<String> services = new ArrayList<>(seen);
            Map<String, Double> scores = new HashMap<>();
            for (String service : services) {
                scores.put(service, score(service));
            }
            services.sort(Comparator.comparing((String s) -> -scores.get(s)).thenComparing(Comparator.naturalOrder()));
            return services;
        }
    }
}
