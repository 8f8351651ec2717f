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
    private final double counterScale;
    final byte[] head;
    final byte[] tail;
    /** {@link #tail} and the ending of a line no incident labels, written in one copy. */
    final byte[] tailEndingNormally;
    /** The OpenMetrics sample's name and labels (those of the JSONL line but {@code unit}), then a space. */
    final byte[] openMetricsHead;
    /** The series' metric in {@link OpenMetricsLayout} (family and host), or -1 when it has none. */
    private int openMetricsMetric = -1;

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
        this(metricName, service, host, environment, unit, null, fractionDigits, 1.0);
    }

    /**
     * Encodes a series with a histogram bucket's {@code le} label, and a counter's scale.
     *
     * @param metricName the metric, for example {@code http_server_duration_bucket}
     * @param service the {@code service} label
     * @param host the {@code host} label
     * @param environment the {@code environment} label
     * @param unit the {@code unit} label
     * @param le the {@code le} label (a bucket's upper bound, such as {@code 250} or {@code +Inf}), or
     *     {@code null} for none
     * @param fractionDigits how many decimals values keep at most
     * @param counterScale what a counter's whole-number total is multiplied by when written (1e-3
     *     for a sum kept in microseconds and written in milliseconds)
     */
    public MetricSeries(String metricName, String service, String host, String environment, String unit, String le,
                        int fractionDigits, double counterScale) {
        this.metricName = metricName;
        this.unit = unit;
        this.fractionDigits = fractionDigits;
        this.counterScale = counterScale;
        this.head = LineWriter.template(LineWriter.ascii(",\"metric_name\":"), JsonText.of(metricName),
                LineWriter.ascii(",\"value\":"));
        this.tail = le == null
                ? LineWriter.template(LineWriter.ascii(",\"labels\":{\"service\":"), JsonText.of(service),
                        LineWriter.ascii(",\"host\":"), JsonText.of(host), LineWriter.ascii(",\"environment\":"),
                        JsonText.of(environment), LineWriter.ascii(",\"unit\":"), JsonText.of(unit), LineWriter.ascii("},"))
                : LineWriter.template(LineWriter.ascii(",\"labels\":{\"service\":"), JsonText.of(service),
                        LineWriter.ascii(",\"host\":"), JsonText.of(host), LineWriter.ascii(",\"environment\":"),
                        JsonText.of(environment), LineWriter.ascii(",\"unit\":"), JsonText.of(unit),
                        LineWriter.ascii(",\"le\":"), JsonText.of(le), LineWriter.ascii("},"));
        this.tailEndingNormally = LineWriter.endingNormally(tail);
        StringBuilder om = new StringBuilder(metricName).append('{');
        OpenMetricsLayout.label(om, "service", service).append(',');
        OpenMetricsLayout.label(om, "host", host).append(',');
        // No unit label: a histogram's samples would disagree on it (count, ms), making the _sum
        // another metric; the family's HELP names the unit.
        OpenMetricsLayout.label(om, "environment", environment);
        if (le != null) {
            OpenMetricsLayout.label(om.append(','), "le", OpenMetricsLayout.canonicalBound(le));
        }
        this.openMetricsHead = om.append("} ").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Places the series in an OpenMetrics layout. Call before the series is shared.
     *
     * @param metric its metric number, {@link OpenMetricsLayout#metric(int, int)}
     * @return this series
     */
    public MetricSeries openMetrics(int metric) {
        this.openMetricsMetric = metric;
        return this;
    }

    /** @return the series' metric number in its OpenMetrics layout, or -1 */
    public int openMetricsMetric() {
        return openMetricsMetric;
    }

    /** @return what a counter's total is multiplied by when written */
    public double counterScale() {
        return counterScale;
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
