package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.list;
import static dev.melt.assertions.Fixtures.truth;
import static dev.melt.assertions.Fixtures.twoIncidents;
import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.MetricRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zero denominators follow scikit-learn's {@code zero_division=0}: for example
 * {@code precision_score([1, 1], [0, 0], zero_division=0) == 0.0} and
 * {@code recall_score([0, 0], [1, 1], zero_division=0) == 0.0}; TimeEval, the PRTS evaluator and
 * aeon return 0 there too. A score check over a ground truth without incidents fails.
 */
class ZeroDivisionTest {

    private static final GroundTruth TRUTH = twoIncidents();
    private static final GroundTruth QUIET = truth();

    @Test
    void aSilentDetectorFailsPrecision() {
        Evaluation silent = Evaluation.of(List.of(), TRUTH);
        assertThat(silent.precision()).isZero();
        assertThat(silent.pointwisePrecision()).isZero();
        assertThat(silent.pointAdjustedPrecision()).isZero();
        assertThat(silent.rangePrecision()).isZero();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(List.<Detection>of()).against(TRUTH).hasPrecisionAtLeast(0.9))
                .withMessageContaining("Expecting incident precision:")
                .withMessageContaining("0 (no detection: the zero division of the options)");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(List.<Detection>of()).against(TRUTH).hasRangePrecisionAtLeast(0.9));
    }

    @Test
    void theZeroDivisionIsConfigurable() {
        ScoringOptions one = ScoringOptions.defaults().withZeroDivision(1.0);
        Evaluation silent = Evaluation.of(List.of(), TRUTH, one);
        assertThat(silent.precision()).isEqualTo(1.0);
        assertThat(silent.pointwisePrecision()).isEqualTo(1.0);
        assertThat(silent.pointAdjustedPrecision()).isEqualTo(1.0);
        assertThat(silent.rangePrecision()).isEqualTo(1.0);
        // the F1 is still 0: recall is 0 (sklearn: 2·TP / (2·TP + FP + FN) = 0 / 3)
        assertThat(silent.f1()).isZero();
        assertThat(Evaluation.of(List.of(), TRUTH, ScoringOptions.defaults().withZeroDivision(Double.NaN))
                .precision()).isNaN();
        assertThat(ScoringOptions.defaults().zeroDivision()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> ScoringOptions.defaults().withZeroDivision(0.5))
                .withMessage("zeroDivision: 0.5 is not accepted; expected 0, 1 or NaN (as scikit-learn's zero_division)");
    }

    @Test
    void withoutIncidentsRecallIsTheZeroDivision() {
        Evaluation alarms = Evaluation.of(list(Detection.at(at(5))), QUIET);
        assertThat(alarms.recall()).isZero();
        assertThat(alarms.pointwiseRecall()).isZero();
        assertThat(alarms.pointAdjustedRecall()).isZero();
        assertThat(alarms.rangeRecall()).isZero();
        assertThat(alarms.precision()).isZero(); // 0 of 1 detections matched: a ratio, not a zero case
    }

    @Test
    void scoreChecksOverAGroundTruthWithoutIncidentsFailSayingSo() {
        // with zero division 1 every ratio is 1, and the checks still fail: nothing was scored
        EvaluationAssert quiet = assertThat(Evaluation.of(List.of(), QUIET,
                ScoringOptions.defaults().withZeroDivision(1)));
        List<Runnable> checks = List.of(() -> quiet.hasRecallAtLeast(0.5), () -> quiet.hasPrecisionAtLeast(0.5),
                () -> quiet.hasF1AtLeast(0.5), () -> quiet.hasPointwiseF1AtLeast(0.5),
                () -> quiet.hasPointAdjustedF1AtLeast(0.5), () -> quiet.hasRangeRecallAtLeast(0.5),
                () -> quiet.hasRangePrecisionAtLeast(0.5), () -> quiet.hasNabScoreAtLeast(50),
                quiet::detectsEveryIncident, () -> quiet.hasMeanDetectionDelayAtMost(Duration.ofHours(1)),
                () -> quiet.hasMaxDetectionDelayAtMost(Duration.ofHours(1)));
        for (Runnable check : checks) {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(check::run)
                    .withMessageContaining("but the ground truth has no incident:")
                    .withMessageContaining("there is nothing to score against");
        }
        // a quiet dataset is still the place to check that a detector stays quiet
        assertThatCode(() -> quiet.hasNoFalseAlarms().hasFalseAlarmsPerHourAtMost(0)).doesNotThrowAnyException();
    }

    @Test
    void recordScoresFollowTheRule() {
        MetricRecord normal = new MetricRecord(at(1), "cpu_usage", 0.5, Map.of("service", "a"), false, null);
        RecordEvaluation nothingFlagged = RecordEvaluation.builder(QUIET).add(normal, false).build();
        assertThat(nothingFlagged.precision()).isZero();
        assertThat(nothingFlagged.recall()).isZero();
        RecordEvaluation lenient = RecordEvaluation.builder(QUIET, ScoringOptions.defaults().withZeroDivision(1))
                .add(normal, false).build();
        assertThat(lenient.precision()).isEqualTo(1.0);
        assertThat(lenient.recall()).isEqualTo(1.0);
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(lenient).hasRecallAtLeast(0.5))
                .withMessageContaining("Expecting record recall to be scored, but no scored record is anomalous"
                        + " (1 normal records):");
    }

    @Test
    void rcaScoresFollowTheRule() {
        RcaEvaluation none = RcaEvaluation.of(RootCauseRanking.builder().build(), QUIET,
                ScoringOptions.defaults().withZeroDivision(1));
        assertThat(none.topKAccuracy(3)).isEqualTo(1.0);
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(none).hasMeanReciprocalRankAtLeast(0.5))
                .withMessageContaining("Expecting mean reciprocal rank to be scored, but the ground truth has no incident");
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(none).ranksRootCauseFirst())
                .withMessageContaining("the ground truth has no incident");
    }
}
