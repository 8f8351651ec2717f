package dev.melt.generator.internal.encode;

/**
 * Where the metrics generator puts its samples, field by field: an encoder implements it
 * ({@link MetricWriter} for {@code metrics.jsonl}). The series is a handle encoded once per plan,
 * so a sample costs no string work; calls allocate nothing.
 */
public interface MetricSink {

    /**
     * Takes one sample.
     *
     * @param series the series (metric name and labels), encoded once
     * @param epochMillis the sample time
     * @param value a finite value in the series' unit
     * @param incidentId the incident labelling the sample, or {@code null} when it is normal
     */
    void write(MetricSeries series, long epochMillis, double value, String incidentId);
}
