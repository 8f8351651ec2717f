package dev.melt.generator.internal.io;

/**
 * Writes lines of {@code metrics.jsonl}:
 * {@code {"timestamp":…,"metric_name":…,"value":…,"labels":{…},"anomaly":…}}.
 */
public final class MetricWriter extends LineWriter {

    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    public MetricWriter(int initialCapacity) {
        super(initialCapacity);
    }

    /**
     * Writes one sample.
     *
     * @param series the series
     * @param epochMillis the sample time
     * @param value a finite value in the series' unit
     * @param incidentId the incident labelling the sample, or {@code null}
     */
    public void write(MetricSeries series, long epochMillis, double value, String incidentId) {
        startLine(epochMillis);
        out.raw(TIMESTAMP).timestampMillis(epochMillis).raw(series.head).decimal(value, series.fractionDigits())
                .raw(series.tail);
        endLine(false, incidentId);
    }
}
