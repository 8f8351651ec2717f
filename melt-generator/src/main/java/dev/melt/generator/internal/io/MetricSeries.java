package dev.melt.generator.internal.io;

import java.nio.charset.StandardCharsets;

/**
 * One metric time series (metric name and labels), encoded once so that each sample only adds
 * its timestamp, value and label. Immutable; shared by every chunk of a plan.
 */
public final class MetricSeries {

    private final String metricName;
    private final String unit;
    private final int fractionDigits;
    final byte[] head;
    final byte[] tail;

    /**
     * Encodes a series.
     *
     * @param metricName the metric, for example {@code cpu_usage}
     * @param service the {@code service} label
     * @param host the {@code host} label
     * @param environment the {@code environment} label
     * @param unit the {@code unit} label, for example {@code percent}
     * @param fractionDigits how many decimals values keep at most
     */
    public MetricSeries(String metricName, String service, String host, String environment, String unit,
                        int fractionDigits) {
        this.metricName = metricName;
        this.unit = unit;
        this.fractionDigits = fractionDigits;
        // Roomy enough never to grow: every growth counts towards JsonBuffer.grow looking hot to
        // the JIT, which then inlines it (and its array copy) into every write of every line.
        JsonBuffer b = new JsonBuffer(512);
        b.raw(LineWriter.ascii(",\"metric_name\":")).string(metricName).raw(LineWriter.ascii(",\"value\":"));
        this.head = slice(b);
        b.reset();
        b.raw(LineWriter.ascii(",\"labels\":{\"service\":")).string(service)
                .raw(LineWriter.ascii(",\"host\":")).string(host)
                .raw(LineWriter.ascii(",\"environment\":")).string(environment)
                .raw(LineWriter.ascii(",\"unit\":")).string(unit).raw(LineWriter.ascii("},"));
        this.tail = slice(b);
    }

    private static byte[] slice(JsonBuffer b) {
        byte[] copy = new byte[b.size()];
        System.arraycopy(b.array(), 0, copy, 0, b.size());
        return copy;
    }

    /** @return the metric name */
    public String metricName() {
        return metricName;
    }

    /** @return the unit label */
    public String unit() {
        return unit;
    }

    /** @return how many decimals values keep */
    public int fractionDigits() {
        return fractionDigits;
    }

    @Override
    public String toString() {
        return new String(head, StandardCharsets.UTF_8) + "…" + new String(tail, StandardCharsets.UTF_8);
    }
}
