package dev.melt.assertions.internal;

import dev.melt.assertions.Cardinality;
import dev.melt.assertions.PositionalBias;

/**
 * The metrics that compare two sets of step ranges: range-based recall and precision (Tatbul
 * et al., NeurIPS 2018), point-wise counts and the point-adjusted counts of OmniAnomaly
 * (Su et al., KDD 2019). Both sets are disjoint and sorted, so every metric is one two-pointer
 * walk.
 */
public final class RangeMetrics {

    private RangeMetrics() {
    }

    /**
     * Range-based recall: the mean over real ranges R of
     * {@code α·Existence(R) + (1 − α)·γ(x)·Σ_j ω(R, R ∩ P_j, δ)}.
     *
     * @param real the real anomaly ranges
     * @param predicted the predicted ranges
     * @param alpha α
     * @param cardinality γ
     * @param bias δ
     * @param zeroDivision the value when there is no real range
     * @return the recall
     */
    public static double recall(StepRanges real, StepRanges predicted, double alpha, Cardinality cardinality,
                                PositionalBias bias, double zeroDivision) {
        return average(real, predicted, alpha, cardinality, bias, zeroDivision);
    }

    /**
     * Range-based precision: the mean over predicted ranges P of {@code γ(x)·Σ_j ω(P, P ∩ R_j, δ)}
     * (no existence reward).
     *
     * @param real the real anomaly ranges
     * @param predicted the predicted ranges
     * @param cardinality γ
     * @param bias δ
     * @param zeroDivision the value when there is no predicted range
     * @return the precision
     */
    public static double precision(StepRanges real, StepRanges predicted, Cardinality cardinality,
                                   PositionalBias bias, double zeroDivision) {
        return average(predicted, real, 0.0, cardinality, bias, zeroDivision);
    }

    /** Averages the reward of each range of {@code scored} against the ranges of {@code other}. */
    private static double average(StepRanges scored, StepRanges other, double alpha, Cardinality cardinality,
                                  PositionalBias bias, double zeroDivision) {
        if (scored.size() == 0) {
            return zeroDivision;
        }
        double sum = 0;
        int j = 0;
        for (int i = 0; i < scored.size(); i++) {
            long lo = scored.first(i);
            long hi = scored.last(i);
            long length = hi - lo + 1;
            while (j < other.size() && other.last(j) < lo) {
                j++;
            }
            int overlaps = 0;
            double omega = 0;
            for (int k = j; k < other.size() && other.first(k) <= hi; k++) {
                long from = Math.max(lo, other.first(k));
                long to = Math.min(hi, other.last(k));
                overlaps++;
                // ω: the share of the bias weight of this range that lies in the overlap
                omega += (bias.cumulativeWeight(to - lo + 1, length) - bias.cumulativeWeight(from - lo, length))
                        / bias.cumulativeWeight(length, length);
            }
            double existence = overlaps > 0 ? 1.0 : 0.0;
            sum += alpha * existence + (1 - alpha) * cardinality.factor(overlaps) * omega;
        }
        return sum / scored.size();
    }

    /**
     * Counts the steps that are in both sets.
     *
     * @param real the real ranges
     * @param predicted the predicted ranges
     * @return the number of common steps (point-wise true positives)
     */
    public static long commonSteps(StepRanges real, StepRanges predicted) {
        long common = 0;
        int j = 0;
        for (int i = 0; i < real.size(); i++) {
            while (j < predicted.size() && predicted.last(j) < real.first(i)) {
                j++;
            }
            for (int k = j; k < predicted.size() && predicted.first(k) <= real.last(i); k++) {
                common += Math.min(real.last(i), predicted.last(k)) - Math.max(real.first(i), predicted.first(k)) + 1;
            }
        }
        return common;
    }

    /**
     * Counts the steps of real ranges that some predicted step touches: after the point
     * adjustment every step of such a range counts as detected.
     *
     * @param real the real ranges
     * @param predicted the predicted ranges
     * @return the point-adjusted true positives
     */
    public static long adjustedTruePositives(StepRanges real, StepRanges predicted) {
        long adjusted = 0;
        int j = 0;
        for (int i = 0; i < real.size(); i++) {
            while (j < predicted.size() && predicted.last(j) < real.first(i)) {
                j++;
            }
            if (j < predicted.size() && predicted.first(j) <= real.last(i)) {
                adjusted += real.length(i);
            }
        }
        return adjusted;
    }
}
