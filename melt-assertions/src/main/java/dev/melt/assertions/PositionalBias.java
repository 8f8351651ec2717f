package dev.melt.assertions;

/**
 * The positional bias function δ of the range-based metrics of Tatbul et al. (NeurIPS 2018):
 * the weight of position {@code i} (1-based) in a range of length {@code L}, which decides
 * which part of a range matters most when it is only partly covered.
 *
 * <ul>
 *   <li>{@link #FLAT}: δ(i, L) = 1</li>
 *   <li>{@link #FRONT}: δ(i, L) = L − i + 1 (early detection counts most)</li>
 *   <li>{@link #BACK}: δ(i, L) = i</li>
 *   <li>{@link #MIDDLE}: δ(i, L) = i when i ≤ L/2, else L − i + 1</li>
 * </ul>
 */
public enum PositionalBias {
    /** Every position weighs the same. */
    FLAT,
    /** The first positions weigh most. */
    FRONT,
    /** The last positions weigh most. */
    BACK,
    /** The middle positions weigh most. */
    MIDDLE;

    /**
     * Returns δ(i, L).
     *
     * @param position the 1-based position {@code i}, between 1 and {@code length}
     * @param length the range length {@code L}
     * @return the weight of that position
     */
    public long weight(long position, long length) {
        return switch (this) {
            case FLAT -> 1;
            case FRONT -> length - position + 1;
            case BACK -> position;
            case MIDDLE -> position <= length / 2 ? position : length - position + 1;
        };
    }

    /**
     * Returns the sum of δ(i, L) for {@code i} from 1 to {@code k}, in closed form so that long
     * ranges cost nothing more than short ones.
     *
     * @param k the last position summed, between 0 and {@code length}
     * @param length the range length {@code L}
     * @return Σ δ(i, L) over {@code 1 <= i <= k}
     */
    public double cumulativeWeight(long k, long length) {
        double kk = k;
        return switch (this) {
            case FLAT -> kk;
            case BACK -> kk * (kk + 1) / 2;
            case FRONT -> kk * (length + 1) - kk * (kk + 1) / 2;
            case MIDDLE -> {
                long half = length / 2;
                if (k <= half) {
                    yield kk * (kk + 1) / 2;
                }
                double h = half;
                yield h * (h + 1) / 2 + (kk - h) * (length + 1) - (kk * (kk + 1) / 2 - h * (h + 1) / 2);
            }
        };
    }
}
