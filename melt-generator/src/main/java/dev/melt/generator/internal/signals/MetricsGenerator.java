package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.engine.Plan;
import dev.melt.generator.internal.io.MetricSeries;
import dev.melt.generator.internal.io.MetricWriter;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Topology;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Samples seven metrics of every host at the metrics interval: {@code cpu_usage},
 * {@code memory_usage}, {@code request_rate}, {@code error_rate}, {@code latency_p50},
 * {@code latency_p95}, {@code latency_p99}. Ticks lie on {@code start + k * interval}, so
 * they do not depend on where chunks begin.
 */
public final class MetricsGenerator implements SignalGenerator {

    /** The metric names, in the order they are written at each tick. */
    public static final List<String> METRICS = List.of("cpu_usage", "memory_usage", "request_rate", "error_rate",
            "latency_p50", "latency_p95", "latency_p99");
    private static final String[] UNITS = {"percent", "percent", "requests_per_second", "percent", "ms", "ms", "ms"};

    private final Plan plan;
    private final long intervalMillis;
    /** series[host][metric], encoded once. */
    private final MetricSeries[][] series;
    /** Requests per second each host serves at the plan's traffic. */
    private final double[] hostRequestRate;

    /**
     * Prepares the series of every host.
     *
     * @param plan the plan
     */
    public MetricsGenerator(Plan plan) {
        this.plan = plan;
        this.intervalMillis = plan.config().metricsInterval().toMillis();
        Topology topology = plan.topology();
        this.series = new MetricSeries[topology.hosts().size()][METRICS.size()];
        this.hostRequestRate = new double[topology.hosts().size()];
        double entryRate = TrafficModel.requestsPerSecond(plan);
        for (Topology.Host host : topology.hosts()) {
            Topology.Service service = topology.services().get(host.serviceIndex());
            for (int m = 0; m < METRICS.size(); m++) {
                series[host.index()][m] = new MetricSeries(METRICS.get(m), service.name(), host.name(),
                        host.environment(), UNITS[m], 2);
            }
            hostRequestRate[host.index()] = entryRate * TrafficModel.callsPerRequest(topology, service.index())
                    / service.hosts().size();
        }
    }

    @Override
    public void generate(ChunkContext chunk) {
        Topology topology = plan.topology();
        List<Topology.Host> hosts = topology.hosts();
        IncidentIndex incidents = plan.incidents();
        MetricWriter out = chunk.metrics();
        ContinuousSampler[] noise = new ContinuousSampler[hosts.size()];
        for (Topology.Host host : hosts) {
            UniformRandomProvider rng = chunk.random(Signal.METRICS, host.name());
            noise[host.index()] = ZigguratSampler.NormalizedGaussian.of(rng);
        }
        long first = firstTick(chunk.startMillis());
        for (long t = first; t < chunk.endMillis(); t += intervalMillis) {
            double daily = TrafficModel.dailyFactor(t);
            for (Topology.Host host : hosts) {
                int h = host.index();
                int s = host.serviceIndex();
                ContinuousSampler z = noise[h];
                String incident = incidents.incidentAt(s, h, t);
                MetricSeries[] hs = series[h];
                double rate = Math.max(0, hostRequestRate[h] * daily * (1 + 0.05 * z.sample()));
                double cpu = clamp(20 + 25 * daily + 3 * z.sample(), 0, 100);
                double memory = clamp(55 + 5 * daily + 1.5 * z.sample(), 0, 100);
                double errorPct = Math.max(0, plan.config().errorRate() * 100 * (1 + 0.2 * z.sample()));
                double p50 = Math.max(0.1, (8 + 4 * topology.services().get(s).depth()) * (1 + 0.1 * z.sample()));
                double p95 = p50 * (2.2 + 0.2 * Math.abs(z.sample()));
                double p99 = p95 * (1.6 + 0.3 * Math.abs(z.sample()));
                out.write(hs[0], t, cpu, incident);
                out.write(hs[1], t, memory, incident);
                out.write(hs[2], t, rate, incident);
                out.write(hs[3], t, errorPct, incident);
                out.write(hs[4], t, p50, incident);
                out.write(hs[5], t, p95, incident);
                out.write(hs[6], t, p99, incident);
            }
        }
    }

    /** The first tick at or after {@code from} on the grid {@code start + k * interval}. */
    private long firstTick(long from) {
        long start = plan.startMillis();
        long k = (from - start + intervalMillis - 1) / intervalMillis;
        return start + k * intervalMillis;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
