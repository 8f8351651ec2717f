package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.encode.MetricSeries;
import dev.melt.generator.internal.encode.MetricSink;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;
import dev.melt.generator.internal.plan.Topology;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Samples seven metrics, from the fleet model, of every host at the metrics interval: {@code cpu_usage},
 * {@code memory_usage}, {@code request_rate}, {@code error_rate}, {@code latency_p50},
 * {@code latency_p95}, {@code latency_p99}, and the counter {@code requests_total} (requests served since
 * the dataset began; it never goes backwards and grows slower while the service is down). Ticks lie on {@code start + k * interval}, so
 * they do not depend on where chunks begin.
 */
final class MetricsGenerator implements SignalGenerator {

    /** The metric names, in the order they are written at each tick. */
    public static final List<String> METRICS = List.of("cpu_usage", "memory_usage", "request_rate", "error_rate",
            "latency_p50", "latency_p95", "latency_p99", "requests_total");
    private static final String[] UNITS = {"percent", "percent", "requests_per_second", "percent", "ms", "ms", "ms",
        "count"};

    private static final int REQUESTS_TOTAL = 7;
    private static final double P95_Z = 1.645;
    private static final double P99_Z = 2.326;

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
                        host.environment(), UNITS[m], m == REQUESTS_TOTAL ? 0 : 2);
            }
            hostRequestRate[host.index()] = entryRate * TrafficModel.callsPerRequest(topology, service.index())
                    / service.hosts().size();
        }
    }

    @Override
    public void generate(ChunkContext chunk, HostTimeline timeline) {
        List<Topology.Host> hosts = plan.topology().hosts();
        MetricSink out = chunk.metrics();
        ContinuousSampler[] noise = new ContinuousSampler[hosts.size()];
        for (Topology.Host host : hosts) {
            UniformRandomProvider rng = chunk.random(Signal.METRICS, host.name());
            noise[host.index()] = ZigguratSampler.NormalizedGaussian.of(rng);
        }
        HostState st = new HostState();
        long first = firstTick(chunk.startMillis());
        for (long t = first; t < chunk.endMillis(); t += intervalMillis) {
            tick(out, hosts, t, noise, st);
        }
    }

    /**
     * Writes the metrics of every host at one tick. A method per tick keeps the chunk's loop to a
     * few dozen turns: the JIT compiles this method early and whole, instead of compiling the
     * chunk's loop on the stack late in a run and then again.
     */
    private void tick(MetricSink out, List<Topology.Host> hosts, long t, ContinuousSampler[] noise, HostState st) {
        double volume = plan.model().trafficVolume(t, st);
        for (Topology.Host host : hosts) {
            sample(out, host, t, volume, noise[host.index()], st);
        }
    }

    /**
     * Writes the eight metrics of one host at one tick. One call per host and tick, rather than
     * a loop body of {@link #tick}: the JIT compiles it once, early, instead of compiling the
     * tick's loop on the stack and then again.
     */
    private void sample(MetricSink out, Topology.Host host, long t, double volume, ContinuousSampler z,
                        HostState st) {
        FleetModel model = plan.model();
        int h = host.index();
        model.evaluate(h, t, st);
        String incident = plan.incidents().incidentAt(host.serviceIndex(), h, t);
        MetricSeries[] hs = series[h];
        // Measurement noise on top of the model's autocorrelated noise: 3% on the rate, 10% on the share.
        double rate = Math.max(0, hostRequestRate[h] * st.traffic * st.servedShare * (1 + 0.03 * z.sample()));
        double errorShare = st.down ? 1 : clamp(st.errorProbability * (1 + 0.1 * z.sample()), 0, 1);
        double jitter = 1 + 0.03 * z.sample();
        out.write(hs[0], t, st.cpuPercent, incident);
        out.write(hs[1], t, st.memoryPercent, incident);
        out.write(hs[2], t, rate, incident);
        out.write(hs[3], t, errorShare * 100, incident);
        out.write(hs[4], t, st.latencyQuantileMs(0) * jitter, incident);
        out.write(hs[5], t, st.latencyQuantileMs(P95_Z) * jitter, incident);
        out.write(hs[6], t, st.latencyQuantileMs(P99_Z) * jitter, incident);
        out.write(hs[REQUESTS_TOTAL], t, Math.floor(hostRequestRate[h] * model.servedVolume(h, t, volume)),
                incident);
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
