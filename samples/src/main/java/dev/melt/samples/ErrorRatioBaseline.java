package dev.melt.samples;

/**
 * The usual share of failures of one service (failed requests among requests, ERROR lines among
 * log lines), learnt as moving averages of both counts, and a binomial z-score that tells how
 * surprising the failures of a new window are.
 *
 * <p>Judging the share rather than the count keeps the daily traffic peak from looking like an
 * error burst: at twice the traffic twice the errors are expected. Windows judged anomalous are
 * not learnt, so a burst does not raise the baseline it is compared with.
 *
 * <p>Not thread-safe: one instance per series.
 */
public final class ErrorRatioBaseline {

    private final double alpha;
    private final int warmUpWindows;
    private final double minRatio;
    private double failures;
    private double total;
    private long windows;

    /**
     * Creates an empty baseline.
     *
     * @param alpha the weight of a new window, in (0, 1]
     * @param warmUpWindows how many windows are learnt before any is judged
     * @param minRatio the smallest failure share assumed, so that a service that never fails
     *     is not alarmed by its first error
     * @throws IllegalArgumentException when a value is out of range
     */
    public ErrorRatioBaseline(double alpha, int warmUpWindows, double minRatio) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " is not accepted; expected a number in (0, 1]");
        }
        if (warmUpWindows < 1) {
            throw new IllegalArgumentException("warmUpWindows: " + warmUpWindows + " is not accepted; expected 1 or more");
        }
        if (!(minRatio > 0 && minRatio < 1)) {
            throw new IllegalArgumentException("minRatio: " + minRatio + " is not accepted; expected a number in (0, 1)");
        }
        this.alpha = alpha;
        this.warmUpWindows = warmUpWindows;
        this.minRatio = minRatio;
    }

    /** @return the learnt failure share, at least the configured minimum */
    public double ratio() {
        return total > 0 ? Math.max(minRatio, failures / total) : minRatio;
    }

    /**
     * Returns how surprising {@code failed} failures out of {@code count} are: the number of
     * binomial standard deviations above the expected count.
     *
     * @param failed the failures in the window
     * @param count the attempts in the window
     * @return the z-score, or 0 while warming up or for an empty window
     */
    public double zScore(long failed, long count) {
        if (windows < warmUpWindows || count == 0) {
            return 0.0;
        }
        double p = Math.min(ratio(), 0.5);
        double expected = count * p;
        return (failed - expected) / Math.sqrt(count * p * (1 - p));
    }

    /**
     * Learns a window judged normal.
     *
     * @param failed the failures in the window
     * @param count the attempts in the window
     */
    public void update(long failed, long count) {
        if (windows == 0) {
            failures = failed;
            total = count;
        } else {
            failures += alpha * (failed - failures);
            total += alpha * (count - total);
        }
        windows++;
    }
}
