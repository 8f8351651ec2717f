package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.encode.LogSink;
import dev.melt.generator.internal.encode.SpanSink;
import dev.melt.generator.internal.encode.SpanWriter;
import dev.melt.generator.internal.encode.TraceId;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Topology;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates traces and the logs written inside their spans, from the fleet model.
 *
 * <p>Requests enter each entry service as a Poisson process that follows the model's traffic
 * (daily cycle, weekends, noise). Each request walks the call graph depth first, callees called
 * one after another inside their caller, so a child span always lies inside its parent. A span's
 * own time is log-normal with the median and sigma the model gives its host at that second
 * (so CPU saturation, latency spikes, deployments and timeouts show), and it fails with the
 * model's error probability, with a status code, error code and ERROR log that fit the cause.
 * A span's duration is built bottom-up: its own time plus the time of its calls, so a slow
 * callee makes its callers' spans longer without touching their own time. A service that is
 * down refuses most calls (no span of its own; the caller spends a connect attempt and, in its
 * cascade window, the timeouts and backoff of retries, in its own time since nothing else
 * holds it) and answers the rest with fast 503s. A caller absorbs a failing callee (retry,
 * fallback) until its own cascade window starts; from then it fails when a call it made failed,
 * with the model's propagation probability, and says which way the call failed. Spans slower
 * than their host's p99 log a WARN. Spans are dropped at the missing-span rate, and their logs
 * with them, so every log's span exists.
 */
final class TracesGenerator implements SignalGenerator {

    private static final String[] ROUTES = {"GET /checkout", "GET /products", "POST /cart", "GET /account",
        "POST /login", "GET /search"};
    /** Upper bound of the traffic multiplier, for thinning the arrival process. */
    private static final double PEAK = 1.7;

    private final Plan plan;
    private final Topology topology;
    /** Mean requests per millisecond entering at each entry service, at traffic multiplier 1. */
    private final double entryRatePerMilli;
    private final Vocabulary vocabulary;
    private final SpanSink.Operation[][] operations;
    private final JsonText[][] startedMessages;
    /** Per service and operation: the start of the WARN message of a slow request, up to its duration. */
    private final String[][] slowPrefixes;
    private final double[] baseError;
    private final FailureMode[] background;

    /**
     * Prepares the per-service constants.
     *
     * @param plan the plan
     * @param vocabulary the fleet's encoded names, shared with the log generator
     */
    TracesGenerator(Plan plan, Vocabulary vocabulary) {
        this.plan = plan;
        this.topology = plan.topology();
        int entries = topology.entryServices().size();
        this.entryRatePerMilli = TrafficModel.requestsPerSecond(plan) / 1000.0 / entries;
        this.vocabulary = vocabulary;
        this.operations = new SpanSink.Operation[topology.services().size()][];
        this.startedMessages = new JsonText[topology.services().size()][];
        this.slowPrefixes = new String[topology.services().size()][];
        this.baseError = new double[topology.services().size()];
        this.background = new FailureMode[topology.services().size()];
        for (Topology.Service s : topology.services()) {
            String[] ops = s.isEntry() ? ROUTES
                    : new String[] {s.name() + ".get", s.name() + ".list", s.name() + ".update"};
            operations[s.index()] = Arrays.stream(JsonText.of(ops)).map(SpanWriter::operation)
                    .toArray(SpanSink.Operation[]::new);
            startedMessages[s.index()] = JsonText.of(Arrays.stream(ops).map(o -> o + " started").toArray(String[]::new));
            slowPrefixes[s.index()] = Arrays.stream(ops).map(o -> "Slow request: " + o + " took ").toArray(String[]::new);
            baseError[s.index()] = plan.model().baselineErrorProbability(s.index());
            background[s.index()] = s.callees().isEmpty() ? FailureMode.BACKGROUND_LEAF : FailureMode.BACKGROUND;
        }
    }

    @Override
    public void generate(ChunkContext chunk, HostTimeline timeline) {
        List<Topology.Service> entries = topology.entryServices();
        long[][] arrivals = new long[entries.size()][];
        Walk[] walks = new Walk[entries.size()];
        for (int e = 0; e < entries.size(); e++) {
            Topology.Service entry = entries.get(e);
            arrivals[e] = arrivals(chunk, timeline, entry, chunk.random(Signal.TRACES, "arrivals/" + entry.name()));
            walks[e] = new Walk(chunk, timeline, chunk.random(Signal.TRACES, "walk/" + entry.name()));
        }
        merge(entries, arrivals, walks);
    }

