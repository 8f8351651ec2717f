package dev.melt.assertions.internal;

import dev.melt.assertions.NabProfile;

/**
 * The scoring of the Numenta Anomaly Benchmark as NAB v1.1 does it ({@code nab/sweeper.py}
 * {@code calcSweepScore} and {@code calcScoreByThreshold}, normalised as {@code runner.normalize()}),
 * over records: record {@code i} is time step {@code i} of the dataset.
 *
 * <ul>
 *   <li>The first {@code min(⌊p·n⌋, p·5000)} records of {@code n} (p = 0.15: 15%, at most 750) are
 *       the probationary period: nothing flagged there is scored, and a window with no record
 *       after it is left out of the raw and the null score (but, as in NAB, not of the perfect one).</li>
 *   <li>Every flagged record counts. In a window of {@code width} records ending at record
 *       {@code right}, record {@code i} is at {@code y = −(right − i + 1) / width} (−1 on the first
 *       record) and is worth {@code A_TP·σ*(y)/σ*(−1)}; a window scores the best of its flagged
 *       records, or {@code −A_FN} when none. σ*(y) = 2·sigmoid(−5y) − 1, and −1 when y > 3.</li>
 *   <li>A flagged record outside every window adds {@code A_FP·σ*(y)} with
 *       {@code y = (i − right) / (width − 1)} of the last window that ended before it, or
 *       {@code −A_FP} when none did. NAB divides by zero there after a window of one record;
 *       melt scores such a record {@code −A_FP}, as if it were far behind.</li>
 *   <li>{@code 100·(raw − null)/(perfect − null)} with {@code null = −A_FN} per scored window and
 *       {@code perfect = A_TP} per window.</li>
 * </ul>
 * Flagged records past the sigmoid's cut-off all cost {@code −A_FP}, so they are counted, not
 * visited: the work is bounded by the flagged ranges and four window widths after each window.
 */
public final class NabScorer {

    private NabScorer() {
    }

    /**
     * NAB's scaled sigmoid σ*.
     *
     * @param relativePosition the relative position y
     * @return {@code 2·sigmoid(−5y) − 1}, or −1 when y > 3 (NAB's {@code > 3.0})
     */
    public static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /**
     * Returns NAB's probationary length, which records are compared against.
     *
     * @param records the number of records n
     * @param probationaryPercent p, 0.15 in NAB
     * @return {@code min(⌊p·n⌋, p·5000)}
     */
    public static double probationaryLength(long records, double probationaryPercent) {
        return Math.min(Math.floor(probationaryPercent * records), probationaryPercent * 5000);
    }

    /**
     * Scores flagged records against windows.
     *
     * @param records the number of records of the series
     * @param windowFirst the first record of each window, sorted; windows disjoint, inside the series
     * @param windowLast the last record of each window (inclusive)
     * @param flagged the flagged records, as step ranges (clipped to the series here)
     * @param profile the weights
     * @param probationaryPercent p of the probationary period
     * @param zeroDivision the score (over 1, so multiplied by 100) when there is no window
     * @return the normalised score: 100 for a perfect detector, 0 for one that never fires
     */
    public static double score(long records, long[] windowFirst, long[] windowLast, StepRanges flagged,
                               NabProfile profile, double probationaryPercent, double zeroDivision) {
        int windows = windowFirst.length;
        if (windows == 0) {
            return 100.0 * zeroDivision;
        }
        double probation = probationaryLength(records, probationaryPercent);
        long firstScored = (long) Math.ceil(probation); // i >= probation, i an integer
        double maxTruePositive = scaledSigmoid(-1.0);
        double raw = 0;
        int scoredWindows = 0;
        double[] best = new double[windows];
        for (int w = 0; w < windows; w++) {
            best[w] = Double.NEGATIVE_INFINITY;
            if (windowLast[w] >= firstScored) {
                scoredWindows++;
            }
        }
        double falsePositives = 0;
        int w = 0; // the first window that does not end before the current record
        for (int r = 0; r < flagged.size(); r++) {
            long lo = Math.max(Math.max(flagged.first(r), 0), firstScored);
            long hi = Math.min(flagged.last(r), records - 1);
            long i = lo;
            while (i <= hi) {
                while (w < windows && windowLast[w] < i) {
                    w++;
                }
                if (w < windows && windowFirst[w] <= i) {
                    // inside window w: its earliest flagged record is its best
                    double width = windowLast[w] - windowFirst[w] + 1;
                    double position = -(windowLast[w] - i + 1) / width;
                    best[w] = Math.max(best[w], scaledSigmoid(position) * profile.truePositiveWeight() / maxTruePositive);
                    i = windowLast[w] + 1;
                    continue;
                }
                long gapEnd = Math.min(hi, w < windows ? windowFirst[w] - 1 : Long.MAX_VALUE);
                if (w == 0) {
                    falsePositives -= profile.falsePositiveWeight() * (gapEnd - i + 1);
                } else {
                    long right = windowLast[w - 1];
                    long span = right - windowFirst[w - 1]; // width − 1
                    // records up to 3·span past the window follow the sigmoid, the rest cost −A_FP
                    long lastOnCurve = span == 0 ? right : right + 3 * span;
                    long curveEnd = Math.min(gapEnd, lastOnCurve);
                    for (long k = i; k <= curveEnd; k++) {
                        falsePositives += scaledSigmoid((double) (k - right) / span) * profile.falsePositiveWeight();
                    }
                    long flat = gapEnd - Math.max(i, curveEnd + 1) + 1;
                    if (flat > 0) {
                        falsePositives -= profile.falsePositiveWeight() * flat;
                    }
                }
                i = gapEnd + 1;
            }
        }
        for (int k = 0; k < windows; k++) {
            if (windowLast[k] >= firstScored) {
                raw += Math.max(best[k], -profile.falseNegativeWeight());
            }
        }
        raw += falsePositives;
        double nullScore = -profile.falseNegativeWeight() * scoredWindows;
        double perfect = profile.truePositiveWeight() * windows;
        return 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
