package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.engine.Plan;
import dev.melt.generator.internal.io.LogWriter;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Topology;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates background logs, written outside any span (health checks, cache maintenance, GC
 * notes): per service a Poisson process at the logs interval, scaled by the traffic. The level
 * mix follows the debug-log ratio and the error rate. Logs written inside spans come from
 * {@link TracesGenerator}.
 */
public final class LogsGenerator implements SignalGenerator {

    private static final String[] DEBUG = {"cache lookup finished", "connection pool stats collected",
        "configuration reloaded from disk", "feature flags evaluated"};
    private static final String[] INFO = {"health check passed", "scheduled job completed",
        "metrics flushed to collector", "session store compacted"};
    private static final String[] WARN = {"slow garbage collection pause", "connection pool nearly exhausted",
        "retrying request to upstream"};
    private static final String[] ERROR = {"database connection timeout", "failed to refresh credentials",
        "unhandled exception in worker"};
    private static final double WARN_SHARE = 0.04;

    private final Plan plan;
    private final double meanGapMillis;

    /**
     * Prepares the rates.
     *
     * @param plan the plan
     */
    public LogsGenerator(Plan plan) {
        this.plan = plan;
        this.meanGapMillis = plan.config().logsInterval().toNanos() / 1e6 / plan.trafficScale();
    }

    @Override
    public void generate(ChunkContext chunk) {
        IncidentIndex incidents = plan.incidents();
        LogWriter out = chunk.logs();
        double debug = plan.config().debugLogRatio();
        double error = plan.config().errorRate();
        for (Topology.Service service : plan.topology().services()) {
            UniformRandomProvider rng = chunk.random(Signal.LOGS, service.name());
            ContinuousSampler gap = ZigguratSampler.Exponential.of(rng, meanGapMillis);
            double t = chunk.startMillis();
            while (true) {
                t += gap.sample();
                if (t >= chunk.endMillis()) {
                    break;
                }
                long at = (long) t;
                Topology.Host host = service.hosts().get(rng.nextInt(service.hosts().size()));
                double u = rng.nextDouble();
                String level;
                String[] messages;
                if (u < debug) {
                    level = "DEBUG";
                    messages = DEBUG;
                } else if (u < debug + error) {
                    level = "ERROR";
                    messages = ERROR;
                } else if (u < debug + error + WARN_SHARE) {
                    level = "WARN";
                    messages = WARN;
                } else {
                    level = "INFO";
                    messages = INFO;
                }
                out.begin(at, level, service.name(), messages[rng.nextInt(messages.length)])
                        .field("host", host.name())
                        .end(incidents.incidentAt(service.index(), host.index(), at));
            }
        }
    }
}
