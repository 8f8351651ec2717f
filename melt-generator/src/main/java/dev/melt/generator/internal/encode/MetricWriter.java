package dev.melt.generator.internal.encode;

/**
 * Writes lines of {@code metrics.jsonl}:
 * {@code {"timestamp":…,"metric_name":…,"value":…,"labels":{…},"anomaly":…}}.
 */
public final class MetricWriter extends LineWriter implements MetricSink {

    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");
    /** The samples kept for the OpenMetrics encoder as well, or {@code null} when none is written. */
    private OpenMetricsSamples openMetrics;
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
        if (openMetrics != null) {
            openMetrics.add(series, epochMillis, value, incidentId);
        }
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

    private int pending;
    private int[] pendingAt = new int[64];
    private MetricSeries[] pendingSeries = new MetricSeries[64];
    private int[] pendingSlot = new int[64];
    private long[] pendingMillis = new long[64];
    private long[] pendingIncrease = new long[64];
    private boolean[] pendingReset = new boolean[64];
    private String[] pendingIncident = new String[64];
    private JsonBuffer resolved;

    /**
     * Remembers a counter sample where it belongs among the lines; {@link #resolveCounters} writes
     * it once the totals of the chunks before are known. Counted as a record now.
     */
    @Override
    public void counter(MetricSeries series, int slot, long epochMillis, long increase, boolean reset,
                        String incidentId) {
        if (pending == pendingAt.length) {
            int size = pending * 2;
            pendingAt = java.util.Arrays.copyOf(pendingAt, size);
            pendingSeries = java.util.Arrays.copyOf(pendingSeries, size);
            pendingSlot = java.util.Arrays.copyOf(pendingSlot, size);
            pendingMillis = java.util.Arrays.copyOf(pendingMillis, size);
            pendingIncrease = java.util.Arrays.copyOf(pendingIncrease, size);
            pendingReset = java.util.Arrays.copyOf(pendingReset, size);
            pendingIncident = java.util.Arrays.copyOf(pendingIncident, size);
        }
        pendingAt[pending] = out.size();
        pendingSeries[pending] = series;
        pendingSlot[pending] = slot;
        pendingMillis[pending] = epochMillis;
        pendingIncrease[pending] = increase;
        pendingReset[pending] = reset;
        pendingIncident[pending] = incidentId;
        pending++;
        countRecords(1);
    }

    /**
     * Writes the counter samples remembered since the last reset into their places, adding each
     * increase to its series' running total. Call once per chunk, in chunk order.
     *
     * @param totals the running total of every counter series by slot, updated
     */
    public void resolveCounters(long[] totals) {
        if (pending == 0) {
            return;
        }
        JsonBuffer lines = out;
        if (resolved == null) {
            resolved = new JsonBuffer(lines.capacity() + 64 * pending);
        }
        resolved.reset();
        out = resolved;
        long records = records();
        int copied = 0;
        for (int k = 0; k < pending; k++) {
            out.raw(lines.array(), copied, pendingAt[k] - copied);
            copied = pendingAt[k];
            int slot = pendingSlot[k];
            totals[slot] = (pendingReset[k] ? 0 : totals[slot]) + pendingIncrease[k];
            MetricSeries series = pendingSeries[k];
            write(series, pendingMillis[k], series.counterScale() == 1.0 ? totals[slot]
                    : totals[slot] * series.counterScale(), pendingIncident[k]);
        }
        out.raw(lines.array(), copied, lines.size() - copied);
        resolved = lines;
        countRecords(records - records());
        pending = 0;
    }

    /**
     * Keeps every sample written from now on for the OpenMetrics encoder too, counters with their
     * resolved totals; {@link #reset()} empties them with the lines.
     */
    public void recordOpenMetrics() {
        if (openMetrics == null) {
            openMetrics = new OpenMetricsSamples();
        }
    }

    /** @return the samples kept since the last reset, or {@code null} when none are kept */
    public OpenMetricsSamples openMetrics() {
        return openMetrics;
    }

    @Override
    public void reset() {
        super.reset();
        pending = 0;
        if (openMetrics != null) {
            openMetrics.reset();
        }
    }
}
