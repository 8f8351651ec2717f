package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.ERROR_BURST;
import static dev.melt.generator.AnomalyType.SERVICE_OUTAGE;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.LogRecord;
import dev.melt.generator.MeltData;
import dev.melt.junit.MeltDatasets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Sample 5: one detector, the log error-burst detector, over several seeds and the incident
 * types it is meant for. One lucky seed proves little; a detector that holds on every seed is
 * worth trusting.
 */
class DetectorAcrossSeedsTest {

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2, 3}, anomalies = {ERROR_BURST, SERVICE_OUTAGE}, size = "15MB", duration = "1h")
    void logDetectorFindsErrorsOnEverySeed(MeltData data, AnomalyType type, long seed) {
        List<Detection> detections;
        try (Stream<LogRecord> logs = data.logs()) {
            detections = Alerts.toDetections(new LogErrorBurstDetector().detect(logs));
        }

        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(ErrorBurstInLogsTest.TOLERANCE));
        Alerts.print("log error ratio, " + type.id() + ", seed " + seed, evaluation);
        assertThat(evaluation)
                .detectsEvery(type)
                .hasFalseAlarmsPerHourAtMost(1)
                .hasMaxDetectionDelayAtMost(Duration.ofMinutes(2));
    }
}
