package dev.melt.junit;

import dev.melt.assertions.Detection;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A small detector for the scorecard sweep: per host, flags the points of {@code cpu_usage} and
 * {@code error_rate} that stand more than five median absolute deviations above the host's
 * median (at least 25% above it, so a flat series does not fire on noise).
 */
final class MedianSpikeDetector {

    private MedianSpikeDetector() {
    }

    static List<Detection> detect(MeltData data) {
        Map<String, List<MetricRecord>> series = new TreeMap<>();
        try (Stream<MetricRecord> metrics = data.metrics()) {
            metrics.filter(m -> m.metricName().equals("cpu_usage") || m.metricName().equals("error_rate"))
                    .forEach(m -> series.computeIfAbsent(m.metricName() + "/" + m.host(), k -> new ArrayList<>()).add(m));
        }
        List<Detection> found = new ArrayList<>();
        for (List<MetricRecord> points : series.values()) {
            double[] values = points.stream().mapToDouble(MetricRecord::value).toArray();
            double median = median(values);
            double mad = median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
            double threshold = median + Math.max(5 * mad, 0.25 * Math.abs(median) + 1e-9);
            for (MetricRecord point : points) {
                if (point.value() > threshold) {
                    found.add(Detection.at(point.timestamp()).on(point.service()).onHost(point.host()));
                }
            }
        }
        return found;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
