package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.engine.Plan;
import dev.melt.generator.internal.io.LogWriter;
import dev.melt.generator.internal.io.SpanWriter;
import dev.melt.generator.internal.io.TraceId;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Topology;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates traces and the logs written inside their spans. Requests enter each entry service
 * as a Poisson process that follows the daily traffic curve; each request walks the call graph
 * depth first, callees called one after another inside their caller, so a child span always lies
 * inside its parent. Self times are log-normal (heavy-tailed). A failing callee fails its
 * callers. Spans are dropped at the missing-span rate, and their logs with them, so every log's
 * span exists.
 */
public final class TracesGenerator implements SignalGenerator {

    private static final String[] ROUTES = {"GET /checkout", "GET /products", "POST /cart", "GET /account",
        "POST /login", "GET /search"};
    private static final double PEAK = 1.4;

    private final Plan plan;
    private final Topology topology;
    /** Mean requests per millisecond entering at each entry service, at the daily mean. */
    private final double entryRatePerMilli;
    private final double ownErrorProbability;
    private final String[][] operations;
    private final double[] selfMedianMicros;

    /**
     * Prepares the per-service constants.
     *
     * @param plan the plan
     */
    public TracesGenerator(Plan plan) {
        this.plan = plan;
        this.topology = plan.topology();
        int entries = topology.entryServices().size();
        this.entryRatePerMilli = TrafficModel.requestsPerSecond(plan) / 1000.0 / entries;
        double spansPerRequest = 0;
        for (Topology.Service s : topology.services()) {
            spansPerRequest += TrafficModel.callsPerRequest(topology, s.index());
        }
        // A failing callee fails its callers, so each span fails on its own with a share of the error rate.
        this.ownErrorProbability = plan.config().errorRate() / Math.max(1, spansPerRequest);
        this.operations = new String[topology.services().size()][];
        this.selfMedianMicros = new double[topology.services().size()];
        for (Topology.Service s : topology.services()) {
            operations[s.index()] = s.isEntry() ? ROUTES
                    : new String[] {s.name() + ".get", s.name() + ".list", s.name() + ".update"};
            selfMedianMicros[s.index()] = 2_000 + 1_500 * s.depth();
        }
    }

    @Override
    public void generate(ChunkContext chunk) {
        List<Topology.Service> entries = topology.entryServices();
        long[][] arrivals = new long[entries.size()][];
        Walk[] walks = new Walk[entries.size()];
        for (int e = 0; e < entries.size(); e++) {
            String name = entries.get(e).name();
            arrivals[e] = arrivals(chunk, chunk.random(Signal.TRACES, "arrivals/" + name));
            walks[e] = new Walk(chunk, chunk.random(Signal.TRACES, "walk/" + name));
        }
        int[] next = new int[entries.size()];
        // Merge the entry services' arrivals so traces appear in start order.
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

    /** Arrival times in epoch microseconds: a Poisson process thinned by the daily curve. */
    private long[] arrivals(ChunkContext chunk, UniformRandomProvider rng) {
        double meanGapMillis = 1 / (entryRatePerMilli * PEAK);
        ContinuousSampler gap = ZigguratSampler.Exponential.of(rng, meanGapMillis);
        long[] out = new long[16];
        int n = 0;
        double t = chunk.startMillis();
        while (true) {
            t += gap.sample();
            if (t >= chunk.endMillis()) {
                break;
            }
            if (rng.nextDouble() * PEAK < TrafficModel.dailyFactor((long) t)) {
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
        private final SpanWriter spans;
        private final LogWriter logs;
        private final IncidentIndex incidents;
        private final TraceId traceId = new TraceId();
        private final double debugRatio;
        private final double missingRate;
        private int n;
        private int[] service = new int[16];
        private int[] host = new int[16];
        private int[] parent = new int[16];
        private long[] spanId = new long[16];
        private long[] start = new long[16];
        private long[] duration = new long[16];
        private boolean[] error = new boolean[16];

        Walk(ChunkContext chunk, UniformRandomProvider rng) {
            this.rng = rng;
            this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
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

        private int visit(int svc, int parentIndex, long startMicros) {
            grow();
            int i = n++;
            Topology.Service s = topology.services().get(svc);
            service[i] = svc;
            host[i] = s.hosts().get(rng.nextInt(s.hosts().size())).index();
            parent[i] = parentIndex;
            long id = rng.nextLong();
            spanId[i] = id == 0 ? 1 : id;
            start[i] = startMicros;
            boolean failed = rng.nextDouble() < ownErrorProbability;
            long cursor = startMicros + 20 + rng.nextInt(200);
            for (int callee : s.callees()) {
                int c = visit(callee, i, cursor);
                cursor = start[c] + duration[c] + 10 + rng.nextInt(100);
                failed |= error[c];
            }
            // Log-normal self time: heavy-tailed, as service latencies are.
            double self = selfMedianMicros[svc] * Math.exp(0.8 * gaussian.sample());
            duration[i] = cursor - startMicros + (long) self;
            error[i] = failed;
            return i;
        }

        private void write(int i) {
            Topology.Service s = topology.services().get(service[i]);
            String hostName = topology.hosts().get(host[i]).name();
            long startMillis = Math.floorDiv(start[i], 1000L);
            String incident = incidents.incidentAt(service[i], host[i], startMillis);
            String[] ops = operations[service[i]];
            String operation = ops[rng.nextInt(ops.length)];
            spans.begin(traceId, spanId[i], parent[i] < 0 ? 0 : spanId[parent[i]], operation, start[i], duration[i],
                            s.name())
                    .field("host", hostName)
                    .field("http.status_code", error[i] ? 500 : 200)
                    .end(error[i], incident);
            String level = rng.nextDouble() < debugRatio ? "DEBUG" : "INFO";
            logs.begin(startMillis, level, s.name(), operation + " started", traceId, spanId[i])
                    .field("host", hostName)
                    .end(incident);
            if (error[i]) {
                long endMillis = Math.floorDiv(start[i] + duration[i], 1000L);
                logs.begin(endMillis, "ERROR", s.name(), operation + " failed with status 500", traceId, spanId[i])
                        .field("host", hostName)
                        .field("error_code", "UPSTREAM_ERROR")
                        .end(incidents.incidentAt(service[i], host[i], endMillis));
            }
        }

        private void grow() {
            if (n == service.length) {
                int size = n * 2;
                service = Arrays.copyOf(service, size);
                host = Arrays.copyOf(host, size);
                parent = Arrays.copyOf(parent, size);
                spanId = Arrays.copyOf(spanId, size);
                start = Arrays.copyOf(start, size);
                duration = Arrays.copyOf(duration, size);
                error = Arrays.copyOf(error, size);
            }
        }
    }
}
