package dev.melt.generator.internal.encode;

/**
 * Writes lines of {@code metrics.jsonl}:
 * {@code {"timestamp":…,"metric_name":…,"value":…,"labels":{…},"anomaly":…}}.
 */
public final class MetricWriter extends LineWriter implements MetricSink {

    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");
    /** {@code {"timestamp":"…"} of the last line: every series of a host is sampled at the same instant. */
    private final JsonBuffer prefix = new JsonBuffer(64);
    private long prefixMillis = Long.MIN_VALUE;

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
    @Override
    public void write(MetricSeries series, long epochMillis, double value, String incidentId) {
        startLine(epochMillis);
        if (epochMillis != prefixMillis) {
            prefix.reset();
            prefix.raw(TIMESTAMP).timestampMillis(epochMillis);
            prefixMillis = epochMillis;
        }
        out.raw(prefix.array(), 0, prefix.size()).raw(series.head).decimal(value, series.fractionDigits());
        if (incidentId == null) {
            endNormalLine(series.tailEndingNormally);
        } else {
            out.raw(series.tail);
            endLine(false, incidentId);
        }
    }
}
