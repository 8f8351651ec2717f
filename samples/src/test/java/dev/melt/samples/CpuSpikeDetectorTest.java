package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;

import dev.melt.assertions.Detection;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.junit.MeltDataset;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test README.md shows first: its body is checked against the README by DocSnippetsTest. */
class CpuSpikeDetectorTest {

    @Test
    void findsEveryCpuSpike(@MeltDataset(size = "10MB", anomalies = CPU_SPIKE, seed = 42) MeltData data) {
        List<Detection> detections;
        try (Stream<MetricRecord> metrics = data.metrics()) {
            detections = MetricSpikeDetector.cpu().detect(metrics).stream()        // your detector
                    .map(alert -> Detection.between(alert.start(), alert.end()).on(alert.service()))
                    .toList();
        }
        assertThat(detections).withTolerance(Duration.ofMinutes(1)).against(data)
                .detectsEvery(AnomalyType.CPU_SPIKE)
                .hasPrecisionAtLeast(0.9);
    }
}
