package dev.melt.assertions;

/**
 * The overlap cardinality function γ of the range-based metrics of Tatbul et al., "Precision
 * and Recall for Time Series" (NeurIPS 2018): how a range that overlaps several ranges of the
 * other side is rewarded. It applies only when the number of overlapping ranges {@code x} is
 * more than one; with zero or one overlap the cardinality factor is 1.
 */
public enum Cardinality {
    /** γ = 1: fragmentation is not penalised. */
    ONE,
    /** γ = 1/x: a range hit by x distinct ranges keeps 1/x of its overlap reward. */
    RECIPROCAL;

    /**
     * Returns the cardinality factor for a range overlapped by {@code overlaps} distinct ranges.
     *
     * @param overlaps the number of distinct overlapping ranges
     * @return 1 when {@code overlaps <= 1}, else γ(overlaps)
     */
    public double factor(int overlaps) {
        if (overlaps <= 1 || this == ONE) {
            return 1.0;
        }
        return 1.0 / overlaps;
    }
}
