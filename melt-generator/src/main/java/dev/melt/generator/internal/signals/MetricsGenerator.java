package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.encode.MetricSeries;
import dev.melt.generator.internal.encode.MetricSink;
import dev.melt.generator.internal.encode.OpenMetricsLayout;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Topology;
import java.util.List;

/**
 * Writes the metrics of every host at each metric interval, from the requests it served in the
 * interval ({@link RequestStats}) and the fleet model:
 * <ul>
 *   <li>{@code request_rate}: the requests the host served in the interval, per second;</li>
 *   <li>{@code error_rate}: the share of them that failed with a server error (5xx), in percent;</li>
 *   <li>{@code latency_p50}, {@code latency_p95}, {@code latency_p99}: quantiles of their server
 *       span durations;</li>
 *   <li>{@code requests_total}: a counter of the requests served since the dataset began or the
 *       host last restarted (it resets to 0 then), as a Prometheus counter does;</li>
 *   <li>{@code cpu_usage} and {@code memory_usage}: the model's utilisation at the interval's start
 *       (CPU follows the traffic);</li>
 *   <li>{@code http_server_duration_bucket} (with an {@code le} label, in ms: OpenTelemetry's
 *       default boundaries plus 150 and 350, then {@code +Inf}), {@code http_server_duration_sum} (ms) and
 *       {@code http_server_duration_count}: a Prometheus histogram of the server span durations,
 *       cumulative counters that reset with the host like {@code requests_total}, so that
 *       {@code histogram_quantile} over any window gives that window's quantiles.</li>
 * </ul>
 * A sample at tick {@code t} describes the interval {@code [t, t + interval)}. An interval in
 * which a host served no request has no {@code error_rate} and no latency samples: the records
 * are absent, as a Prometheus histogram quantile over no observations is. Ticks lie on
 * {@code start + k * interval}.
 */
final class MetricsGenerator {

    /** The metric names of the gauges and {@code requests_total}, in the order they are written at each tick. */
    public static final List<String> METRICS = List.of("cpu_usage", "memory_usage", "request_rate", "error_rate",
            "latency_p50", "latency_p95", "latency_p99", "requests_total");
    private static final String[] UNITS = {"percent", "percent", "requests_per_second", "percent", "ms", "ms", "ms",
        "count"};
    private static final int REQUESTS_TOTAL = 7;
    /** The histogram: its buckets, then {@code _sum} and {@code _count}. */
    static final String HISTOGRAM = "http_server_duration";
    private static final int BUCKETS = RequestStats.BUCKET_BOUNDS_MS.length + 1;
    /** Counter series per host: requests_total, the buckets, the sum, the count. */
    static final int COUNTERS_PER_HOST = 1 + BUCKETS + 2;

    private final Plan plan;
    /** series[host][metric], encoded once. */
    private final MetricSeries[][] series;
    /** histogram[host][k]: the buckets, then the sum and the count. */
    private final MetricSeries[][] histogram;
    /** Per host: its restarts, in time order, for the counter's resets. */
    private final long[][] restarts;
    /** The families of the OpenMetrics file: the gauges, the counter, the histogram, the labels. */
    private final OpenMetricsLayout openMetrics;
    private static final int HISTOGRAM_FAMILY = METRICS.size();

    /**
     * Prepares the series of every host.
     *
     * @param plan the plan
     */
    MetricsGenerator(Plan plan) {
        this.plan = plan;
        Topology topology = plan.topology();
        this.series = new MetricSeries[topology.hosts().size()][METRICS.size()];
        this.restarts = new long[topology.hosts().size()][];
        this.histogram = new MetricSeries[topology.hosts().size()][BUCKETS + 2];
        List<String[]> hostLabels = new java.util.ArrayList<>();
        for (Topology.Host host : topology.hosts()) {
            hostLabels.add(new String[] {topology.services().get(host.serviceIndex()).name(), host.name(),
                host.environment()});
        }
        this.openMetrics = new OpenMetricsLayout(families(), hostLabels, 0);
        for (Topology.Host host : topology.hosts()) {
            Topology.Service service = topology.services().get(host.serviceIndex());
            for (int m = 0; m < METRICS.size(); m++) {
                series[host.index()][m] = new MetricSeries(METRICS.get(m), service.name(), host.name(),
                        host.environment(), UNITS[m], m == REQUESTS_TOTAL ? 0 : 2)
                        .openMetrics(openMetrics.metric(m, host.index()));
            }
            restarts[host.index()] = plan.model().restarts(host.index());
            MetricSeries[] h = histogram[host.index()];
            for (int k = 0; k < BUCKETS; k++) {
                String le = k < BUCKETS - 1 ? bound(RequestStats.BUCKET_BOUNDS_MS[k]) : "+Inf";
                h[k] = new MetricSeries(HISTOGRAM + "_bucket", service.name(), host.name(), host.environment(), "count",
                        le, 0, 1.0);
            }
            h[BUCKETS] = new MetricSeries(HISTOGRAM + "_sum", service.name(), host.name(), host.environment(), "ms",
                    null, 3, 1e-3);
            h[BUCKETS + 1] = new MetricSeries(HISTOGRAM + "_count", service.name(), host.name(), host.environment(),
                    "count", null, 0, 1.0);
            for (MetricSeries s : h) {
                s.openMetrics(openMetrics.metric(HISTOGRAM_FAMILY, host.index()));
            }
        }
    }

