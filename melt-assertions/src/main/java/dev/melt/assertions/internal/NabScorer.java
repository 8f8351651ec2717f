package dev.melt.assertions.internal;

import dev.melt.assertions.NabProfile;
import java.util.Arrays;

/**
 * The scoring of the Numenta Anomaly Benchmark (NAB v1.1 {@code sweeper.py}), in time instead of
 * record indices.
 *
 * <ul>
 *   <li>Each window starts at −A_FN. The first detection inside it, at relative position
 *       {@code y = −(end − t) / (end − start)} (−1 at the start, near 0 at the end), replaces that
 *       by {@code A_TP · σ*(y) / σ*(−1)}, where {@code σ*(y) = 2 / (1 + e^{5y}) − 1}; later
 *       detections in the same window add nothing.</li>
 *   <li>A detection outside every window adds {@code A_FP · σ*(y)} with
 *       {@code y = (t − end) / (end − start)} of the window that precedes it (σ* is negative
 *       there, −1 from y = 3 on), or {@code −A_FP} when no window precedes it.</li>
 *   <li>The raw score is normalised as NAB does: {@code 100 · (raw − null) / (perfect − null)}
 *       with {@code null = −A_FN · windows} (a detector that never fires) and
 *       {@code perfect = A_TP · windows}.</li>
 * </ul>
 */
public final class NabScorer {

    private NabScorer() {
    }

    /**
     * NAB's scaled sigmoid σ*.
     *
     * @param relativePosition the relative position y
     * @return {@code 2·sigmoid(−5y) − 1}, or −1 from y = 3 on
     */
    public static double scaledSigmoid(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /**
     * Scores detection instants against windows.
     *
     * @param windowStart window starts, sorted, epoch nanos; windows disjoint
     * @param windowEnd window ends (exclusive), epoch nanos
     * @param detections detection instants, sorted, epoch nanos
     * @param profile the weights
     * @return the normalised score: 100 for a perfect detector, 0 for one that never fires; with
     *     no window, 100 when nothing was detected and 0 otherwise
     */
    public static double score(long[] windowStart, long[] windowEnd, long[] detections, NabProfile profile) {
        int windows = windowStart.length;
        if (windows == 0) {
            return detections.length == 0 ? 100.0 : 0.0;
        }
        double maxTruePositive = scaledSigmoid(-1.0);
        double[] windowScore = new double[windows];
        Arrays.fill(windowScore, -profile.falseNegativeWeight());
        double falsePositives = 0;
        int w = 0;
        for (long t : detections) {
            while (w < windows && windowEnd[w] <= t) {
                w++;
            }
            if (w < windows && windowStart[w] <= t) {
                double position = -(double) (windowEnd[w] - t) / (windowEnd[w] - windowStart[w]);
                windowScore[w] = Math.max(windowScore[w],
                        scaledSigmoid(position) * profile.truePositiveWeight() / maxTruePositive);
            } else if (w == 0) {
                falsePositives -= profile.falsePositiveWeight();
            } else {
                long length = Math.max(1, windowEnd[w - 1] - windowStart[w - 1]);
                double position = (double) (t - windowEnd[w - 1]) / length;
                falsePositives += scaledSigmoid(position) * profile.falsePositiveWeight();
            }
        }
        double raw = falsePositives;
        for (double s : windowScore) {
            raw += s;
        }
        double nullScore = -profile.falseNegativeWeight() * windows;
        double perfect = profile.truePositiveWeight() * windows;
        return 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
