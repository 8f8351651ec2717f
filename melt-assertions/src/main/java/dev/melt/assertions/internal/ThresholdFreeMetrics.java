package dev.melt.assertions.internal;

import java.util.Arrays;

/**
 * The threshold-free metrics of a {@link ScoredSeries}, each computed as its reference
 * implementation computes it, in O(n log n) for the sort plus work bounded by the anomalies and
 * their buffers:
 *
 * <ul>
 *   <li>{@link #averagePrecision}: scikit-learn's {@code average_precision_score}, the AUC-PR
 *       TSB-AD reports: {@code Σ (R_k − R_{k−1})·P_k} over the distinct scores, highest first.</li>
 *   <li>{@link #tsbVolume}: VUS-ROC and VUS-PR as TSB-AD's {@code basic_metricor.RangeAUC_volume_opt}
 *       (Paparrizos et al., VLDB 2022): for every window w = 0..W, labels extended by
 *       {@code √(1 − d/w)} over w/2 steps on each side; at each threshold the extension counts
 *       where it is predicted, in TP and in P' = (P + P + predicted extension)/2; TPR =
 *       min(TP/P', 1)·(share of extended ranges with a prediction), FPR = FP/(n − P'),
 *       precision TP/predicted. ROC by trapezoids from (0, 0) to (1, 1), PR as
 *       {@code Σ ΔTPR·precision}; the volumes are the means over w.</li>
 *   <li>{@link #aeonRangeAuc}: range-AUC-PR and range-AUC-ROC as aeon's
 *       {@code range_pr_roc_auc_support}: one buffer b, the extension {@code √(1 − d/b)} from the
 *       last anomalous step over b/2 − 1 steps after and b/2 steps before, P' fixed at
 *       (P + Σ extended labels)/2, recall and FPR capped at 1, PR by trapezoids.</li>
 * </ul>
 */
public final class ThresholdFreeMetrics {

    private static final int K = ScoredSeries.THRESHOLDS;

    private ThresholdFreeMetrics() {
    }

