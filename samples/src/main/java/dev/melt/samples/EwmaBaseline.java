package dev.melt.samples;

/**
 * An exponentially weighted moving mean and variance of one indicator: the "normal" a value is
 * compared with. Values judged anomalous should be fed through {@link #updateClipped(double, double)}
 * so that an incident does not become the new normal within a few samples, while a lasting level
 * shift (a deployment that makes a service a little slower) is still learnt slowly.
 *
 * <p>Not thread-safe: one instance per series.
 */
public final class EwmaBaseline {

    private final double alpha;
    private final int warmUpSamples;
    private final double minStdDev;
    private double mean;
    private double variance;
    private long samples;

    /**
     * Creates an empty baseline.
     *
     * @param alpha the weight of a new sample, in (0, 1]; 0.05 remembers about the last 20 samples
     * @param warmUpSamples how many samples are learnt before {@link #zScore(double)} judges anything
     * @param minStdDev the smallest standard deviation assumed, so that a flat series does not
     *     turn every wiggle into a huge z-score
     * @throws IllegalArgumentException when a value is out of range
     */
    public EwmaBaseline(double alpha, int warmUpSamples, double minStdDev) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " is not accepted; expected a number in (0, 1]");
        }
        if (warmUpSamples < 1) {
            throw new IllegalArgumentException("warmUpSamples: " + warmUpSamples + " is not accepted; expected 1 or more");
        }
        if (!(minStdDev > 0)) {
            throw new IllegalArgumentException("minStdDev: " + minStdDev + " is not accepted; expected a positive number");
        }
        this.alpha = alpha;
        this.warmUpSamples = warmUpSamples;
        this.minStdDev = minStdDev;
    }

    /** @return {@code true} once enough samples were learnt to judge new ones */
    public boolean isWarm() {
        return samples >= warmUpSamples;
    }

    /** @return the current mean */
    public double mean() {
        return mean;
    }

    /** @return the current standard deviation, at least the configured minimum */
    public double stdDev() {
        return Math.max(Math.sqrt(variance), minStdDev);
    }

    /**
     * Returns how many standard deviations a value lies above the mean.
     *
     * @param value the new value
     * @return the z-score, or 0 while the baseline is still warming up
     */
    public double zScore(double value) {
        return isWarm() ? (value - mean) / stdDev() : 0.0;
    }

    /**
     * Learns a normal value.
     *
     * @param value the value
     */
    public void update(double value) {
        if (samples == 0) {
            mean = value;
        } else {
            double diff = value - mean;
            double increment = alpha * diff;
            mean += increment;
            variance = (1 - alpha) * (variance + diff * increment);
        }
        samples++;
    }

    /**
     * Learns a value judged anomalous, clipped to {@code maxZ} standard deviations from the mean,
     * so the baseline moves towards it only slowly.
     *
     * @param value the value
     * @param maxZ how many standard deviations from the mean the value is clipped to
     */
    public void updateClipped(double value, double maxZ) {
        double limit = stdDev() * maxZ;
        update(Math.max(mean - limit, Math.min(mean + limit, value)));
    }
}
