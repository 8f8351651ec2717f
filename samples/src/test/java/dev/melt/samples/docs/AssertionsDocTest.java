package dev.melt.samples.docs;

import static dev.melt.assertions.MeltAssertions.assertThat;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.RecordEvaluation;
import dev.melt.assertions.RootCauseRanking;
import dev.melt.assertions.TopK;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.TelemetryRecord;
import dev.melt.junit.MeltDataset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of docs/assertions.md, run against an oracle that reports exactly the ground
 * truth, so every assertion of the page holds.
 */
class AssertionsDocTest {

    @Test
    void detectionsAreMadeLikeThis(@MeltDataset(size = "1MB", anomalies = AnomalyType.CPU_SPIKE) MeltData data) {
        Instant from = data.manifest().start();
        Instant to = from.plusSeconds(60);
        MetricRecord record;
        try (Stream<MetricRecord> metrics = data.metrics()) {
            record = metrics.filter(TelemetryRecord::anomaly).findFirst().orElseThrow();
        }
        Detection point = Detection.at(Instant.parse("2024-01-01T00:10:30Z"));
        Detection window = Detection.between(from, to).on("payment").onHost("payment-1").withScore(0.93);
        Detection flagged = Detection.of(record);   // a flagged TelemetryRecord: its time, service, host and signal

        org.assertj.core.api.Assertions.assertThat(point.start()).isEqualTo(point.end());
        org.assertj.core.api.Assertions.assertThat(window.service()).isEqualTo("payment");
        org.assertj.core.api.Assertions.assertThat(flagged.start()).isEqualTo(record.timestamp());
    }

    @Test
    void theAssertionsOfThePage(@MeltDataset(size = "5MB", anomalies = {AnomalyType.CPU_SPIKE,
            AnomalyType.SERVICE_OUTAGE}, seed = 3) MeltData data) {
        List<Detection> detections = new ArrayList<>();
        RootCauseRanking.Builder rankings = RootCauseRanking.builder();
        for (Incident incident : data.groundTruth().incidents()) {
            incident.affected().forEach(a -> detections.add(Detection.between(a.start(), a.end()).on(a.service())));
            rankings.rank(incident.id(), incident.rootCauseService());
        }
        RootCauseRanking ranking = rankings.build();
        Evaluation evaluation = Evaluation.of(detections, data.groundTruth());
        RecordEvaluation recordScores;
        try (Stream<MetricRecord> metrics = data.metrics()) {
            recordScores = RecordEvaluation.of(data.groundTruth(), metrics, TelemetryRecord::anomaly);
        }

        assertThat(detections)                          // List<Detection>
                .withTolerance(Duration.ofMinutes(1))
                .against(data.groundTruth())
                .hasRecallAtLeast(0.9)
                .hasPrecisionAtLeast(0.8)
                .hasRangeRecallAtLeast(0.5)
                .detectsEvery(AnomalyType.SERVICE_OUTAGE)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(2))
                .hasFalseAlarmsPerHourAtMost(1);

        assertThat(evaluation).forType(AnomalyType.CPU_SPIKE).hasF1AtLeast(0.8);
        assertThat(ranking).against(data.groundTruth()).ranksRootCauseInTopK(3).hasTopKAccuracyAtLeast(TopK.top(1), 0.6);
        assertThat(recordScores).hasF1AtLeast(0.7);
    }
}
