package dev.melt.assertions;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import dev.melt.assertions.internal.Listing;
import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.RootCause;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores two reference detectors on a real generated dataset: an oracle that reports exactly the
 * ground truth, and a detector that reports nothing. The dataset (1 MB, every anomaly type,
 * seed 7) has incidents.
 */
class GeneratedDatasetTest {

    @TempDir
    static Path directory;

    private static MeltData data;

    @BeforeAll
    static void generate() throws IOException {
        GenerationConfig spec = GenerationConfig.builder().size("1MB")
                .anomalies(AnomalyType.values()).seed(7).build();
        new MeltGenerator(spec).threads(1).generate(directory);
        data = MeltData.open(directory);
    }

    /** One detection per affected window on its service and host, plus one over each incident's span. */
    private static List<Detection> oracle(GroundTruth truth) {
        List<Detection> detections = new ArrayList<>();
        for (Incident incident : truth.incidents()) {
            for (AffectedService affected : incident.affected()) {
                Detection window = Detection.between(affected.start(), affected.end()).on(affected.service());
                detections.add(affected.host() == null ? window : window.onHost(affected.host()));
            }
            detections.add(Detection.between(incident.firstAffected(), incident.lastAffected()));
        }
        return detections;
    }

    @Test
    void aDetectorThatReportsTheGroundTruthScoresOneEverywhere() {
        GroundTruth truth = data.groundTruth();
        Evaluation evaluation = Evaluation.of(oracle(truth), truth);
        assertThat(List.of(evaluation.recall(), evaluation.precision(), evaluation.f1(), evaluation.pointwiseF1(),
                evaluation.pointAdjustedF1(), evaluation.rangeRecall(), evaluation.rangePrecision()))
                .containsOnly(1.0);
        assertThat(evaluation.nabScore()).isCloseTo(100.0, within(1e-9));
        assertThat(evaluation.falseAlarmCount()).isZero();
        assertThat(evaluation.detectionDelays()).hasSize(truth.incidents().size())
                .allSatisfy((id, delay) -> assertThat(delay).isZero());
        assertThatCode(() -> assertThat(oracle(truth)).against(data).detectsEveryIncident().hasNoFalseAlarms()
                .hasRecallAtLeast(1.0).hasPrecisionAtLeast(1.0).hasF1AtLeast(1.0).hasRangeRecallAtLeast(1.0)
                .hasMaxDetectionDelayAtMost(Duration.ZERO)).doesNotThrowAnyException();
        for (AnomalyType type : evaluation.byType().keySet()) {
            assertThat(evaluation.forType(type).recall()).isEqualTo(1.0);
        }
    }

    @Test
    void anRcaEngineThatNamesTheEdgeOfANetworkIncidentRanksItsRootCauseAndOneThatNamesTheCallerDoesNot() {
        GroundTruth truth = data.groundTruth();
        RootCauseRanking.Builder byService = RootCauseRanking.builder();
        RootCauseRanking.Builder byCause = RootCauseRanking.builder();
        int edges = 0;
        for (Incident i : truth.incidents()) {
            RootCause rc = i.rootCause();
            byService.rank(i.id(), List.of(RootCauseCandidate.service(i.rootCauseService())));
            byCause.rank(i.id(), List.of(rc.kind() == RootCause.Kind.EDGE ? RootCauseCandidate.edge(rc.caller(), rc.callee())
                    : new RootCauseCandidate(rc)));
            edges += rc.kind() == RootCause.Kind.EDGE ? 1 : 0;
        }
        assertThat(edges).as("network incidents in the dataset").isGreaterThanOrEqualTo(2);
        assertThat(RcaEvaluation.of(byCause.build(), truth).topKAccuracy(1)).isEqualTo(1.0);
        // Naming the service where a network incident shows (its caller) misses exactly those incidents.
        assertThat(RcaEvaluation.of(byService.build(), truth).topKAccuracy(1))
                .isCloseTo(1 - edges / (double) truth.incidents().size(), within(1e-12));
    }

    @Test
    void aRecordClassifierThatFlagsWhatTheGroundTruthCoversScoresOne() {
        // flags a metric sample when an affected window of the ground truth covers it: the labels
        // of a melt dataset are derived from the same windows, so nothing may disagree
        GroundTruth truth = data.groundTruth();
        RecordEvaluation scores;
        try (Stream<MetricRecord> metrics = data.metrics()) {
            scores = RecordEvaluation.of(truth, metrics,
                    r -> truth.incidentAt(r.service(), r.host(), r.timestamp()).isPresent());
        }
        assertThat(scores.truePositives() + scores.trueNegatives()).isPositive();
        assertThat(scores.falsePositives() + scores.falseNegatives()).isZero();
        assertThat(List.of(scores.precision(), scores.recall(), scores.f1(), scores.pointAdjustedF1())).containsOnly(1.0);
        assertThatCode(() -> assertThat(scores).hasF1AtLeast(1.0)).doesNotThrowAnyException();
    }

    @Test
    void aDetectorThatReportsNothingMissesEveryIncidentAndSaysWhich() {
        GroundTruth truth = data.groundTruth();
        Evaluation evaluation = Evaluation.of(List.of(), truth);
        assertThat(evaluation.missedIncidents()).isEqualTo(truth.incidents());
        assertThat(truth.incidents()).as("incidents of the generated dataset").isNotEmpty();
        assertThat(evaluation.recall()).isZero();
        int shown = Math.min(Listing.SHOWN, truth.incidents().size());
        var failure = assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(List.<Detection>of()).against(truth).hasRecallAtLeast(0.5))
                .withMessageContaining("0.0 (0 of " + truth.incidents().size() + " incidents detected)");
        for (Incident incident : truth.incidents().subList(0, shown)) {
            failure.withMessageContaining(Listing.incident(incident));
        }
        if (truth.incidents().size() > shown) {
            failure.withMessageEndingWith("... and " + (truth.incidents().size() - shown) + " more");
        }
    }
}
