package dev.melt.generator.internal.encode;

import java.util.Arrays;

/**
 * The metric samples of one chunk, kept as they are written so that the OpenMetrics encoder can
 * put them in its order (family, then series, then time) once the chunk's counters are resolved.
 * Columns of primitives, reused from chunk to chunk.
 */
public final class OpenMetricsSamples {

    private int size;
    private MetricSeries[] series = new MetricSeries[1024];
    private long[] millis = new long[1024];
    private double[] values = new double[1024];
    private String[] incidents = new String[1024];

    void add(MetricSeries s, long epochMillis, double value, String incidentId) {
        if (size == series.length) {
            int grown = size * 2;
            series = Arrays.copyOf(series, grown);
            millis = Arrays.copyOf(millis, grown);
            values = Arrays.copyOf(values, grown);
            incidents = Arrays.copyOf(incidents, grown);
        }
        series[size] = s;
        millis[size] = epochMillis;
        values[size] = value;
        incidents[size] = incidentId;
        size++;
    }

    void reset() {
        Arrays.fill(series, 0, size, null);
        Arrays.fill(incidents, 0, size, null);
        size = 0;
    }

    /** @return the samples kept */
    public int size() {
        return size;
    }

    MetricSeries series(int i) {
        return series[i];
    }

    long millis(int i) {
        return millis[i];
    }

    double value(int i) {
        return values[i];
    }

    String incident(int i) {
        return incidents[i];
    }
}
