package dev.melt.generator;

import java.time.Instant;
import java.util.Map;

/**
 * One sample of a time series, a line of {@code metrics.jsonl}.
 *
 * @param timestamp the sample time
 * @param metricName the metric, for example {@code cpu_usage}
 * @param value the value, in the unit given by the {@code unit} label
 * @param labels {@code service}, {@code host}, {@code environment} and {@code unit}
 * @param anomaly whether the ground truth labels this sample anomalous
 * @param incidentId the incident id when {@code anomaly} is true, else {@code null}
 */
public record MetricRecord(Instant timestamp, String metricName, double value, Map<String, String> labels,
                           boolean anomaly, String incidentId) implements TelemetryRecord {

    @Override
    public Signal signal() {
        return Signal.METRICS;
    }

    @Override
    public String service() {
        return labels.get("service");
    }

    @Override
    public String host() {
        return labels.get("host");
    }
}
