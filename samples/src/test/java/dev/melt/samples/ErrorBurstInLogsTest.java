package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.ERROR_BURST;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.LogRecord;
import dev.melt.generator.MeltData;
import dev.melt.junit.MeltDataset;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sample 2: the share of ERROR lines per service and minute against its usual share
 * ({@link LogErrorBurstDetector}) finds error bursts on the root cause and the callers it
 * cascades to.
 */
class ErrorBurstInLogsTest {

    /** A one-minute window is judged at its start, and bursts can end mid-minute. */
    static final Duration TOLERANCE = Duration.ofMinutes(1);

    @Test
    void findsTheErrorBurst(
            @MeltDataset(size = "15MB", duration = "1h", anomalies = ERROR_BURST, seed = 1) MeltData data) {
        List<Detection> detections;
        try (Stream<LogRecord> logs = data.logs()) {
            detections = Alerts.toDetections(new LogErrorBurstDetector().detect(logs));
        }

        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(TOLERANCE));
        Alerts.print("log error ratio on an error_burst dataset", evaluation);
        assertThat(evaluation)
                .detectsEvery(ERROR_BURST)
                .hasFalseAlarmsPerHourAtMost(1)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(1));
    }
}
