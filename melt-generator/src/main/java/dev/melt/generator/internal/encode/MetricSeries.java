package dev.melt.generator.internal.encode;

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
    /** {@link #tail} and the ending of a line no incident labels, written in one copy. */
    final byte[] tailEndingNormally;

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
        this.head = LineWriter.template(LineWriter.ascii(",\"metric_name\":"), JsonText.of(metricName),
                LineWriter.ascii(",\"value\":"));
        this.tail = LineWriter.template(LineWriter.ascii(",\"labels\":{\"service\":"), JsonText.of(service),
                LineWriter.ascii(",\"host\":"), JsonText.of(host), LineWriter.ascii(",\"environment\":"),
                JsonText.of(environment), LineWriter.ascii(",\"unit\":"), JsonText.of(unit), LineWriter.ascii("},"));
        this.tailEndingNormally = LineWriter.endingNormally(tail);
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
