package dev.melt.samples;

import dev.melt.generator.MetricRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The naive detector a difficulty level is measured against: one metric above one fixed
 * threshold, per service and host, as a one-line alert rule would say it
 * ({@code cpu_usage > 60}). An alert spans each run of samples above the threshold.
 *
 * <pre>{@code
 * try (Stream<MetricRecord> metrics = data.metrics()) {
 *     List<Alert> alerts = new StaticThresholdDetector("cpu_usage", 60).detect(metrics);
 * }
 * }</pre>
 *
 * <p>It learns nothing: a threshold tuned on some datasets (as the calibration scorecard tunes it,
 * on seeds apart from those it scores) is all it knows.
 */
public final class StaticThresholdDetector {

    private final String metric;
    private final double threshold;

    /**
     * Creates a detector.
     *
     * @param metric the metric to watch, for example {@code cpu_usage}
     * @param threshold the value above which a sample is anomalous
     * @throws IllegalArgumentException when the threshold is not a finite number
     */
    public StaticThresholdDetector(String metric, double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: " + threshold + " is not accepted; expected a finite number");
        }
        this.metric = Objects.requireNonNull(metric, "metric");
        this.threshold = threshold;
    }

    /** @return the watched metric */
    public String metric() {
        return metric;
    }

    /** @return the threshold */
    public double threshold() {
        return threshold;
    }

    /**
     * Runs the detector over metric samples in time order (the order of {@code metrics.jsonl}).
     * Other metrics are skipped.
     *
     * @param metrics the samples; consumed, not closed
     * @return the alerts, one per run of samples above the threshold and series, scored by the
     *     highest value of the run, in the order they ended
     */
    public List<Alert> detect(Stream<MetricRecord> metrics) {
        Map<String, AlertEpisode> episodes = new LinkedHashMap<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        metrics.filter(m -> metric.equals(m.metricName())).forEach(m -> {
            String key = m.service() + '\u0000' + m.host();
            AlertEpisode episode = episodes.computeIfAbsent(key, k -> new AlertEpisode(m.service(), m.host(), metric, 1));
            if (m.value() > threshold) {
                episode.anomalous(m.timestamp(), m.value());
            } else {
                episode.normal(m.timestamp(), alerts);
            }
            lastSeen.put(key, m.timestamp());
        });
        episodes.forEach((key, episode) -> episode.close(lastSeen.get(key), alerts));
        return alerts;
    }
}
