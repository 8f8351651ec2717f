package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.junit.MeltDataset;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sample 1: a rolling z-score over metrics ({@link MetricSpikeDetector}) finds CPU spikes on
 * {@code cpu_usage} and latency spikes on {@code latency_p95}, per service and host.
 */
class CpuAndLatencySpikeTest {

    /** Alerts may end a little after the incident's window: the detector needs a sample to see it end. */
    static final Duration TOLERANCE = Duration.ofMinutes(1);

    private static List<Detection> run(MetricSpikeDetector detector, MeltData data) {
        try (Stream<MetricRecord> metrics = data.metrics()) {
            return Alerts.toDetections(detector.detect(metrics));
        }
    }

    @Test
    void findsTheCpuSpikeOnItsHost(
            @MeltDataset(size = "15MB", duration = "1h", anomalies = CPU_SPIKE, seed = 1) MeltData data) {
        List<Detection> detections = run(MetricSpikeDetector.cpu(), data);

        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(TOLERANCE));
        Alerts.print("cpu_usage z-score on a cpu_spike dataset", evaluation);
        assertThat(evaluation)
                .detectsEvery(CPU_SPIKE)
                .hasPrecisionAtLeast(0.9)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(1));
    }

    @Test
    void findsTheLatencySpikeOnTheRootCauseAndItsCallers(
            @MeltDataset(size = "15MB", duration = "1h", anomalies = LATENCY_SPIKE, seed = 1) MeltData data) {
        List<Detection> detections = run(MetricSpikeDetector.latency(), data);

        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(TOLERANCE));
        Alerts.print("latency_p95 z-score on a latency_spike dataset", evaluation);
        assertThat(evaluation)
                .detectsEvery(LATENCY_SPIKE)
                .hasPrecisionAtLeast(0.9)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(1));
    }

    @Test
    void cpuDetectorDoesNotMistakeALatencySpikeForACpuSpike(
            @MeltDataset(size = "15MB", duration = "1h", anomalies = LATENCY_SPIKE, seed = 1) MeltData data) {
        assertThat(run(MetricSpikeDetector.cpu(), data)).withTolerance(TOLERANCE).against(data)
                .hasFalseAlarmsPerHourAtMost(1);
    }
}
