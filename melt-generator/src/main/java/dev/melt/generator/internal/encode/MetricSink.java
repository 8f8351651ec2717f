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

    /**
     * Takes one sample of a counter by its increase: the encoder adds it to the series' running
     * total, kept across chunks in chunk order, since a chunk alone does not know what came before.
     *
     * @param series the counter's series, encoded once
     * @param slot the series' number among the counters, from 0 (its index in the running totals)
     * @param epochMillis the sample time
     * @param increase how much the counter grew since the last sample, 0 or more
     * @param reset whether the counter restarted from 0 before this increase (a process restart)
     * @param incidentId the incident labelling the sample, or {@code null} when it is normal
     */
    void counter(MetricSeries series, int slot, long epochMillis, long increase, boolean reset, String incidentId);
}
