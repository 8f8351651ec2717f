package dev.melt.assertions.internal;

import java.util.Arrays;

/**
 * A binary label series and an anomaly-score series of the same length, the input of the
 * threshold-free metrics: step {@code i} is anomalous when {@code label[i]}, and scores
 * {@code score[i]}. A step no detection touches scores −∞ (below every threshold but the lowest);
 * a detection without a score counts as +∞.
 *
 * <p>Every metric here samples its thresholds as TSB-AD and aeon do: the scores sorted from the
 * highest, at the 250 positions {@code (int) (k · (n − 1) / 249)} (numpy's
 * {@code linspace(0, n − 1, 250).astype(int)}), and a step is predicted at threshold t when its
 * score is at least t. Predicted sets grow with k, so each step is summarised by the first k
 * that predicts it (its bucket), and every count at every threshold is a prefix sum over
 * buckets: no metric re-reads the series per threshold.
 */
public final class ScoredSeries {

    /** The number of thresholds TSB-AD and aeon sample. */
    public static final int THRESHOLDS = 250;

    private final boolean[] label;
    private final double[] score;
    private final double[] thresholds;
    private final long[] predictedAt;

    /**
     * Wraps two series.
     *
     * @param label the labels; not copied
     * @param score the scores, none NaN; not copied
     */
    public ScoredSeries(boolean[] label, double[] score) {
        this.label = label;
        this.score = score;
        int n = score.length;
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        thresholds = new double[THRESHOLDS];
        predictedAt = new long[THRESHOLDS];
        double step = (n - 1) / (double) (THRESHOLDS - 1);
        for (int k = 0; k < THRESHOLDS; k++) {
            int position = k == THRESHOLDS - 1 ? n - 1 : (int) (k * step);
            double t = sorted[n - 1 - position];
            thresholds[k] = t;
            predictedAt[k] = n - lowerBound(sorted, t);
        }
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return the length n */
    public int length() {
        return score.length;
    }

    /** @return the labels; do not modify */
    public boolean[] labels() {
        return label;
    }

    /** @return the scores; do not modify */
    public double[] scores() {
        return score;
    }

    /** @return {@code true} when every step has the same score */
    public boolean isConstant() {
        for (double s : score) {
            if (Double.compare(s, score[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param k a threshold index
     * @return how many steps score at least threshold k
     */
    public long predictedAt(int k) {
        return predictedAt[k];
    }

    /**
     * Returns the first threshold that predicts a step.
     *
     * @param i a step
     * @return the smallest k with {@code score[i] >= threshold k}, or {@link #THRESHOLDS} for none
     */
    public int bucket(int i) {
        double s = score[i];
        // thresholds do not increase with k: find the first one at or below s
        int lo = 0;
        int hi = THRESHOLDS;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] <= s) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Returns the anomalous runs.
     *
     * @return {@code [first, last]} (inclusive) of each run of anomalous steps, in order
     */
    public int[][] anomalies() {
        int runs = 0;
        for (int i = 0; i < label.length; i++) {
            if (label[i] && (i == 0 || !label[i - 1])) {
                runs++;
            }
        }
        int[][] result = new int[runs][];
        int r = 0;
        for (int i = 0; i < label.length; i++) {
            if (label[i] && (i == 0 || !label[i - 1])) {
                int j = i;
                while (j + 1 < label.length && label[j + 1]) {
                    j++;
                }
                result[r++] = new int[] {i, j};
            }
        }
        return result;
    }
}
