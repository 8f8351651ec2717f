package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.AnomalyType.SERVICE_OUTAGE;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.MeltData;
import dev.melt.generator.SpanRecord;
import dev.melt.junit.MeltDataset;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sample 3: per service and two-minute window, the share of failed spans and the median span
 * duration against their usual values ({@link TraceWindowDetector}) find outages and latency
 * spikes.
 */
class OutageAndLatencyInTracesTest {

    /** A two-minute window is judged at its start, so an alert may start up to a window early. */
    static final Duration TOLERANCE = Duration.ofMinutes(2);

    private static List<Detection> run(MeltData data) {
        try (Stream<SpanRecord> spans = data.traces()) {
            return Alerts.toDetections(new TraceWindowDetector().detect(spans));
        }
    }

    @Test
    void findsTheOutage(
            @MeltDataset(size = "15MB", duration = "1h", anomalies = SERVICE_OUTAGE, seed = 1) MeltData data) {
        List<Detection> detections = run(data);

        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(TOLERANCE));
        Alerts.print("span error ratio and median on a service_outage dataset", evaluation);
        assertThat(evaluation)
                .detectsEvery(SERVICE_OUTAGE)
                .hasFalseAlarmsPerHourAtMost(1)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(6));
    }

    @Test
    void findsTheLatencySpike(
            @MeltDataset(size = "15MB", duration = "1h", anomalies = LATENCY_SPIKE, seed = 1) MeltData data) {
        List<Detection> detections = run(data);

        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(TOLERANCE));
        Alerts.print("span error ratio and median on a latency_spike dataset", evaluation);
        assertThat(evaluation)
                .detectsEvery(LATENCY_SPIKE)
                .hasFalseAlarmsPerHourAtMost(1)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(6));
    }
}
