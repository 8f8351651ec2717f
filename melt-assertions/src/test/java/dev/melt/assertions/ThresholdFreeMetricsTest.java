package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.T0;
import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.incident;
import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * AUC-PR, VUS-PR/ROC and range-AUC-PR/ROC against their reference implementations. The expected
 * values come from transcriptions (throw-away, not committed) of TSB-AD's
 * {@code TSB_AD/evaluation/basic_metrics.py} ({@code RangeAUC_volume_opt}, thre = 250), aeon's
 * {@code aeon/benchmarking/metrics/anomaly_detection/_vus_metrics.py}
 * ({@code range_pr_roc_auc_support}) and scikit-learn's {@code average_precision_score}
 * ({@code _binary_clf_curve}), run with numpy on the same vectors:
 *
 * <pre>
 * n = 100; labels[20:30] = labels[60:65] = 1      (incidents [00:20, 00:30) and [00:60, 00:65))
 * A: score[i] = (i*37 % 101) / 100; score[22:28] += 0.8; score[58:63] += 0.5
 * B: 1 on 18..25 and 80, else 0                   (unscored detections: +inf, other steps: -inf)
 * C: score[i] = (i % 7) / 7                       (many ties)
 * </pre>
 * One step per minute.
 */
class ThresholdFreeMetricsTest {

    private static final Offset<Double> REFERENCE = within(1e-9);
    private static final ScoringOptions MINUTES = ScoringOptions.defaults().withTimeStep(Duration.ofMinutes(1));
    private static final GroundTruth TRUTH = new GroundTruth(T0, at(100), List.of(
            incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null, 20, 30),
            incident("inc-0002", AnomalyType.ERROR_BURST, "b", null, 60, 65)));

    private static Evaluation scored(IntToDoubleFunction score) {
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            detections.add(Detection.at(at(i)).withScore(score.applyAsDouble(i)));
        }
        return Evaluation.of(detections, TRUTH, MINUTES);
    }

    private static final Evaluation A = scored(i -> {
        double s = (i * 37 % 101) / 100.0;
        return s + (i >= 22 && i < 28 ? 0.8 : 0) + (i >= 58 && i < 63 ? 0.5 : 0);
    });
    private static final Evaluation B = Evaluation.of(List.of(Detection.between(at(18), at(26)), Detection.at(at(80))),
            TRUTH, MINUTES);
    private static final Evaluation C = scored(i -> (i % 7) / 7.0);

    @Test
    void aucPrIsScikitLearnsAveragePrecision() {
        assertThat(A.aucPr()).isCloseTo(0.5756197801443982, REFERENCE);
        assertThat(B.aucPr()).isCloseTo(0.3566666666666667, REFERENCE);
        assertThat(C.aucPr()).isCloseTo(0.16521942110177404, REFERENCE);
    }

    @Test
    void vusIsTsbAdsVolume() {
        // RangeAUC_volume_opt(labels, score, windowSize) returns (…, VUS-ROC, VUS-PR)
        assertThat(A.vusRoc(10)).isCloseTo(0.8652556677561993, REFERENCE);
        assertThat(A.vusPr(10)).isCloseTo(0.7258476867799195, REFERENCE);
        assertThat(A.vusRoc()).isCloseTo(0.9729714591915388, REFERENCE); // windowSize 100
        assertThat(A.vusPr()).isCloseTo(0.9215380624564222, REFERENCE);
        assertThat(B.vusRoc(10)).isCloseTo(0.6232921712226269, REFERENCE);
        assertThat(B.vusPr(10)).isCloseTo(0.35979635405047494, REFERENCE);
        assertThat(C.vusRoc(10)).isCloseTo(0.6288056218181085, REFERENCE);
        assertThat(C.vusPr(10)).isCloseTo(0.22684607887117128, REFERENCE);
    }

    @Test
    void rangeAucIsAeons() {
        // range_pr_roc_auc_support(labels, score, buffer_size) returns (PR, ROC); default buffer
        // int(median([10, 5])) = 7
        assertThat(A.rangeAucPr()).isCloseTo(0.7005207346471194, REFERENCE);
        assertThat(A.rangeAucRoc()).isCloseTo(0.8522034198638719, REFERENCE);
        assertThat(A.rangeAucPr(8)).isCloseTo(0.7056531284098599, REFERENCE);
        assertThat(A.rangeAucRoc(8)).isCloseTo(0.867047303969084, REFERENCE);
        assertThat(A.rangeAucPr(0)).isCloseTo(0.570243823821575, REFERENCE);
        assertThat(A.rangeAucRoc(0)).isCloseTo(0.7345098039215687, REFERENCE);
        assertThat(B.rangeAucPr()).isCloseTo(0.626616766248834, REFERENCE);
        assertThat(B.rangeAucRoc()).isCloseTo(0.6143234522130192, REFERENCE);
        assertThat(C.rangeAucPr(4)).isCloseTo(0.27071870112816115, REFERENCE);
        assertThat(C.rangeAucRoc(4)).isCloseTo(0.5723899961969061, REFERENCE);
    }

    @Test
    void aConstantScoreHasNoRangeAucAsInAeon() {
        Evaluation constant = scored(i -> 0.5);
        assertThat(constant.rangeAucPr()).isZero();
        assertThat(constant.rangeAucRoc()).isZero();
    }

    @Test
    void withoutIncidentsEveryMetricIsTheZeroDivision() {
        Evaluation quiet = Evaluation.of(List.of(Detection.at(at(5)).withScore(1)), Fixtures.truth(), MINUTES);
        assertThat(List.of(quiet.aucPr(), quiet.vusPr(), quiet.vusRoc(), quiet.rangeAucPr(), quiet.rangeAucRoc()))
                .containsOnly(0.0);
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(quiet).hasVusPrAtLeast(0.1))
                .withMessageContaining("Expecting VUS-PR to be scored, but the ground truth has no incident");
    }

    @Test
    void assertionsCheckEachMetric() {
        assertThatCode(() -> assertThat(A).hasAucPrAtLeast(0.5).hasVusPrAtLeast(0.9).hasVusRocAtLeast(0.95)
                .hasRangeAucPrAtLeast(0.7).hasRangeAucRocAtLeast(0.85)).doesNotThrowAnyException();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(A).hasVusPrAtLeast(0.95))
                .withMessageContaining("Expecting VUS-PR:%n  0.9215 (largest window 100 steps of PT1M)%nto be at least:%n  0.95"
                        .formatted());
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(B).hasAucPrAtLeast(0.5))
                .withMessageContaining("Expecting AUC-PR:");
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(C).hasRangeAucRocAtLeast(0.6))
                .withMessageContaining("Expecting range-AUC-ROC:");
    }
}
