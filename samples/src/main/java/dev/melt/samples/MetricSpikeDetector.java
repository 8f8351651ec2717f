package dev.melt.samples;

import dev.melt.generator.MetricRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Flags upward spikes of one metric, per service and host: a rolling z-score against an EWMA
 * baseline of each series, raised as an alert after a few consecutive high samples.
 *
 * <pre>{@code
 * try (Stream<MetricRecord> metrics = data.metrics()) {
 *     List<Alert> alerts = MetricSpikeDetector.cpu().detect(metrics);
 * }
 * }</pre>
 *
 * <p>Latency is judged on its logarithm: response times are log-normal, so a doubling counts
 * the same at 20 ms as at 200 ms. Samples judged anomalous are learnt clipped, so a spike of
 * ten minutes stays flagged to its end, while a lasting shift is eventually accepted.
 */
public final class MetricSpikeDetector {

    private final String metric;
    private final boolean logScale;
    private final double threshold;
    private final int minConsecutive;
    private final double alpha;
    private final int warmUpSamples;
    private final double minStdDev;

    /**
     * Creates a detector.
     *
     * @param metric the metric to watch, for example {@code cpu_usage}
     * @param logScale whether to judge the logarithm of the value (for latencies)
     * @param threshold the z-score above which a sample is anomalous
     * @param minConsecutive how many consecutive anomalous samples raise an alert
     * @param alpha the EWMA weight of a new sample
     * @param warmUpSamples how many samples each series learns before judging
     * @param minStdDev the smallest standard deviation assumed (in log units when {@code logScale})
     */
    public MetricSpikeDetector(String metric, boolean logScale, double threshold, int minConsecutive, double alpha,
                               int warmUpSamples, double minStdDev) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.logScale = logScale;
        this.threshold = threshold;
        this.minConsecutive = minConsecutive;
        this.alpha = alpha;
        this.warmUpSamples = warmUpSamples;
        this.minStdDev = minStdDev;
        new EwmaBaseline(alpha, warmUpSamples, minStdDev); // validates the baseline parameters now, not per series
    }

    /**
     * Returns the tuned CPU detector: {@code cpu_usage} above 4 σ for two samples (one minute at
     * the default 30 s interval), with σ taken as at least 6 percentage points, so that only a
     * rise of 24 points or more alerts. Batch jobs raise one host's CPU by 6 to 20 points on
     * schedule; a statistically significant but small rise is their signature, not an incident's.
     *
     * @return the detector
     */
    public static MetricSpikeDetector cpu() {
        return new MetricSpikeDetector("cpu_usage", false, 4.0, 2, 0.05, 10, 6.0);
    }

    /**
     * Returns the tuned latency detector: {@code latency_p95} above 4 σ (in log space) for two
     * samples, σ at least 0.1 (about 10%).
     *
     * @return the detector
     */
    public static MetricSpikeDetector latency() {
        return new MetricSpikeDetector("latency_p95", true, 4.0, 2, 0.05, 10, 0.1);
    }

    /** @return the watched metric */
    public String metric() {
        return metric;
    }

    /**
     * Runs the detector over metric samples in time order (the order of {@code metrics.jsonl}).
     * Other metrics are skipped.
     *
     * @param metrics the samples; consumed, not closed
     * @return the alerts, one per episode and series, in the order they ended
     */
    public List<Alert> detect(Stream<MetricRecord> metrics) {
        Map<String, Series> series = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        metrics.filter(m -> metric.equals(m.metricName())).forEach(m -> series
                .computeIfAbsent(m.service() + '\u0000' + m.host(), k -> new Series(m.service(), m.host()))
                .accept(m.timestamp(), m.value(), alerts));
        for (Series s : series.values()) {
            s.episode.close(s.lastSeen, alerts);
        }
        return alerts;
    }

    private final class Series {
        final EwmaBaseline baseline = new EwmaBaseline(alpha, warmUpSamples, minStdDev);
        final AlertEpisode episode;
        Instant lastSeen;

        Series(String service, String host) {
            this.episode = new AlertEpisode(service, host, metric, minConsecutive);
        }

        void accept(Instant at, double rawValue, List<Alert> alerts) {
            double value = logScale ? Math.log(Math.max(rawValue, 1e-9)) : rawValue;
            episode.judge(at, value, baseline, threshold, alerts);
            lastSeen = at;
        }
    }
}
