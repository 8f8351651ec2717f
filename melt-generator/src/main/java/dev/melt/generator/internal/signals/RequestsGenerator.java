package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.encode.LogSink;
import dev.melt.generator.internal.encode.SpanSink;
import dev.melt.generator.internal.encode.SpanWriter;
import dev.melt.generator.internal.encode.TraceId;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.KeyedRandom;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.RandomStreams;
import dev.melt.generator.internal.plan.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The request population: every request of the fleet, simulated one by one. The metrics of an
 * interval count them all ({@link RequestStats}); the sampled ones become traces and the logs of
 * their spans.
 *
 * <p><b>Arrivals.</b> Requests enter each entry service as a non-homogeneous Poisson process at the spec's request rate times the traffic of that second (daily cycle, day-to-day
 * drift, noise). Each picks an endpoint by its share.
 *
 * <p><b>Endpoints.</b> Each operation of each service has its own calls, decided from the seed and
 * the names: reads consult a cache first and a hit skips the rest, lists fan out (2–4 calls in a
 * row, as N+1 queries do), writes call every store; other calls are made always or sometimes. A call that fails or is
 * refused is retried once in half the cases, after a 5–50 ms backoff. So span counts and depths
 * vary by endpoint and request. Callees are called one after another inside their caller, so a
 * child span always lies inside its parent.
 *
 * <p><b>Latency.</b> A span's own time is log-normal around the median the model gives its host at
 * that second (host factor, deployments, queueing with the host's utilisation, incidents), with a
 * Pareto tail: 1.5% of calls take 3 times longer or more (shape 1.5: GC pauses, lock waits, slow
 * disks). This lognormal body with a power-law tail is the shape measured for web and RPC service
 * times (Dean and Barroso, "The Tail at Scale", CACM 56(2), 2013; Crovella and Bestavros, "Self-
 * similarity in World Wide Web traffic", IEEE/ACM ToN 5(6), 1997). The server's 10 s deadline
 * on a call's own work cuts the tail: an own time beyond it ends there, with a 504 (time spent
 * waiting on callees is not cut). A span's duration is its own time plus the time of its calls.
 *
 * <p><b>Outcomes.</b> A span fails (5xx) with the model's error probability and a cause that fits
 * the failure mode; 2.5% of entry requests and 0.8% of inner calls end in a client error (4xx),
 * which is not an error of the span nor of {@code error_rate}. A service that is down refuses most
 * calls (no span; the caller spends a connect attempt and, in its cascade window, the timeouts and
 * backoff of retries) and answers the rest with fast 503s. A request an entry host refuses leaves
 * the ingress's access line, {@code GET /cart 502 0 ms}, and no count in that host's metrics. A caller absorbs a failing callee
 * (retry, fallback) until its own cascade window starts; from then it fails when a call it made
 * failed, with the model's propagation probability.
 *
 * <p><b>Sampling.</b> Head-based: the decision is made where the request enters, with the spec's
 * trace sampling ratio, and the whole trace is written or none of it. A span of a sampled trace
 * logs an INFO line when it starts and a WARN line when it is slower than its host's p99. Every
 * request, sampled or not, leaves an access line at its entry service ({@code GET /cart 200 43 ms})
 * and an ERROR line where a call fails with a 5xx: with the trace context when sampled, without
 * ({@code trace_id} and {@code span_id} null) when not. Spans of sampled traces are dropped at the
 * missing-span rate, and their logs with them, so every log that names a span names one that exists.
 *
 * <p>A request and all its calls count in the metric interval in which it entered. Nothing is
 * stamped at or after the dataset's end: of a request still running then, the spans that start
 * and the lines logged after the end are not written, as a time-bounded export would hold them.
 */
final class RequestsGenerator {

    private static final String[] ROUTES = {"GET /products", "GET /search", "POST /cart", "GET /account",
        "POST /login", "GET /checkout"};
    private static final double[] ROUTE_SHARES = {0.30, 0.20, 0.15, 0.12, 0.10, 0.13};
    private static final String[] INNER = {".get", ".list", ".update"};
    private static final int GET = 0;
    private static final int LIST = 1;
    private static final int UPDATE = 2;
    /** The kind of operation of each route: a product list and search read many, a cart and checkout write. */
    private static final int[] ROUTE_KINDS = {LIST, LIST, UPDATE, GET, GET, UPDATE};
    private static final double[] INNER_SHARES = {0.55, 0.30, 0.15};
    private static final double TAIL_SHARE = 0.015;
    private static final double TAIL_SHAPE = 1.5;
    private static final double TAIL_SCALE = 3.0;
    /** {@link #TAIL_SHARE} in 1/65536. */
    private static final int TAIL_THRESHOLD = (int) Math.round(TAIL_SHARE * 65536);
    private static final double RETRY_SHARE = 0.5;
    /** The sigma of the log-normal round trip a network delay adds to a call. */
    private static final double EDGE_DELAY_SIGMA = 0.25;
    /** The share of calls losing a packet whose request never arrives (the rest are retransmitted). */
    private static final double LOST_SHARE = 0.5;
    /** The shortest retransmission timeout, micros (Linux's minimum RTO is 200 ms). */
    private static final int RTO_MICROS = 200_000;
    /** How long a caller waits for an answer that never comes, micros. */
    private static final long CLIENT_TIMEOUT_MICROS = 1_000_000;
    private static final JsonText MS = JsonText.of(" ms");
    /**
     * The longest own time a call may take: the server's request deadline, after which it gives
     * up with a 504 ({@code DEADLINE_EXCEEDED}). It cuts the Pareto tail at about 1 call in 150,000.
     */
    private static final double DEADLINE_MICROS = 10_000_000;
    private static final FailureMode.Cause DEADLINE_EXCEEDED = FailureMode.SLOW.cause(0);
    private static final double ENTRY_CLIENT_ERRORS = 0.025;
    private static final double INNER_CLIENT_ERRORS = 0.008;

    /**
     * One call an operation makes: to which operation of which callee, how likely, how many times
     * in a row, and for a cache the share of hits, which end the operation's calls.
     */
    private record Call(int callee, int calleeOp, double probability, int fanOut, double hitRate) {
        boolean cache() {
            return hitRate > 0;
        }
    }

    private final Plan plan;
    private final Topology topology;
    /** Mean requests per millisecond entering each entry service, at traffic multiplier 1. */
    private final double entryRatePerMilli;
    private final Vocabulary vocabulary;
    private final SpanSink.Operation[][] operations;
    /** Per service: the cumulative shares of its operations. */
    private final double[][] shares;
    /** Per service and operation: its calls. */
    private final Call[][][] calls;
    private final JsonText[][] startedMessages;
    /** Per service and operation: the start of the WARN message of a slow request, up to its duration. */
    private final JsonText[][] slowPrefixes;
    private final double[] baseError;
    /** Per service: the share of calls ending in a client error, in 1/65536. */
    private final int[] clientErrors;
    private final FailureMode[] background;
    private final double sampling;
    /** Per entry service, operation and outcome (0 for 200, else cause id + 1): the access line up to its duration. */
    private final JsonText[][][] accessPrefixes;
    /** Per service: its host indexes. */
    private final int[][] hostsOf;

    /**
     * Prepares the endpoints of every service.
     *
     * @param plan the plan
     * @param vocabulary the fleet's encoded names, shared with the log generator
     */
    RequestsGenerator(Plan plan, Vocabulary vocabulary) {
        this.plan = plan;
        this.topology = plan.topology();
        this.entryRatePerMilli = TrafficModel.requestsPerSecond(plan) / 1000.0;
        this.vocabulary = vocabulary;
        this.sampling = plan.config().traceSampling();
        int services = topology.services().size();
        this.operations = new SpanSink.Operation[services][];
        this.shares = new double[services][];
        this.calls = new Call[services][][];
        this.startedMessages = new JsonText[services][];
        this.slowPrefixes = new JsonText[services][];
        this.baseError = new double[services];
        this.clientErrors = new int[services];
        this.background = new FailureMode[services];
        this.accessPrefixes = new JsonText[services][][];
        this.hostsOf = new int[services][];
        for (Topology.Service s : topology.services()) {
            hostsOf[s.index()] = s.hosts().stream().mapToInt(Topology.Host::index).toArray();

            String[] ops = opNames(s);
            int i = s.index();
            operations[i] = Arrays.stream(JsonText.of(ops)).map(SpanWriter::operation)
                    .toArray(SpanSink.Operation[]::new);
            shares[i] = cumulative(s.isEntry() ? ROUTE_SHARES : INNER_SHARES);
            startedMessages[i] = JsonText.of(Arrays.stream(ops).map(o -> o + " started").toArray(String[]::new));
            slowPrefixes[i] = JsonText.of(Arrays.stream(ops).map(o -> "Slow request: " + o + " took ").toArray(String[]::new));
            baseError[i] = plan.model().baselineErrorProbability(i);
            clientErrors[i] = (int) Math.round((s.isEntry() ? ENTRY_CLIENT_ERRORS : INNER_CLIENT_ERRORS) * 65536);
            background[i] = s.callees().isEmpty() ? FailureMode.BACKGROUND_LEAF : FailureMode.BACKGROUND;
            accessPrefixes[i] = new JsonText[ops.length][FailureMode.Cause.count() + 1];
            for (int op = 0; op < ops.length; op++) {
                accessPrefixes[i][op][0] = JsonText.of(ops[op] + " 200 ");
                for (FailureMode mode : FailureMode.values()) {
                    for (FailureMode.Cause cause : mode.causes()) {
                        accessPrefixes[i][op][cause.id() + 1] = JsonText.of(ops[op] + " " + cause.httpStatus() + " ");
                    }
                }
            }
            calls[i] = new Call[ops.length][];
            for (int op = 0; op < ops.length; op++) {
                calls[i][op] = endpoint(plan.config().seed(), s, ops[op], s.isEntry() ? ROUTE_KINDS[op] : op);
            }
        }
    }

    private static String[] opNames(Topology.Service s) {
        return s.isEntry() ? ROUTES : Arrays.stream(INNER).map(x -> s.name() + x).toArray(String[]::new);
    }

    private static double[] cumulative(double[] shares) {
        double[] c = new double[shares.length];
        double sum = 0;
        for (int k = 0; k < shares.length; k++) {
            sum += shares[k];
            c[k] = sum;
        }
        c[c.length - 1] = Double.MAX_VALUE;
        return c;
    }

    /**
     * Decides the calls of one operation, from the seed and the names only. An operation is a
     * read of one item ({@code .get}), a read of many ({@code .list}) or a write ({@code .update});
     * an entry route is one of them too ({@link #ROUTE_KINDS}). A read consults a cache callee
     * first (a hit skips the rest: 90% for one item, 60% for a list); a list fans out 2–4 calls to
     * its store; a write skips the cache and calls every other callee. Every other call of a read
     * is made always (60%), sometimes (25%, with a probability of 0.2–0.7) or never (15%), at least
     * one always. Each call asks the callee for the same kind of operation.
     */
    private Call[] endpoint(long seed, Topology.Service s, String op, int kind) {
        UniformRandomProvider rng = RandomStreams.stream(seed, "endpoint", RandomStreams.nameKey(s.name()),
                RandomStreams.nameKey(op));
        List<Call> list = new ArrayList<>();
        List<Call> rest = new ArrayList<>();
        boolean fannedOut = false;
        for (int callee : s.callees()) {
            Topology.Service c = topology.services().get(callee);
            UniformRandomProvider r = RandomStreams.stream(seed, "call", RandomStreams.nameKey(s.name()),
                    RandomStreams.nameKey(op), RandomStreams.nameKey(c.name()));
            boolean cache = c.name().contains("cache");
            double u = r.nextDouble();
            double fraction = r.nextDouble();
            if (cache) {
                if (kind != UPDATE) {
                    list.add(new Call(callee, kind, 1.0, 1, kind == GET ? 0.90 : 0.60));
                }
                continue;
            }
            double probability = kind == UPDATE || u < 0.60 ? 1.0 : u < 0.85 ? 0.2 + 0.5 * fraction : 0.0;
            // N+1 queries: a list reads its items from a store, a service that calls no other.
            int fanOut = kind == LIST && !fannedOut && c.callees().isEmpty() ? 2 + r.nextInt(3) : 1;
            fannedOut |= fanOut > 1;
            rest.add(new Call(callee, kind, probability, fanOut, 0));
        }
        if (!rest.isEmpty() && rest.stream().noneMatch(c -> c.probability() == 1.0)) {
            int k = rng.nextInt(rest.size());
            Call first = rest.get(k);
            rest.set(k, new Call(first.callee(), first.calleeOp(), 1.0, first.fanOut(), 0));
        }
        list.addAll(rest);
        list.removeIf(c -> c.probability() == 0.0);
        return list.toArray(new Call[0]);
    }

    private static int pick(double[] cumulative, double u) {
        int k = 0;
        while (u >= cumulative[k]) {
            k++;
        }
        return k;
    }

    /**
     * Simulates every request entering the fleet in one metric interval: writes the sampled ones
     * as spans and span logs, and counts all of them into {@code stats}.
     *
     * @param chunk the chunk
     * @param timeline the model's state per host and second
     * @param block the interval's number
     * @param from the interval's start, epoch ms
     * @param to its end (exclusive)
     * @param stats where each host's requests are counted
     */
    void block(ChunkContext chunk, HostTimeline timeline, long block, long from, long to, RequestStats stats) {
        List<Topology.Service> entries = topology.entryServices();
        long[][] arrivals = new long[entries.size()][];
        Walk[] walks = new Walk[entries.size()];
        for (int e = 0; e < entries.size(); e++) {
            Topology.Service entry = entries.get(e);
            arrivals[e] = arrivals(timeline, entry, from, to,
                    chunk.random(Signal.TRACES, "arrivals/" + entry.name(), block));
            walks[e] = new Walk(chunk, timeline, chunk.random(Signal.TRACES, "walk/" + entry.name(), block).nextLong(),
                    stats);
        }
        merge(entries, arrivals, walks);
    }

    /** Walks the requests of every entry service in start order, merging their arrivals. */
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
            walks[pick].request(entries.get(pick).index(), arrivals[pick][next[pick]++]);
        }
    }

    /**
     * Arrival times in epoch microseconds: a Poisson process whose rate is the entry rate times
     * the traffic of each second. Within a second the rate is constant, so gaps are exponential;
     * at a second's end the process starts afresh at the next second's rate, which is exact since
     * the exponential forgets how long it has waited.
     */
    private long[] arrivals(HostTimeline timeline, Topology.Service entry, long from, long to,
                            UniformRandomProvider rng) {
        ContinuousSampler gap = ZigguratSampler.Exponential.of(rng);
        int host = entry.hosts().get(0).index();
        long[] out = new long[64];
        int n = 0;
        for (long second = from; second < to; second = Math.min(to, second - Math.floorMod(second, 1000L) + 1000)) {
            long end = Math.min(to, second - Math.floorMod(second, 1000L) + 1000);
            double rate = entryRatePerMilli * timeline.traffic(timeline.slot(host, second));
            if (rate <= 0) {
                continue;
            }
            double t = second + gap.sample() / rate;
            while (t < end) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = (long) (t * 1000);
                t += gap.sample() / rate;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The state of walking the requests of one entry service through one interval. */
    private final class Walk {
        /** Restarted for each request from {@link #key} and the request's number in the interval. */
        private final KeyedRandom rng;
        private final long key;
        /** The number of the next request of the interval. */
        private long requests;
        private final ContinuousSampler gaussian;
        private final HostTimeline timeline;
        private final RequestStats stats;
        private final SpanSink spans;
        private final LogSink logs;
        private final IncidentIndex incidents;
        private final TraceId traceId = new TraceId();
        private final double debugRatio;
        private final double missingRate;
        private int n;
        /** The host that refused the last call {@link #visit} answered with -1. */
        private int refusedHost;
        /** The dataset's end, epoch ms: nothing is stamped at or after it. */
        private final long endOfData;
        private int[] service = new int[16];
        private int[] op = new int[16];
        private int[] host = new int[16];
        /** Duration above which a span is slower than its host's p99 at that second. */
        private long[] slowMicros = new long[16];
        private int[] parent = new int[16];
        private long[] spanId = new long[16];
        private long[] start = new long[16];
        private long[] duration = new long[16];
        private boolean[] error = new boolean[16];
        private FailureMode.Cause[] cause = new FailureMode.Cause[16];

        Walk(ChunkContext chunk, HostTimeline timeline, long key, RequestStats stats) {
            this.key = key;
            this.rng = new KeyedRandom(key);
            this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            this.timeline = timeline;
            this.stats = stats;
            this.spans = chunk.spans();
            this.logs = chunk.logs();
            this.incidents = plan.incidents();
            this.debugRatio = plan.config().debugLogRatio();
            this.missingRate = plan.config().missingSpanRate();
            this.endOfData = plan.endMillis();
        }

        void request(int entry, long startMicros) {
            // Each request draws from its own stream: what one request meets (an incident makes it
            // fail, retry or be refused, which draws more or fewer numbers) never moves the draws
            // of the next, so a twin without the incident differs only in the requests it touched.
            rng.reset(key, requests++);
            boolean sampled = rng.nextDouble() < sampling;
            n = 0;
            if (sampled) {
                traceId.set(rng.nextLong(), rng.nextLong());
            }
            int operation = pick(shares[entry], rng.nextDouble());
            int root = visit(entry, operation, -1, startMicros, sampled);
            if (root < 0) {
                refused(entry, operation, startMicros);
                return;
            }
            boolean rootWritten = false;
            if (sampled) {
                for (int i = 0; i < n; i++) {
                    if (rng.nextDouble() < missingRate) {
                        continue;
                    }
                    write(i);
                    rootWritten |= i == root;
                }
            }
            // A dropped root span takes the trace context off the access line too.
            access(root, rootWritten);
        }

        /**
         * Writes the access line of a request the entry host refused, as the ingress in front of
         * it logs one: {@code GET /cart 502 0 ms} after a connect attempt of 0.2–1 ms, without a
         * trace (no span was made). The host served nothing, so nothing is counted in its metrics.
         */
        private void refused(int entry, int operation, long startMicros) {
            long endMillis = (startMicros + 200 + rng.nextInt(800)) / 1000;
            if (endMillis >= endOfData) {
                return;
            }
            FailureMode.Cause c = FailureMode.UPSTREAM_REFUSED;
            logs.begin(endMillis, vocabulary.head(Vocabulary.INFO, entry), accessPrefixes[entry][operation][c.id() + 1],
                            0, MS, null, 0, vocabulary.logHost(refusedHost))
                    .field(Vocabulary.HTTP_STATUS_CODE, c.httpStatus())
                    .field(Vocabulary.DURATION_MS, 0)
                    .end(incidents.incidentAt(entry, refusedHost, endMillis));
        }

        /**
         * Walks one call; returns the span's index, or -1 when the service refused the connection.
         * The call's small decisions come from two 64-bit draws split into fields (host, jitter,
         * served share, client error; tail, failure) rather than from six draws.
         */
        private int visit(int svc, int operation, int parentIndex, long startMicros, boolean sampled) {
            long r1 = rng.nextLong();
            int[] hosts = hostsOf[svc];
            int h = hosts[(int) (((r1 >>> 32) * hosts.length) >>> 32)];
            // Read the host's state now: visiting the callees looks up other slots.
            int at = timeline.slot(h, startMicros / 1000);
            boolean down = timeline.down(at);
            if (down && ((r1 >>> 24) & 0xFF) >= timeline.servedShare(at) * 256) {
                refusedHost = h;
                return -1;
            }
            double ownMedian = timeline.ownMedianMicros(at);
            double sigma = timeline.sigma(at);
            double errorProbability = timeline.errorProbability(at);
            double propagation = timeline.propagation(at);
            FailureMode mode = timeline.mode(at);
            double refusedWait = timeline.refusedWaitMicros(at);
            int edgeCallee = timeline.edgeCallee(at);
            double edgeDelay = timeline.edgeDelayMicros(at);
            double edgeLoss = timeline.edgeLoss(at);
            long slow = down ? Long.MAX_VALUE : (long) timeline.latencyP99Micros(at);
            grow();
            int i = n++;
            service[i] = svc;
            op[i] = operation;
            host[i] = h;
            slowMicros[i] = slow;
            parent[i] = parentIndex;
            if (sampled) {
                long id = rng.nextLong();
                spanId[i] = id == 0 ? 1 : id;
            }
            start[i] = startMicros;
            long cursor = startMicros + 20 + (((r1 & 0xFF) * 200) >>> 8);
            FailureMode.Cause calleeFault = null;
            if (!down) {
                for (Call call : calls[svc][operation]) {
                    if (call.probability() < 1 && rng.nextDouble() >= call.probability()) {
                        continue;
                    }
                    int last = -1;
                    for (int k = 0; k < call.fanOut(); k++) {
                        last = call.callee() == edgeCallee
                                ? call(call, i, cursor, refusedWait, sigma, sampled, edgeDelay, edgeLoss)
                                : call(call, i, cursor, refusedWait, sigma, sampled, 0, 0);
                        cursor = callEnd;
                        if (callFault != null && calleeFault == null) {
                            calleeFault = callFault;
                        }
                    }
                    if (call.cache() && last >= 0 && !error[last] && rng.nextDouble() < call.hitRate()) {
                        break;
                    }
                }
            }
            long r2 = rng.nextLong();
            double self = ownMedian * Math.exp(sigma * gaussian.sample());
            if (((r2 >>> 28) & 0xFFFF) < TAIL_THRESHOLD) {
                self *= TAIL_SCALE * Math.pow(1 - rng.nextDouble(), -1 / TAIL_SHAPE);
            }
            // The server's deadline cuts the Pareto tail: the call is abandoned with a 504.
            boolean timedOut = self > DEADLINE_MICROS;
            if (timedOut) {
                self = DEADLINE_MICROS;
            }
            duration[i] = cursor - startMicros + (long) self;
            double u = (r2 & 0xFFFFFFFL) * 0x1.0p-28;
            FailureMode.Cause c;
            if (down) {
                c = mode.cause(rng.nextDouble());
            } else if (mode.blamesCallee()) {
                // In a cascade a caller fails because a call it made failed, unless retries or a
                // fallback absorb it; otherwise only at its own background rate.
                double base = baseError[svc];
                if (calleeFault != null && u < base + (1 - base) * propagation) {
                    c = calleeFault;
                } else {
                    c = u < base ? background[svc].cause(rng.nextDouble()) : null;
                }
            } else {
                c = u < errorProbability ? mode.cause(rng.nextDouble()) : null;
            }
            if (c == null && ((r1 >>> 8) & 0xFFFF) < clientErrors[svc]) {
                c = FailureMode.CLIENT.cause(rng.nextDouble());
            }
            if (timedOut && (c == null || c.httpStatus() < 500)) {
                c = DEADLINE_EXCEEDED;
            }
            cause[i] = c;
            error[i] = c != null && c.httpStatus() >= 500;
            stats.add(h, duration[i], error[i]);
            if (error[i] && !sampled) {
                // Errors are logged whether or not the trace is sampled; without a trace context.
                failed(i, c, (startMicros + duration[i]) / 1000, null);
            }
            return i;
        }

        /**
         * Writes the entry service's access line of a request, as an ingress or gateway logs every
         * request: {@code GET /cart 200 43 ms}, with the trace context when the trace is sampled.
         */
        private void access(int i, boolean sampled) {
            FailureMode.Cause c = cause[i];
            int svc = service[i];
            long ms = duration[i] / 1000;
            long endMillis = (start[i] + duration[i]) / 1000;
            if (endMillis >= endOfData) {
                return;
            }
            logs.begin(endMillis, vocabulary.head(Vocabulary.INFO, svc),
                            accessPrefixes[svc][op[i]][c == null ? 0 : c.id() + 1], ms, MS,
                            sampled ? traceId : null, spanId[i], vocabulary.logHost(host[i]))
                    .field(Vocabulary.HTTP_STATUS_CODE, c == null ? 200 : c.httpStatus())
                    .field(Vocabulary.DURATION_MS, ms)
                    .end(incidents.incidentAt(svc, host[i], endMillis));
        }

        /** The end of the last {@link #call}, in epoch microseconds. */
        private long callEnd;
        /** What went wrong in the last {@link #call}, or {@code null}. */
        private FailureMode.Cause callFault;

        /**
         * Makes one call, retried once in half the cases when it fails or is refused. Sets
         * {@link #callEnd} and {@link #callFault}; returns the last attempt's span, or -1.
         *
         * <p>On a sick edge ({@code delay} or {@code loss} above 0) the network acts between the
         * caller and the callee's span: half of an added round trip before the callee's span starts
         * and half after it ends; a lost packet is retransmitted after 200–400 ms (half of the
         * time; again, at twice the wait, with the same probability) or the request never arrives
         * (the other half), and the caller waits out its 1 s client timeout. Nothing is drawn for
         * other calls, so datasets without network incidents keep their bytes.
         */
        private int call(Call call, int caller, long cursor, double refusedWait, double sigma, boolean sampled,
                         double delay, double loss) {
            int c = -1;
            for (int attempt = 0; attempt < 2; attempt++) {
                long outbound = 0;
                long inbound = 0;
                boolean lost = false;
                if (delay > 0 || loss > 0) {
                    if (delay > 0) {
                        outbound = (long) (delay * Math.exp(EDGE_DELAY_SIGMA * gaussian.sample()) / 2);
                        inbound = outbound;
                    }
                    if (loss > 0 && rng.nextDouble() < loss) {
                        if (rng.nextDouble() < LOST_SHARE) {
                            lost = true;
                        } else {
                            long rto = RTO_MICROS + rng.nextInt(RTO_MICROS);
                            outbound += rto;
                            if (rng.nextDouble() < loss) {
                                outbound += 2 * rto;
                            }
                        }
                    }
                }
                if (lost) {
                    // The request never reached the callee: no span there; the caller gives up.
                    c = -1;
                    cursor += CLIENT_TIMEOUT_MICROS + rng.nextInt(50_000);
                    callFault = FailureMode.NETWORK_TIMEOUT;
                    if (rng.nextDouble() >= RETRY_SHARE) {
                        break;
                    }
                    cursor += 5_000 + rng.nextInt(45_000);
                    continue;
                }
                c = visit(call.callee(), call.calleeOp(), caller, cursor + outbound, sampled);
                if (c < 0) {
                    // A refused connection costs the caller a connect attempt (0.2-1 ms); in its
                    // cascade window also the timeouts and backoff of its retries. The dead callee
                    // leaves no span, so that wait is this span's own time.
                    cursor += 200 + rng.nextInt(800);
                    if (refusedWait > 0) {
                        cursor += (long) (refusedWait * Math.exp(sigma * gaussian.sample()));
                    }
                    callFault = FailureMode.UPSTREAM_REFUSED;
                } else {
                    cursor = start[c] + duration[c] + 10 + rng.nextInt(100) + inbound;
                    callFault = error[c] ? FailureMode.UPSTREAM_FAILED : null;
                }
                if (callFault == null || rng.nextDouble() >= RETRY_SHARE) {
                    break;
                }
                cursor += 5_000 + rng.nextInt(45_000);
            }
            callEnd = cursor;
            return c;
        }

        private void write(int i) {
            int svc = service[i];
            long startMillis = Math.floorDiv(start[i], 1000L);
            if (startMillis >= endOfData) {
                // A call made after the dataset's end: like its logs, not in the data.
                return;
            }
            String incident = incidents.incidentAt(svc, host[i], startMillis);
            int operation = op[i];
            FailureMode.Cause c = this.cause[i];
            SpanSink span = spans.begin(traceId, spanId[i], parent[i] < 0 ? 0 : spanId[parent[i]],
                            operations[svc][operation], start[i], duration[i], vocabulary.origin(host[i]))
                    .field(Vocabulary.HTTP_STATUS_CODE, c == null ? 200 : c.httpStatus());
            if (error[i]) {
                span.field(Vocabulary.ERROR_DOT_CODE, Vocabulary.errorCode(c));
            }
            span.end(error[i], incident);
            int level = debugRatio > 0 && rng.nextDouble() < debugRatio ? Vocabulary.DEBUG : Vocabulary.INFO;
            LogSink.Host logHost = vocabulary.logHost(host[i]);
            logs.begin(startMillis, vocabulary.head(level, svc), startedMessages[svc][operation], traceId, spanId[i],
                    logHost).end(incident);
            long endMillis = Math.floorDiv(start[i] + duration[i], 1000L);
            if (error[i]) {
                failed(i, c, endMillis, traceId);
            } else if (duration[i] > slowMicros[i]) {
                slow(i, operation, endMillis);
            }
        }

        /** Writes the ERROR line of a failed span; {@link #slow} writes the WARN line of a slow one. */
        private void failed(int i, FailureMode.Cause c, long endMillis, TraceId trace) {
            if (endMillis >= endOfData) {
                return;
            }
            logs.begin(endMillis, vocabulary.head(Vocabulary.ERROR, service[i]), Vocabulary.message(c), trace,
                            spanId[i], vocabulary.logHost(host[i]))
                    .field(Vocabulary.ERROR_CODE, Vocabulary.errorCode(c))
                    .field(Vocabulary.HTTP_STATUS_CODE, c.httpStatus())
                    .end(incidents.incidentAt(service[i], host[i], endMillis));
        }

        /** Writes the WARN line of a span slower than its host's p99: {@code Slow request: OP took N ms}. */
        private void slow(int i, int operation, long endMillis) {
            if (endMillis >= endOfData) {
                return;
            }
            long ms = duration[i] / 1000;
            logs.begin(endMillis, vocabulary.head(Vocabulary.WARN, service[i]), slowPrefixes[service[i]][operation], ms,
                            MS, traceId, spanId[i], vocabulary.logHost(host[i]))
                    .field(Vocabulary.DURATION_MS, ms)
                    .end(incidents.incidentAt(service[i], host[i], endMillis));
        }

        private void grow() {
            if (n == service.length) {
                int size = n * 2;
                service = Arrays.copyOf(service, size);
                op = Arrays.copyOf(op, size);
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
