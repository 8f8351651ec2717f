package dev.melt.generator.internal.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes the metric samples of one chunk at a time as OpenMetrics text, metric by metric: the
 * lines of each metric of the {@link OpenMetricsLayout} in time order, metrics one after the other
 * in the layout's order. Concatenating every chunk's part of a metric, chunk after chunk, gives
 * that metric's lines in the file. Keeps state from chunk to chunk (the incident each host was in
 * at its last tick), so chunks must be encoded in chunk order, on one thread.
 *
 * <p>A sample line is {@code name{labels} value timestamp}: the value as in {@code metrics.jsonl},
 * the timestamp in seconds since the epoch, with a fraction only when the time has milliseconds.
 */
public final class OpenMetricsEncoder {

    private static final byte[] ANOMALY = ascii("melt_anomaly{");
    private static final byte[] INCIDENT = ascii("melt_incident{");
    private static final byte[] INCIDENT_ID = ascii(",incident_id=\"");
    private static final byte[] ZERO = ascii("} 0 ");
    private static final byte[] ONE = ascii("} 1 ");
    private static final byte[] QUOTE_ZERO = ascii("\"} 0 ");
    private static final byte[] QUOTE_ONE = ascii("\"} 1 ");

    private final OpenMetricsLayout layout;
    /** Per host, the incident labelling its last tick, or {@code null}. */
    private final String[] lastIncident;
    private int[] counts;
    private int[] order = new int[0];
    private long lines;

    /**
     * Creates an encoder for one file.
     *
     * @param layout the file's layout
     */
    public OpenMetricsEncoder(OpenMetricsLayout layout) {
        this.layout = layout;
        this.lastIncident = new String[layout.hosts()];
        this.counts = new int[layout.metrics() + 1];
    }

    /** @return the layout */
    public OpenMetricsLayout layout() {
        return layout;
    }

    /** @return the sample lines encoded so far, over all chunks */
    public long lines() {
        return lines;
    }

    /**
     * Appends one chunk's lines, metric by metric.
     *
     * @param samples the chunk's samples, counters resolved
     * @param out where the lines go
     * @param starts filled with {@code metrics() + 1} offsets into {@code out}: metric {@code m}'s
     *     lines are {@code [starts[m], starts[m + 1])}
     */
    public void encode(OpenMetricsSamples samples, JsonBuffer out, long[] starts) {
        int metrics = layout.metrics();
        int n = samples.size();
        // A stable counting sort by metric keeps each metric's samples in the order they were
        // written, which is time order (and, within a histogram's tick, bucket, sum, count).
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[samples.series(i).openMetricsMetric() + 1]++;
        }
        for (int m = 0; m < metrics; m++) {
            counts[m + 1] += counts[m];
        }
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
        }
        int[] next = counts.clone();
        for (int i = 0; i < n; i++) {
            order[next[samples.series(i).openMetricsMetric()]++] = i;
        }
        int hosts = layout.hosts();
        for (int m = 0; m < metrics; m++) {
            starts[m] = out.size();
            OpenMetricsLayout.Kind kind = layout.families().get(m / hosts).kind();
            int host = m % hosts;
            if (kind == OpenMetricsLayout.Kind.ANOMALY || kind == OpenMetricsLayout.Kind.INCIDENT) {
                int ticks = layout.metric(layout.everyTick(), host);
                for (int k = counts[ticks]; k < counts[ticks + 1]; k++) {
                    int i = order[k];
                    if (kind == OpenMetricsLayout.Kind.ANOMALY) {
                        anomaly(out, host, samples.millis(i), samples.incident(i));
                    } else {
                        incident(out, host, samples.millis(i), samples.incident(i));
                    }
                }
            } else {
                for (int k = counts[m]; k < counts[m + 1]; k++) {
                    int i = order[k];
                    MetricSeries s = samples.series(i);
                    out.raw(s.openMetricsHead).decimal(samples.value(i), s.fractionDigits()).raw(' ');
                    timestamp(out, samples.millis(i));
                    lines++;
                }
            }
        }
        starts[metrics] = out.size();
    }

    private void anomaly(JsonBuffer out, int host, long millis, String incident) {
        out.raw(ANOMALY).raw(layout.hostLabels(host)).raw(incident == null ? ZERO : ONE);
        timestamp(out, millis);
        lines++;
    }

    private void incident(JsonBuffer out, int host, long millis, String incident) {
        String last = lastIncident[host];
        if (last != null && !last.equals(incident)) {
            incidentLine(out, host, last, QUOTE_ZERO, millis);
        }
        if (incident != null) {
            incidentLine(out, host, incident, QUOTE_ONE, millis);
        }
        lastIncident[host] = incident;
    }

    private void incidentLine(JsonBuffer out, int host, String id, byte[] value, long millis) {
        out.raw(INCIDENT).raw(layout.hostLabels(host)).raw(INCIDENT_ID)
                .raw(id.getBytes(StandardCharsets.UTF_8)).raw(value);
        timestamp(out, millis);
        lines++;
    }

    /** Seconds since the epoch, then the line feed: {@code 1704067200}, {@code 1704067200.5}. */
    static void timestamp(JsonBuffer out, long millis) {
        if (millis < 0) {
            out.raw('-');
            millis = -millis;
        }
        out.number(millis / 1000);
        long fraction = millis % 1000;
        if (fraction != 0) {
            out.raw('.');
            if (fraction < 100) {
                out.raw('0');
            }
            if (fraction < 10) {
                out.raw('0');
            }
            while (fraction % 10 == 0) {
                fraction /= 10;
            }
            out.number(fraction);
        }
        out.raw('\n');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
