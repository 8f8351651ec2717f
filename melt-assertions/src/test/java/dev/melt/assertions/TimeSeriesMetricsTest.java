package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.incident;
import static dev.melt.assertions.Fixtures.list;
import static dev.melt.assertions.Fixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Point-wise, point-adjusted, range-based (Tatbul et al., NeurIPS 2018) and NAB scores, computed
 * by hand from the published definitions. The time step is one minute, so minute m of the
 * dataset is step m (1-based position m − first + 1 inside a range).
 */
class TimeSeriesMetricsTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final ScoringOptions MINUTES = ScoringOptions.defaults().withTimeStep(Duration.ofMinutes(1));

    /** R = steps 10..19 (L = 10). */
    private static final GroundTruth ONE = truth(incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null, 10, 20));
    /** R1 = steps 10..19, R2 = steps 30..39. */
    private static final GroundTruth TWO = truth(incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null, 10, 20),
            incident("inc-0002", AnomalyType.ERROR_BURST, "b", null, 30, 40));

    private static Evaluation evaluate(GroundTruth truth, Detection... detections) {
        return Evaluation.of(list(detections), truth, MINUTES);
    }

    @Nested
    class RangeBased {

        // R = 10..19, P = [00:15, 00:25) = steps 15..24. R ∩ P = 15..19, positions 6..10 of R and 1..5 of P.
        private final Evaluation halfOverlap = evaluate(ONE, Detection.between(at(15), at(25)));

        @Test
        void flatBiasRewardsTheCoveredShare() {
            // ω = Σ_{i=6..10} 1 / Σ_{i=1..10} 1 = 5/10; one overlap so the cardinality factor is 1
            assertThat(halfOverlap.rangeRecall(0, Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(0.5, EXACT);
            assertThat(halfOverlap.rangePrecision(Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(0.5, EXACT);
        }

        @Test
        void alphaWeighsTheExistenceReward() {
            // α·1 + (1 − α)·0.5 with α = 0.5 → 0.75; α = 1 → 1
            assertThat(halfOverlap.rangeRecall(0.5, Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(0.75, EXACT);
            assertThat(halfOverlap.rangeRecall(1, Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(1.0, EXACT);
        }

        @Test
        void frontBiasValuesTheStartOfTheRange() {
            // δ(i) = L − i + 1 = 10, 9, …, 1 (total 55); positions 6..10 weigh 5+4+3+2+1 = 15 → 15/55
            assertThat(halfOverlap.rangeRecall(0, Cardinality.ONE, PositionalBias.FRONT)).isCloseTo(15.0 / 55, EXACT);
            // for precision the overlap is positions 1..5 of P: 10+9+8+7+6 = 40 → 40/55
            assertThat(halfOverlap.rangePrecision(Cardinality.ONE, PositionalBias.FRONT)).isCloseTo(40.0 / 55, EXACT);
        }

        @Test
        void backBiasValuesTheEndOfTheRange() {
            // δ(i) = i (total 55); positions 6..10 weigh 6+7+8+9+10 = 40 → 40/55
            assertThat(halfOverlap.rangeRecall(0, Cardinality.ONE, PositionalBias.BACK)).isCloseTo(40.0 / 55, EXACT);
        }

        @Test
        void middleBiasValuesTheMiddleOfTheRange() {
            // L = 10: δ = 1,2,3,4,5,5,4,3,2,1 (i ≤ L/2 → i, else L − i + 1), total 30;
            // positions 6..10 weigh 5+4+3+2+1 = 15 → 0.5
            assertThat(halfOverlap.rangeRecall(0, Cardinality.ONE, PositionalBias.MIDDLE)).isCloseTo(0.5, EXACT);
            // odd L = 5 (R = [00:10, 00:15)): δ = 1,2,3,2,1, total 9; P covers 12..14 = positions 3..5: 3+2+1 = 6
            Evaluation odd = evaluate(truth(incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null, 10, 15)),
                    Detection.between(at(12), at(15)));
            assertThat(odd.rangeRecall(0, Cardinality.ONE, PositionalBias.MIDDLE)).isCloseTo(6.0 / 9, EXACT);
        }

        @Test
        void reciprocalCardinalityPenalisesFragmentedDetection() {
            // P1 = 10..11, P2 = 15..16 hit R = 10..19: Σω = 2/10 + 2/10 = 0.4, x = 2 overlaps.
            // γ one: 0.4; γ reciprocal: 0.4 · 1/2 = 0.2; with α = 0.5: 0.5 + 0.5·0.2 = 0.6.
            // Each P lies fully inside R and overlaps one range: precision 1 either way.
            Evaluation fragmented = evaluate(ONE, Detection.between(at(10), at(12)), Detection.between(at(15), at(17)));
            assertThat(fragmented.rangeRecall(0, Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(0.4, EXACT);
            assertThat(fragmented.rangeRecall(0, Cardinality.RECIPROCAL, PositionalBias.FLAT)).isCloseTo(0.2, EXACT);
            assertThat(fragmented.rangeRecall(0.5, Cardinality.RECIPROCAL, PositionalBias.FLAT)).isCloseTo(0.6, EXACT);
            assertThat(fragmented.rangePrecision(Cardinality.RECIPROCAL, PositionalBias.FLAT)).isCloseTo(1.0, EXACT);
        }

        @Test
        void aDetectionSpanningTwoIncidentsSplitsItsPrecision() {
            // P = [00:15, 00:35) = 15..34 (L = 20) over R1 = 10..19 and R2 = 30..39.
            // Recall: R1 gets 15..19 = 5/10, R2 gets 30..34 = 5/10 → mean 0.5.
            // Precision: Σω = 5/20 + 5/20 = 0.5 with x = 2 → one: 0.5, reciprocal: 0.25.
            Evaluation spanning = evaluate(TWO, Detection.between(at(15), at(35)));
            assertThat(spanning.rangeRecall(0, Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(0.5, EXACT);
            assertThat(spanning.rangePrecision(Cardinality.ONE, PositionalBias.FLAT)).isCloseTo(0.5, EXACT);
            assertThat(spanning.rangePrecision(Cardinality.RECIPROCAL, PositionalBias.FLAT)).isCloseTo(0.25, EXACT);
        }

        @Test
        void overlappingDetectionsMergeIntoOneRange() {
            // [00:12, 00:16) ∪ [00:14, 00:18) = 12..17, as in a binary series: one range, 6/10 of R,
            // x = 1; precision: the one range lies inside R → 1
            Evaluation overlapping = evaluate(ONE, Detection.between(at(12), at(16)), Detection.between(at(14), at(18)));
            assertThat(overlapping.rangeRecall(0, Cardinality.RECIPROCAL, PositionalBias.FLAT)).isCloseTo(0.6, EXACT);
            assertThat(overlapping.rangePrecision(Cardinality.RECIPROCAL, PositionalBias.FLAT)).isCloseTo(1.0, EXACT);
        }

        @Test
        void aPointCoversTheStepItFallsIn() {
            // 00:12:30 lies in step 12: 1 of 10 steps of R
            assertThat(evaluate(ONE, Detection.at(at(12, 30))).rangeRecall()).isCloseTo(0.1, EXACT);
        }

        @Test
        void optionsChooseTheDefaultParameters() {
            Evaluation withOptions = Evaluation.of(list(Detection.between(at(15), at(25))), ONE,
                    MINUTES.withRangeRecall(0.5, Cardinality.RECIPROCAL, PositionalBias.BACK)
                            .withRangePrecisionBias(PositionalBias.FRONT));
            // recall: 0.5 + 0.5 · 40/55; precision 40/55
            assertThat(withOptions.rangeRecall()).isCloseTo(0.5 + 0.5 * 40 / 55, EXACT);
            assertThat(withOptions.rangePrecision()).isCloseTo(40.0 / 55, EXACT);
            assertThat(withOptions.rangeF1()).isCloseTo(Evaluation.f1(40.0 / 55, 0.5 + 0.5 * 40 / 55), EXACT);
        }

        @Test
        void emptySidesScoreTheZeroDivision() {
            // the PRTS evaluator returns 0 for an empty side
            assertThat(evaluate(truth(), Detection.at(at(5))).rangeRecall()).isZero();
            assertThat(evaluate(ONE).rangePrecision()).isZero();
            assertThat(Evaluation.of(List.of(), ONE, MINUTES.withZeroDivision(1)).rangePrecision()).isEqualTo(1.0);
            assertThat(evaluate(ONE).rangeRecall()).isZero();
        }
    }

    @Nested
    class PointWiseAndPointAdjusted {

        @Test
        void pointWiseCountsSteps() {
            // R = 10..19 ∪ 30..39 (20 steps), P = 15..34 (20 steps), common 15..19 and 30..34 = 10
            // precision 10/20, recall 10/20, F1 0.5
            Evaluation evaluation = evaluate(TWO, Detection.between(at(15), at(35)));
            assertThat(evaluation.pointwisePrecision()).isCloseTo(0.5, EXACT);
            assertThat(evaluation.pointwiseRecall()).isCloseTo(0.5, EXACT);
            assertThat(evaluation.pointwiseF1()).isCloseTo(0.5, EXACT);
            // point-adjusted: both ranges touched → TP' = 20, FP = 20 − 10 = 10;
            // precision 20/30, recall 20/20, F1 = 2·(2/3)·1 / (2/3 + 1) = 0.8
            assertThat(evaluation.pointAdjustedPrecision()).isCloseTo(2.0 / 3, EXACT);
            assertThat(evaluation.pointAdjustedRecall()).isCloseTo(1.0, EXACT);
            assertThat(evaluation.pointAdjustedF1()).isCloseTo(0.8, EXACT);
        }

        @Test
        void oneLuckyPointCreditsAWholeIncident() {
            // P = step 12 only. Point-wise: TP 1, FP 0, FN 19 → P 1, R 1/20, F1 = 2·0.05/1.05.
            // Point-adjusted: R1 touched → TP' 10, FN' 10 → P 1, R 0.5, F1 2/3: the optimism
            // the Javadoc warns about
            Evaluation evaluation = evaluate(TWO, Detection.at(at(12)));
            assertThat(evaluation.pointwiseF1()).isCloseTo(2 * 0.05 / 1.05, EXACT);
            assertThat(evaluation.pointAdjustedF1()).isCloseTo(2.0 / 3, EXACT);
        }
    }

    @Nested
    class Nab {

        // NAB window = [00:10, 00:20); σ*(y) = 2/(1 + e^{5y}) − 1, σ*(−1) = 0.98661429815.
        // Normalised: 100·(raw − null)/(perfect − null), null = −1, perfect = +1 → 50·(raw + 1).

        @Test
        void aDetectionAtTheWindowStartIsPerfect() {
            // y = −(20 − 10)/10 = −1 → A_TP·σ*(−1)/σ*(−1) = 1 → 100
            assertThat(evaluate(ONE, Detection.at(at(10))).nabScore()).isCloseTo(100.0, within(1e-9));
        }

        @Test
        void aDetectionHalfwayEarnsLess() {
            // y = −0.5: σ*(−0.5) = 0.84828363996 → 0.84828363996/0.98661429815 = 0.85979256691;
            // later detections in the same window add nothing → 50·1.85979256691 = 92.9896283455
            assertThat(evaluate(ONE, Detection.at(at(15)), Detection.at(at(16))).nabScore())
                    .isCloseTo(92.9896283455, within(1e-8));
        }

        @Test
        void aFalsePositiveCostsLessTheCloserItIsBehindAWindow() {
            // FP at 00:25: y = (25 − 20)/10 = 0.5, σ*(0.5) = −0.84828363996, × A_FP 0.11 = −0.09331120040
            // raw = 1 − 0.0933112004 → 50·1.9066887996 = 95.33443998
            assertThat(evaluate(ONE, Detection.at(at(10)), Detection.at(at(25))).nabScore())
                    .isCloseTo(95.33443998023, within(1e-8));
            // FP before any window: −A_FP = −0.11 → 50·1.89 = 94.5
            assertThat(evaluate(ONE, Detection.at(at(5)), Detection.at(at(10))).nabScore()).isCloseTo(94.5, within(1e-9));
            // FP at 00:55, y = 3.5 ≥ 3 → σ* = −1 → also 94.5
            assertThat(evaluate(ONE, Detection.at(at(10)), Detection.at(at(55))).nabScore()).isCloseTo(94.5, within(1e-9));
        }

        @Test
        void missedWindowsCostTheFalseNegativeWeight() {
            // no detection: raw −1 → 0; two windows, one hit at its start: raw 1 − 1 = 0,
            // null −2, perfect 2 → 100·2/4 = 50
            assertThat(evaluate(ONE).nabScore()).isCloseTo(0.0, within(1e-9));
            assertThat(evaluate(TWO, Detection.at(at(10))).nabScore()).isCloseTo(50.0, within(1e-9));
            // reward_low_FN_rate (A_FN = 2): raw 1 − 2 = −1, null −4, perfect 2 → 100·3/6 = 50
            assertThat(evaluate(TWO, Detection.at(at(10))).nabScore(NabProfile.REWARD_LOW_FN_RATE))
                    .isCloseTo(50.0, within(1e-9));
        }

        @Test
        void theToleranceWidensNabWindows() {
            // tolerance 5 min: window [00:05, 00:25); a detection at 00:05 is at its start → 100
            Evaluation evaluation = Evaluation.of(List.of(Detection.at(at(5))), ONE,
                    MINUTES.withTolerance(Duration.ofMinutes(5)));
            assertThat(evaluation.nabScore()).isCloseTo(100.0, within(1e-9));
        }

        @Test
        void withoutIncidentsOnlySilenceIsPerfect() {
            assertThat(evaluate(truth()).nabScore()).isEqualTo(100.0);
            assertThat(evaluate(truth(), Detection.at(at(1))).nabScore()).isZero();
        }
    }
}
