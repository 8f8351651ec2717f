package dev.melt.assertions;

/**
 * How many ranked candidates count in AC@k and Avg@k, named so that it cannot be swapped with the
 * share it is compared to:
 *
 * <pre>{@code
 * assertThat(rca).hasTopKAccuracyAtLeast(TopK.top(3), 0.8); // AC@3 ≥ 0.8
 * }</pre>
 *
 * @param k how many candidates count, at least 1
 */
public record TopK(int k) {

    /**
     * Validates k.
     *
     * @param k how many candidates count
     * @throws IllegalArgumentException when k is below 1
     */
    public TopK {
        if (k < 1) {
            throw new IllegalArgumentException("k: " + k + " is not accepted; expected 1 or more");
        }
    }

    /**
     * Names the first k candidates.
     *
     * @param k how many candidates count, at least 1
     * @return the top k
     */
    public static TopK top(int k) {
        return new TopK(k);
    }

    /** @return {@code top k} */
    @Override
    public String toString() {
        return "top " + k;
    }
}
