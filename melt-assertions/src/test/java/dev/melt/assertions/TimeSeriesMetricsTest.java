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

    /**
     * NAB against NAB v1.1 itself: the expected values come from a transcription of
     * {@code nab/sweeper.py} ({@code calcSweepScore}: the per-record loop, and
     * {@code calcScoreByThreshold} at a threshold that keeps the flagged records) and
     * {@code runner.normalize()} ({@code 100·(raw − null)/(perfect − null)}, null = −A_FN per
     * scored window, perfect = A_TP per window), run record by record on the same inputs. One
     * record per minute: 60 records, so the probationary period is ⌊0.15·60⌋ = 9 records; the
     * window of {@code ONE} is records 10..19 (width 10).
     */
    @Nested
    class Nab {

        private final Offset<Double> reference = within(1e-9);

        private double nab(GroundTruth truth, NabProfile profile, Detection... detections) {
            return evaluate(truth, detections).nabScore(profile);
        }

        @Test
        void aDetectionOnTheFirstRecordOfAWindowIsPerfect() {
            // y = −(19 − 10 + 1)/10 = −1 → A_TP·σ*(−1)/σ*(−1) = 1, raw 1 → 100 in every profile
            for (NabProfile profile : NabProfile.values()) {
                assertThat(nab(ONE, profile, Detection.at(at(10)))).isCloseTo(100.0, reference);
            }
        }

        @Test
        void theBestFlaggedRecordOfAWindowCounts() {
            // records 15 and 16: y = −5/10 → σ*(−0.5)/σ*(−1) = 0.859792566910 (raw);
            // standard 92.989628345489, reward_low_FN (null −2, perfect 1) 95.326418896993
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(15)), Detection.at(at(16))))
                    .isCloseTo(92.989628345489, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FN_RATE, Detection.at(at(15)), Detection.at(at(16))))
                    .isCloseTo(95.326418896993, reference);
        }

        @Test
        void aFalsePositiveIsPlacedFromTheLastRecordOfTheWindow() {
            // record 20, one after the window's last record 19: y = (20 − 19)/(10 − 1) = 1/9,
            // A_FP·σ*(1/9) = −0.11·0.27090... → standard 98.510340848158, reward_low_FP 97.020681696316
            // (melt used to count from the window's exclusive end and charge nothing here)
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(10)), Detection.at(at(20))))
                    .isCloseTo(98.510340848158, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FP_RATE, Detection.at(at(10)), Detection.at(at(20))))
                    .isCloseTo(97.020681696316, reference);
            // record 25: y = 6/9 → standard 94.878897152328, reward_low_FN 96.585931434886
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(10)), Detection.at(at(25))))
                    .isCloseTo(94.878897152328, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FN_RATE, Detection.at(at(10)), Detection.at(at(25))))
                    .isCloseTo(96.585931434886, reference);
        }

        @Test
        void theSigmoidIsCutOffAboveThree() {
            // record 46: y = 27/9 = 3.0 exactly, not > 3.0, so σ*(3) = −0.99999938819 → 94.500003364924;
            // record 47: y > 3 → −1 → −A_FP = −0.11 → 94.5
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(10)), Detection.at(at(46))))
                    .isCloseTo(94.500003364924, reference);
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(10)), Detection.at(at(47))))
                    .isCloseTo(94.5, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FN_RATE, Detection.at(at(10)), Detection.at(at(47))))
                    .isCloseTo(96.333333333333, reference);
        }

        @Test
        void aFalsePositiveBeforeAnyWindowCostsTheWholeWeight() {
            // record 9, the first scored one, precedes every window: −A_FP → 94.5; reward_low_FP 89.0
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(9)), Detection.at(at(10))))
                    .isCloseTo(94.5, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FP_RATE, Detection.at(at(9)), Detection.at(at(10))))
                    .isCloseTo(89.0, reference);
        }

        @Test
        void theProbationaryPeriodIsNotScored() {
            // records 0, 5 and 8 lie in the first 9 records: ignored → 100
            assertThat(nab(ONE, NabProfile.STANDARD, Detection.at(at(0)), Detection.at(at(5)), Detection.at(at(8)),
                    Detection.at(at(10)))).isCloseTo(100.0, reference);
            // a window wholly in it (records 2..5) counts in the perfect score only:
            // raw = 1 (records 30..39 hit at 30), null −1, perfect 2 → 66.666666666667; reward_low_FN 75
            GroundTruth early = truth(incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null, 2, 6),
                    incident("inc-0002", AnomalyType.CPU_SPIKE, "a", null, 30, 40));
            assertThat(nab(early, NabProfile.STANDARD, Detection.at(at(3)), Detection.at(at(30))))
                    .isCloseTo(66.666666666667, reference);
            assertThat(nab(early, NabProfile.REWARD_LOW_FN_RATE, Detection.at(at(3)), Detection.at(at(30))))
                    .isCloseTo(75.0, reference);
            // without a probationary period record 3 scores in window 2..5 (y = −3/4): 99.174727195002
            assertThat(Evaluation.of(list(Detection.at(at(3)), Detection.at(at(30))), early,
                    MINUTES.withNabProbationaryPercent(0)).nabScore()).isCloseTo(99.174727195002, reference);
        }

        @Test
        void theProbationaryPeriodStopsAt750Records() {
            // 10 000 one-second records: min(⌊1500⌋, 750) = 750. Window 800..899 (width 100);
            // record 700 is in probation, record 950 is (950 − 899)/99 past the window
            GroundTruth longSeries = new GroundTruth(Fixtures.T0, Fixtures.T0.plusSeconds(10_000),
                    List.of(incidentAtSeconds(800, 900)));
            Evaluation evaluation = Evaluation.of(list(Detection.at(Fixtures.T0.plusSeconds(700)),
                    Detection.at(Fixtures.T0.plusSeconds(800)), Detection.at(Fixtures.T0.plusSeconds(950))), longSeries);
            assertThat(evaluation.nabScore(NabProfile.STANDARD)).isCloseTo(95.277865132299, reference);
            assertThat(evaluation.nabScore(NabProfile.REWARD_LOW_FP_RATE)).isCloseTo(90.555730264597, reference);
            assertThat(evaluation.nabScore(NabProfile.REWARD_LOW_FN_RATE)).isCloseTo(96.851910088199, reference);
        }

        @Test
        void everyFlaggedRecordOfADetectionIsScored() {
            // [00:15, 00:25) flags records 15..24: the window scores record 15 (0.859792566910), and
            // records 20..24 are five false positives → standard 75.691235689844,
            // reward_low_FP 58.392843034199, reward_low_FN 83.794157126563
            Detection span = Detection.between(at(15), at(25));
            assertThat(nab(ONE, NabProfile.STANDARD, span)).isCloseTo(75.691235689844, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FP_RATE, span)).isCloseTo(58.392843034199, reference);
            assertThat(nab(ONE, NabProfile.REWARD_LOW_FN_RATE, span)).isCloseTo(83.794157126563, reference);
        }

        @Test
        void missedWindowsCostTheFalseNegativeWeight() {
            // nothing flagged → 0; two windows, one hit on its first record: raw 0, null −2, perfect 2 → 50
            assertThat(nab(ONE, NabProfile.STANDARD)).isCloseTo(0.0, reference);
            assertThat(nab(TWO, NabProfile.STANDARD, Detection.at(at(10)))).isCloseTo(50.0, reference);
            // reward_low_FN (A_FN = 2): raw 1 − 2 = −1, null −4, perfect 2 → 100·3/6 = 50
            assertThat(nab(TWO, NabProfile.REWARD_LOW_FN_RATE, Detection.at(at(10)))).isCloseTo(50.0, reference);
        }

        @Test
        void theToleranceWidensNabWindows() {
            // tolerance 1 min: window records 9..20; a detection on record 9 is on its first record → 100
            Evaluation evaluation = Evaluation.of(List.of(Detection.at(at(9))), ONE,
                    MINUTES.withTolerance(Duration.ofMinutes(1)));
            assertThat(evaluation.nabScore()).isCloseTo(100.0, reference);
        }

        @Test
        void withoutIncidentsTheScoreIsTheZeroDivision() {
            // NAB's normalisation divides by perfect − null = 0 without windows
            assertThat(evaluate(truth()).nabScore()).isZero();
            assertThat(Evaluation.of(List.of(), truth(), MINUTES.withZeroDivision(1)).nabScore()).isEqualTo(100.0);
        }

        private static dev.melt.generator.Incident incidentAtSeconds(int from, int to) {
            return new dev.melt.generator.Incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null,
                    Fixtures.T0.plusSeconds(from), Fixtures.T0.plusSeconds(to),
                    List.of(new dev.melt.generator.AffectedService("a", null,
                            dev.melt.generator.AffectedService.Role.ROOT_CAUSE, Fixtures.T0.plusSeconds(from),
                            Fixtures.T0.plusSeconds(to))), List.of());
        }
    }
}
