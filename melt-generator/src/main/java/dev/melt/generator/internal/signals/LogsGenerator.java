package dev.melt.generator.internal.signals;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.encode.LogSink;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Topology;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates background logs, written outside any span (health checks, pool statistics, GC
 * notes): a Poisson process per service whose rate follows the service's share of the traffic
 * (one line per logs interval for a service one call path reaches), times the traffic scale. The level
 * mix follows the debug-log ratio and the host's error probability from the model; during an
 * incident the WARN and ERROR lines say what an operator would see (failed readiness probes on
 * a service that is down, CPU throttling, slow upstreams, the burst's error code). Logs written
 * inside spans come from {@link RequestsGenerator}.
 */
final class LogsGenerator {

    private static final JsonText[] DEBUG = JsonText.of("cache lookup finished", "connection pool stats collected",
        "configuration reloaded from disk", "feature flags evaluated");
    private static final JsonText[] INFO = JsonText.of("health check passed", "scheduled job completed",
        "metrics flushed to collector", "session store compacted");
    private static final JsonText[] WARN = JsonText.of("slow garbage collection pause", "connection pool nearly exhausted",
        "retrying request to upstream");
    private static final JsonText[] ERROR_DOWN = JsonText.of("readiness probe failed: connection refused",
        "process exited with code 137, restarting", "liveness probe failed: HTTP 503");
    private static final double WARN_SHARE = 0.02;
    private static final double INCIDENT_WARN_SHARE = 0.25;

    private static final JsonText SERVICE_UNAVAILABLE = JsonText.of("SERVICE_UNAVAILABLE");

    private final Plan plan;
    private final Vocabulary vocabulary;
    /** Per service: the mean gap between two of its background lines, ms. */
    private final double[] meanGapMillis;
    private final double debug;

    /**
     * Prepares the rates.
     *
     * @param plan the plan
     * @param vocabulary the fleet's encoded names, shared with the request generator
     */
    LogsGenerator(Plan plan, Vocabulary vocabulary) {
        this.plan = plan;
        this.vocabulary = vocabulary;
        this.debug = plan.config().debugLogRatio();
        // logsInterval is the mean gap between background lines of a service reached by one call
        // path at the spec's request rate; a service's rate grows with the paths that reach it and
        // with the plan's traffic scale, so log volume follows each service's traffic.
        int services = plan.topology().services().size();
        this.meanGapMillis = new double[services];
        for (int s = 0; s < services; s++) {
            meanGapMillis[s] = plan.config().logsInterval().toNanos() / 1e6 / plan.trafficScale()
                    / TrafficModel.paths(plan.topology(), s);
        }
    }

    /**
     * Writes the chunk's background lines, interval by interval.
     *
     * @param chunk the chunk
     * @param timeline the model's state per host and second
     */
    void generate(ChunkContext chunk, HostTimeline timeline) {
        LogSink out = chunk.logs();
        double[] errorCeiling = new double[plan.topology().services().size()];
        for (int s = 0; s < errorCeiling.length; s++) {
            errorCeiling[s] = plan.model().baselineErrorCeiling(s);
        }
        long blockMillis = plan.blockMillis();
        for (long from = chunk.startMillis(); from < chunk.endMillis(); from += blockMillis) {
            long to = Math.min(chunk.endMillis(), from + blockMillis);
            long block = plan.blockOf(from);
            for (Topology.Service service : plan.topology().services()) {
                UniformRandomProvider rng = chunk.random(Signal.LOGS, service.name(), block);
                background(out, timeline, service, from, to, debug + errorCeiling[service.index()] + WARN_SHARE, rng);
            }
        }
    }

    /**
     * Writes the background lines of one service through one interval: a Poisson process.
     */
    private void background(LogSink out, HostTimeline timeline, Topology.Service service, long from, long to,
                            double ceiling, UniformRandomProvider rng) {
        ContinuousSampler gap = ZigguratSampler.Exponential.of(rng, meanGapMillis[service.index()]);
        double t = from;
        while (true) {
            t += gap.sample();
            if (t >= to) {
                break;
            }
            lineAt(out, timeline, service, (long) t, ceiling, rng);
        }
    }

    /**
     * Writes one background line at an instant. One call per line, rather than a loop body of
     * {@link #background}: the JIT compiles it once, early, instead of compiling the chunk's loop on
     * the stack and then again.
     *
     * @param ceiling the draw from which on a line outside incidents is INFO for sure
     */
    private void lineAt(LogSink out, HostTimeline timeline, Topology.Service service, long at, double ceiling,
                        UniformRandomProvider rng) {
        IncidentIndex incidents = plan.incidents();
        // Every line draws the same three numbers, whatever its level: an incident changes the
        // level and the message of a line, never the draws of the lines after it (see twins).
        Topology.Host host = service.hosts().get(rng.nextInt(service.hosts().size()));
        double u = rng.nextDouble();
        double pick = rng.nextDouble();
        int window = incidents.windowAt(service.index(), host.index(), at);
        String incident = window < 0 ? null : incidents.incident(window).id();
        // Bands of u: DEBUG, then ERROR (the model's error probability), WARN, INFO. Outside
        // incidents the error band has a known ceiling, so DEBUG and most INFO lines are
        // decided without evaluating the model.
        if (window < 0 && (u < debug || u >= ceiling)) {
            boolean isDebug = u < debug;
            line(out, at, isDebug ? Vocabulary.DEBUG : Vocabulary.INFO, service, plainMessage(isDebug, pick), host, null,
                    null);
            return;
        }
        modelledLine(out, timeline, service, host, at, u, window, incident, pick);
    }

    /**
     * Writes a line whose level the model decides: inside an incident window, or a draw in the
     * error and warning bands. Kept apart from the loop of {@link #background}, which writes the
     * common DEBUG and INFO lines, so that the JIT compiles each on its own.
     *
     * @param pick a uniform draw in [0, 1) that picks the message (or the cause) within the level
     */
    private void modelledLine(LogSink out, HostTimeline timeline, Topology.Service service, Topology.Host host,
                              long at, double u, int window, String incident, double pick) {
        IncidentIndex incidents = plan.incidents();
        int slot = timeline.slot(host.index(), at);
        AnomalyType type = window < 0 ? null : incidents.incident(window).type();
        boolean root = window >= 0 && incidents.hop(window) == 0;
        double error = timeline.errorProbability(slot);
        double warn = window < 0 ? WARN_SHARE : INCIDENT_WARN_SHARE;
        int level;
        JsonText message;
        JsonText errorCode = null;
        if (timeline.down(slot)) {
            level = Vocabulary.ERROR;
            message = ERROR_DOWN[index(pick, ERROR_DOWN.length)];
            errorCode = SERVICE_UNAVAILABLE;
        } else if (u < debug) {
            level = Vocabulary.DEBUG;
            message = plainMessage(true, pick);
        } else if (u < debug + error) {
            FailureMode.Cause cause = timeline.mode(slot).cause(pick);
            level = Vocabulary.ERROR;
            message = Vocabulary.message(cause);
            errorCode = Vocabulary.errorCode(cause);
        } else if (u < debug + error + warn) {
            JsonText[] messages = type == null ? WARN : plan.model().strategies().of(type).warnLines(root);
            level = Vocabulary.WARN;
            message = messages[index(pick, messages.length)];
        } else {
            level = Vocabulary.INFO;
            message = plainMessage(false, pick);
        }
        line(out, at, level, service, message, host, errorCode, incident);
    }

    private static JsonText plainMessage(boolean debug, double pick) {
        JsonText[] messages = debug ? DEBUG : INFO;
        return messages[index(pick, messages.length)];
    }

    /** The element a uniform draw in [0, 1) picks among {@code n}. */
    private static int index(double pick, int n) {
        return Math.min(n - 1, (int) (pick * n));
    }

    /**
     * Writes one background line. Every line goes through this one call site, so the JIT compiles
     * the encoder once for this generator instead of once per branch.
     */
    private void line(LogSink out, long at, int level, Topology.Service service, JsonText message,
                      Topology.Host host, JsonText errorCode, String incident) {
        out.begin(at, vocabulary.head(level, service.index()), message, vocabulary.logHost(host.index()));
        if (errorCode != null) {
            out.field(Vocabulary.ERROR_CODE, errorCode);
        }
        out.end(incident);
    }
}