    /**
     * scikit-learn's average precision.
     *
     * @param series the series, with at least one anomalous step
     * @return the average precision
     */
    public static double averagePrecision(ScoredSeries series) {
        boolean[] label = series.labels();
        double[] score = series.scores();
        int positives = 0;
        for (boolean l : label) {
            positives += l ? 1 : 0;
        }
        double[] pos = new double[positives];
        double[] neg = new double[label.length - positives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < label.length; i++) {
            if (label[i]) {
                pos[p++] = score[i];
            } else {
                neg[q++] = score[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // walk both from the highest score, one distinct score at a time
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        double previousRecall = 0;
        double ap = 0;
        while (i >= 0 || j >= 0) {
            double value = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && pos[i] == value) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == value) {
                fp++;
                j--;
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / (tp + fp));
            previousRecall = recall;
        }
        return ap;
    }

    /**
     * TSB-AD's VUS-ROC and VUS-PR.
     *
     * @param series the series, with at least one anomalous step
     * @param maxWindow W, the largest window, 0 or more
     * @return {@code {VUS-ROC, VUS-PR}}
     */
    public static double[] tsbVolume(ScoredSeries series, int maxWindow) {
        int n = series.length();
        int[][] seq = series.anomalies();
        int[] bucket = new int[n];
        Arrays.fill(bucket, -1);
        // TP on the anomalous steps themselves, the same for every window
        long[] anomalousAt = new long[K + 1];
        long positives = 0;
        for (int[] run : seq) {
            for (int x = run[0]; x <= run[1]; x++) {
                anomalousAt[bucketOf(series, bucket, x)]++;
                positives++;
            }
        }
        prefixSum(anomalousAt);
        double[] extension = new double[n];
        double[] extensionAt = new double[K + 1];
        long[] existenceAt = new long[K + 1];
        int[] touched = new int[n];
        double rocSum = 0;
        double prSum = 0;
        for (int w = 0; w <= maxWindow; w++) {
            int half = w / 2;
            int touchedCount = 0;
            for (int[] run : seq) {
                for (int x = run[1] + 1; x <= Math.min(run[1] + half, n - 1); x++) {
                    touchedCount = addExtension(extension, touched, touchedCount, x,
                            Math.sqrt(1 - (double) (x - run[1]) / w));
                }
                for (int x = Math.max(run[0] - half, 0); x < run[0]; x++) {
                    touchedCount = addExtension(extension, touched, touchedCount, x,
                            Math.sqrt(1 - (double) (run[0] - x) / w));
                }
            }
            Arrays.fill(extensionAt, 0);
            for (int t = 0; t < touchedCount; t++) {
                int x = touched[t];
                if (!series.labels()[x]) {
                    extensionAt[bucketOf(series, bucket, x)] += Math.min(1.0, extension[x]);
                }
                extension[x] = 0;
            }
            prefixSum(extensionAt);
            // the extended ranges of TSB-AD's new_sequence, and the first threshold that reaches each
            Arrays.fill(existenceAt, 0);
            int ranges = 0;
            int r = 0;
            while (r < seq.length) {
                int from = Math.max(seq[r][0] - half, 0);
                int last = r;
                while (last + 1 < seq.length && seq[last][1] + half >= seq[last + 1][0] - half) {
                    last++;
                }
                int to = Math.min(seq[last][1] + half, n - 1);
                int first = K;
                for (int x = from; x <= to && first > 0; x++) {
                    first = Math.min(first, bucketOf(series, bucket, x));
                }
                existenceAt[first]++;
                ranges++;
                r = last + 1;
            }
            prefixSum(existenceAt);
            double tprPrevious = 0;
            double fprPrevious = 0;
            double roc = 0;
            double pr = 0;
            for (int k = 0; k < K; k++) {
                double extended = extensionAt[k];
                double tp = anomalousAt[k] + extended;
                double predicted = series.predictedAt(k);
                double fp = predicted - tp;
                double adjustedPositives = (positives + positives + extended) / 2;
                double recall = Math.min(tp / adjustedPositives, 1);
                double tpr = recall * existenceAt[k] / ranges;
                double fpr = fp / (n - adjustedPositives);
                double precision = tp / predicted;
                roc += (fpr - fprPrevious) * (tpr + tprPrevious) / 2;
                pr += (tpr - tprPrevious) * precision;
                tprPrevious = tpr;
                fprPrevious = fpr;
            }
            roc += (1 - fprPrevious) * (1 + tprPrevious) / 2;
            rocSum += roc;
            prSum += pr;
        }
        return new double[] {rocSum / (maxWindow + 1), prSum / (maxWindow + 1)};
    }

    /**
     * aeon's range-AUC-PR and range-AUC-ROC for one buffer.
     *
     * @param series the series, with at least one anomalous step
     * @param buffer b, the buffer size in steps, or −1 for aeon's default, the median length of
     *     the anomalous runs
     * @return {@code {range-AUC-PR, range-AUC-ROC}}; {@code {0, 0}} for a constant score, as aeon
     */
    public static double[] aeonRangeAuc(ScoredSeries series, int buffer) {
        if (series.isConstant()) {
            return new double[] {0.0, 0.0};
        }
        int n = series.length();
        int[][] runs = series.anomalies();
        int b = buffer >= 0 ? buffer : medianLength(runs);
        double[] continuous = new double[n];
        boolean[] label = series.labels();
        double labelSum = 0;
        for (int i = 0; i < n; i++) {
            continuous[i] = label[i] ? 1 : 0;
            labelSum += continuous[i];
        }
        int[][] ranges = runs;
        if (b > 1) {
            int slope = b / 2;
            for (int[] run : runs) {
                int last = run[1];
                for (int x = last; x < Math.min(last + slope, n); x++) {
                    continuous[x] += Math.sqrt(1 - (double) (x - last) / b);
                }
                for (int x = Math.max(run[0] - slope, 0); x < run[0]; x++) {
                    continuous[x] += Math.sqrt(1 - (double) (run[0] - x) / b);
                }
            }
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                continuous[i] = Math.min(1.0, Math.max(0.0, continuous[i]));
                positive[i] = continuous[i] > 0;
            }
            ranges = new ScoredSeries(positive, series.scores()).anomalies();
        }
        int[] bucket = new int[n];
        Arrays.fill(bucket, -1);
        double[] truePositiveAt = new double[K + 1];
        double continuousSum = 0;
        long[] existenceAt = new long[K + 1];
        for (int[] range : ranges) {
            int first = K;
            for (int x = range[0]; x <= range[1]; x++) {
                int k = bucketOf(series, bucket, x);
                truePositiveAt[k] += continuous[x];
                continuousSum += continuous[x];
                first = Math.min(first, k);
            }
            existenceAt[first]++;
        }
        prefixSum(truePositiveAt);
        prefixSum(existenceAt);
        double adjustedPositives = (labelSum + continuousSum) / 2;
        double negatives = n - adjustedPositives;
        double recallPrevious = 0;
        double fprPrevious = 0;
        double precisionPrevious = 1;
        double pr = 0;
        double roc = 0;
        for (int k = 0; k < K; k++) {
            double tp = truePositiveAt[k];
            double predicted = series.predictedAt(k);
            double recall = Math.min(tp / adjustedPositives, 1) * existenceAt[k] / ranges.length;
            double fpr = Math.min((predicted - tp) / negatives, 1);
            double precision = tp / predicted;
            pr += (recall - recallPrevious) * (precision + precisionPrevious) / 2;
            roc += (fpr - fprPrevious) * (recall + recallPrevious) / 2;
            recallPrevious = recall;
            fprPrevious = fpr;
            precisionPrevious = precision;
        }
        roc += (1 - fprPrevious) * (1 + recallPrevious) / 2;
        return new double[] {pr, roc};
    }

    /** numpy's {@code int(np.median(lengths))}. */
    private static int medianLength(int[][] runs) {
        int[] lengths = new int[runs.length];
        for (int i = 0; i < runs.length; i++) {
            lengths[i] = runs[i][1] - runs[i][0] + 1;
        }
        Arrays.sort(lengths);
        int m = lengths.length / 2;
        double median = lengths.length % 2 == 1 ? lengths[m] : (lengths[m - 1] + lengths[m]) / 2.0;
        return (int) median;
    }

    private static int addExtension(double[] extension, int[] touched, int count, int x, double value) {
        int c = count;
        if (extension[x] == 0) {
            touched[c++] = x;
        }
        extension[x] += value;
        return c;
    }

    private static int bucketOf(ScoredSeries series, int[] cache, int x) {
        if (cache[x] < 0) {
            cache[x] = series.bucket(x);
        }
        return cache[x];
    }

    private static void prefixSum(long[] values) {
        for (int i = 1; i < values.length; i++) {
            values[i] += values[i - 1];
        }
    }

    private static void prefixSum(double[] values) {
        for (int i = 1; i < values.length; i++) {
            values[i] += values[i - 1];
        }
    }
}