    /** The OpenMetrics families, in file order: each metric of {@link #METRICS}, the histogram, the labels. */
    private static List<OpenMetricsLayout.Family> families() {
        String[] help = {
            "CPU used on the host at the interval's start, percent (0-100).",
            "Memory used on the host at the interval's start, percent (0-100).",
            "Requests the host served in the interval, per second.",
            "Share of the interval's requests that failed with a 5xx, percent.",
            "Median duration of the interval's server spans, ms.",
            "95th percentile of the interval's server span durations, ms.",
            "99th percentile of the interval's server span durations, ms.",
            "Requests the host served since the start or its last restart.",
        };
        List<OpenMetricsLayout.Family> families = new java.util.ArrayList<>();
        for (int m = 0; m < METRICS.size(); m++) {
            families.add(m == REQUESTS_TOTAL
                    ? new OpenMetricsLayout.Family("requests", OpenMetricsLayout.Kind.COUNTER, help[m])
                    : new OpenMetricsLayout.Family(METRICS.get(m), OpenMetricsLayout.Kind.GAUGE, help[m]));
        }
        families.add(new OpenMetricsLayout.Family(HISTOGRAM, OpenMetricsLayout.Kind.HISTOGRAM,
                "Durations of the host's server spans, ms; resets with the host."));
        families.add(new OpenMetricsLayout.Family("melt_anomaly", OpenMetricsLayout.Kind.ANOMALY,
                "melt's label: 1 when the host's samples at this time are labelled anomalous, else 0."));
        families.add(new OpenMetricsLayout.Family("melt_incident", OpenMetricsLayout.Kind.INCIDENT,
                "melt's label: 1 while incident_id labels the host's samples, 0 at the first sample after."));
        return families;
    }

    /** @return the layout of the OpenMetrics file */
    OpenMetricsLayout openMetrics() {
        return openMetrics;
    }

    /**
     * Writes the metrics of every host for one interval.
     *
     * @param out the sink
     * @param from the interval's start, its tick
     * @param to its end (exclusive); the last interval of a dataset may be shorter
     * @param stats the requests each host served in it
     * @param st a state of this thread's, overwritten
     */
    void block(MetricSink out, long from, long to, RequestStats stats, HostState st, AlertRules.Samples alerts) {
        double seconds = (to - from) / 1000.0;
        for (Topology.Host host : plan.topology().hosts()) {
            sample(out, host, from, to, seconds, stats, st, alerts);
        }
    }

    private void sample(MetricSink out, Topology.Host host, long t, long to, double seconds, RequestStats stats,
                        HostState st, AlertRules.Samples alerts) {
        FleetModel model = plan.model();
        int h = host.index();
        model.evaluate(h, t, st);
        String incident = plan.incidents().incidentAt(host.serviceIndex(), h, t);
        MetricSeries[] hs = series[h];
        int served = stats.count(h);
        out.write(hs[0], t, st.cpuPercent, incident);
        out.write(hs[1], t, st.memoryPercent, incident);
        out.write(hs[2], t, served / seconds, incident);
        double errorRate = Double.NaN;
        double p99 = Double.NaN;
        if (served > 0) {
            errorRate = 100.0 * stats.errors(h) / served;
            p99 = stats.quantileMillis(h, 0.99);
            out.write(hs[3], t, errorRate, incident);
            out.write(hs[4], t, stats.quantileMillis(h, 0.50), incident);
            out.write(hs[5], t, stats.quantileMillis(h, 0.95), incident);
            out.write(hs[6], t, p99, incident);
        }
        alerts.add(h, t, st.cpuPercent, errorRate, p99);
        boolean reset = restartedIn(h, t, to);
        int slot = h * COUNTERS_PER_HOST;
        out.counter(hs[REQUESTS_TOTAL], slot, t, served, reset, incident);
        // Prometheus' cumulative buckets: each counts the requests at most its bound.
        MetricSeries[] hist = histogram[h];
        long cumulative = 0;
        for (int k = 0; k < BUCKETS; k++) {
            cumulative += stats.bucket(h, k);
            out.counter(hist[k], slot + 1 + k, t, cumulative, reset, incident);
        }
        out.counter(hist[BUCKETS], slot + 1 + BUCKETS, t, stats.sumMicros(h), reset, incident);
        out.counter(hist[BUCKETS + 1], slot + 2 + BUCKETS, t, served, reset, incident);
    }

    /** A bucket bound as Prometheus writes it: {@code 5}, {@code 7500}. */
    private static String bound(double ms) {
        return ms == Math.rint(ms) ? Long.toString((long) ms) : Double.toString(ms);
    }

    /**
     * Returns how many counter series a plan's metrics keep running totals for.
     *
     * @param plan the plan
     * @return the size of the totals array {@code resolveCounters} takes
     */
    static int counterSlots(Plan plan) {
        return plan.topology().hosts().size() * COUNTERS_PER_HOST;
    }

    /** Whether the host restarted in [from, to): its counter then starts again from 0. */
    private boolean restartedIn(int host, long from, long to) {
        long[] r = restarts[host];
        int i = java.util.Arrays.binarySearch(r, from);
        i = i >= 0 ? i : -i - 1;
        return i < r.length && r[i] < to;
    }
}