    /**
     * Walks the traces of every entry service in start order, merging their arrivals. Kept apart
     * from the set-up above: the JIT compiles this loop late in a run (it turns hundreds of times
     * per chunk but runs once per chunk), and then it should be this loop alone, not the arrival
     * sampling and the random streams' seeding too.
     */
    private static void merge(List<Topology.Service> entries, long[][] arrivals, Walk[] walks) {
        int[] next = new int[entries.size()];
        while (true) {
            int pick = -1;
            for (int e = 0; e < entries.size(); e++) {
                if (next[e] < arrivals[e].length
                        && (pick < 0 || arrivals[e][next[e]] < arrivals[pick][next[pick]])) {
                    pick = e;
                }
            }
            if (pick < 0) {
                break;
            }
            walks[pick].trace(entries.get(pick).index(), arrivals[pick][next[pick]++]);
        }
    }

    /** Arrival times in epoch microseconds: a Poisson process thinned by the entry service's traffic. */
    private long[] arrivals(ChunkContext chunk, HostTimeline timeline, Topology.Service entry,
                            UniformRandomProvider rng) {
        double meanGapMillis = 1 / (entryRatePerMilli * PEAK);
        ContinuousSampler gap = ZigguratSampler.Exponential.of(rng, meanGapMillis);
        int host = entry.hosts().get(0).index();
        long[] out = new long[16];
        int n = 0;
        double t = chunk.startMillis();
        while (true) {
            t += gap.sample();
            if (t >= chunk.endMillis()) {
                break;
            }
            if (rng.nextDouble() * PEAK < timeline.traffic(timeline.slot(host, (long) t))) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = (long) (t * 1000);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The state of walking the traces of one entry service through one chunk. */
    private final class Walk {
        private final UniformRandomProvider rng;
        private final ContinuousSampler gaussian;
        private final HostTimeline timeline;
        private final SpanSink spans;
        private final LogSink logs;
        private final IncidentIndex incidents;
        private final TraceId traceId = new TraceId();
        private final double debugRatio;
        private final double missingRate;
        private int n;
        private int[] service = new int[16];
        private int[] host = new int[16];
        /** Duration above which a span is slower than its host's p99 at that second. */
        private long[] slowMicros = new long[16];
        private int[] parent = new int[16];
        private long[] spanId = new long[16];
        private long[] start = new long[16];
        private long[] duration = new long[16];
        private boolean[] error = new boolean[16];
        private FailureMode.Cause[] cause = new FailureMode.Cause[16];

        Walk(ChunkContext chunk, HostTimeline timeline, UniformRandomProvider rng) {
            this.rng = rng;
            this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            this.timeline = timeline;
            this.spans = chunk.spans();
            this.logs = chunk.logs();
            this.incidents = plan.incidents();
            this.debugRatio = plan.config().debugLogRatio();
            this.missingRate = plan.config().missingSpanRate();
        }

        void trace(int entry, long startMicros) {
            traceId.set(rng.nextLong(), rng.nextLong());
            n = 0;
            visit(entry, -1, startMicros);
            for (int i = 0; i < n; i++) {
                if (rng.nextDouble() < missingRate) {
                    continue;
                }
                write(i);
            }
        }

        /** Walks one call; returns the span's index, or -1 when the service refused the connection. */
        private int visit(int svc, int parentIndex, long startMicros) {
            Topology.Service s = topology.services().get(svc);
            int h = s.hosts().get(rng.nextInt(s.hosts().size())).index();
            // Read the host's state now: visiting the callees looks up other slots.
            int at = timeline.slot(h, Math.floorDiv(startMicros, 1000L));
            boolean down = timeline.down(at);
            if (down && rng.nextDouble() >= timeline.servedShare(at)) {
                return -1;
            }
            double ownMedian = timeline.ownMedianMicros(at);
            double sigma = timeline.sigma(at);
            double errorProbability = timeline.errorProbability(at);
            double propagation = timeline.propagation(at);
            FailureMode mode = timeline.mode(at);
            double refusedWait = timeline.refusedWaitMicros(at);
            grow();
            int i = n++;
            service[i] = svc;
            host[i] = h;
            slowMicros[i] = down ? Long.MAX_VALUE
                    : (long) timeline.latencyP99Micros(at);
            parent[i] = parentIndex;
            long id = rng.nextLong();
            spanId[i] = id == 0 ? 1 : id;
            start[i] = startMicros;
            long cursor = startMicros + 20 + rng.nextInt(200);
            FailureMode.Cause calleeFault = null;
            if (!down) {
                for (int callee : s.callees()) {
                    int c = visit(callee, i, cursor);
                    if (c < 0) {
                        // A refused connection costs the caller a connect attempt (0.2-1 ms); in its
                        // cascade window also the timeouts and backoff of its retries. The dead callee
                        // leaves no span, so that wait is this span's own time.
                        cursor += 200 + rng.nextInt(800);
                        if (refusedWait > 0) {
                            cursor += (long) (refusedWait * Math.exp(sigma * gaussian.sample()));
                        }
                        calleeFault = FailureMode.UPSTREAM_REFUSED;
                    } else {
                        cursor = start[c] + duration[c] + 10 + rng.nextInt(100);
                        if (error[c] && calleeFault == null) {
                            calleeFault = FailureMode.UPSTREAM_FAILED;
                        }
                    }
                }
            }
            // Log-normal own time: heavy-tailed, as service latencies are.
            double self = ownMedian * Math.exp(sigma * gaussian.sample());
            duration[i] = cursor - startMicros + (long) self;
            double u = rng.nextDouble();
            if (down) {
                cause[i] = mode.cause(rng.nextDouble());
            } else if (mode.blamesCallee()) {
                // In a cascade a caller fails because a call it made failed, unless retries or a
                // fallback absorb it; otherwise only at its own background rate.
                double base = baseError[svc];
                if (calleeFault != null && u < base + (1 - base) * propagation) {
                    cause[i] = calleeFault;
                } else {
                    cause[i] = u < base ? background[svc].cause(rng.nextDouble()) : null;
                }
            } else {
                cause[i] = u < errorProbability ? mode.cause(rng.nextDouble()) : null;
            }
            error[i] = cause[i] != null;
            return i;
        }

        private void write(int i) {
            int svc = service[i];
            long startMillis = Math.floorDiv(start[i], 1000L);
            String incident = incidents.incidentAt(svc, host[i], startMillis);
            int op = rng.nextInt(operations[svc].length);
            FailureMode.Cause cause = this.cause[i];
            SpanSink span = spans.begin(traceId, spanId[i], parent[i] < 0 ? 0 : spanId[parent[i]], operations[svc][op],
                            start[i], duration[i], vocabulary.origin(host[i]))
                    .field(Vocabulary.HTTP_STATUS_CODE, cause == null ? 200 : cause.httpStatus());
            if (cause != null) {
                span.field(Vocabulary.ERROR_DOT_CODE, Vocabulary.errorCode(cause));
            }
            span.end(error[i], incident);
            int level = rng.nextDouble() < debugRatio ? Vocabulary.DEBUG : Vocabulary.INFO;
            LogSink.Host logHost = vocabulary.logHost(host[i]);
            logs.begin(startMillis, vocabulary.head(level, svc), startedMessages[svc][op], traceId, spanId[i], logHost)
                    .end(incident);
            long endMillis = Math.floorDiv(start[i] + duration[i], 1000L);
            if (cause != null) {
                failed(i, cause, endMillis);
            } else if (duration[i] > slowMicros[i]) {
                slow(i, op, endMillis);
            }
        }

        /**
         * Writes the ERROR line of a failed span; {@link #slow} writes the WARN line of a slow one.
         * Methods of their own for reading's sake only: their calls run thousands of times in a
         * run, so C2 still inlines both into the compiled {@link #write}.
         */
        private void failed(int i, FailureMode.Cause cause, long endMillis) {
            logs.begin(endMillis, vocabulary.head(Vocabulary.ERROR, service[i]), Vocabulary.message(cause), traceId,
                            spanId[i], vocabulary.logHost(host[i]))
                    .field(Vocabulary.ERROR_CODE, Vocabulary.errorCode(cause))
                    .field(Vocabulary.HTTP_STATUS_CODE, cause.httpStatus())
                    .end(incidents.incidentAt(service[i], host[i], endMillis));
        }

        /** Writes the WARN line of a span slower than its host's p99: {@code Slow request: OP took N ms}. */
        private void slow(int i, int op, long endMillis) {
            long ms = duration[i] / 1000;
            logs.begin(endMillis, vocabulary.head(Vocabulary.WARN, service[i]), slowPrefixes[service[i]][op], ms, " ms",
                            traceId, spanId[i], vocabulary.logHost(host[i]))
                    .field(Vocabulary.DURATION_MS, ms)
                    .end(incidents.incidentAt(service[i], host[i], endMillis));
        }

        private void grow() {
            if (n == service.length) {
                int size = n * 2;
                service = Arrays.copyOf(service, size);
                host = Arrays.copyOf(host, size);
                slowMicros = Arrays.copyOf(slowMicros, size);
                parent = Arrays.copyOf(parent, size);
                spanId = Arrays.copyOf(spanId, size);
                start = Arrays.copyOf(start, size);
                duration = Arrays.copyOf(duration, size);
                error = Arrays.copyOf(error, size);
                cause = Arrays.copyOf(cause, size);
            }
        }
    }
}
