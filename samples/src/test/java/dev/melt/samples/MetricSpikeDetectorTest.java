package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.MetricRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The metric detector on hand-made series, where the right answer is known exactly. */
class MetricSpikeDetectorTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static MetricRecord cpu(int sample, String host, double value) {
        return new MetricRecord(T0.plusSeconds(30L * sample), "cpu_usage", value,
                Map.of("service", "payment", "host", host, "environment", "production", "unit", "percent"), false, null);
    }

    /**
     * Two hosts at 40% ± noise; payment-02 spikes to 90% for samples 100–119, and payment-01 runs
     * a batch job adding 12 points for samples 60–69.
     */
    private static List<MetricRecord> series() {
        Random noise = new Random(7);
        List<MetricRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean batchJob = i >= 60 && i < 70;
            records.add(cpu(i, "payment-01", (batchJob ? 52 : 40) + noise.nextGaussian() * 2));
            boolean spike = i >= 100 && i < 120;
            records.add(cpu(i, "payment-02", (spike ? 90 : 40) + noise.nextGaussian() * 2));
        }
        return records;
    }

    @Test
    void flagsTheSpikeOnItsHostForItsWholeLengthButNotTheBatchJob() {
        List<Alert> alerts = MetricSpikeDetector.cpu().detect(series().stream());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.host()).isEqualTo("payment-02");
            assertThat(alert.start()).isEqualTo(T0.plusSeconds(30 * 100));
            assertThat(alert.end()).isEqualTo(T0.plusSeconds(30 * 120));
            assertThat(alert.score()).isGreaterThan(5);
        });
    }

    @Test
    void ignoresOtherMetrics() {
        List<MetricRecord> memory = series().stream()
                .map(m -> new MetricRecord(m.timestamp(), "memory_usage", m.value(), m.labels(), false, null))
                .toList();

        assertThat(MetricSpikeDetector.cpu().detect(memory.stream())).isEmpty();
    }
}
