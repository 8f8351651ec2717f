package dev.melt.generator.internal.model;

import dev.melt.generator.internal.plan.RandomStreams;

/**
 * Autocorrelated noise that is a pure function of (key, time): a slow component (knots every 15
 * minutes), a faster one (knots every 2 minutes), both interpolated smoothly, plus a little
 * per-second jitter. It behaves like AR(1) noise (neighbouring samples 30 s apart correlate at
 * about 0.8) but any instant can be evaluated alone, so chunks generated in parallel agree at
 * their borders. Values have mean 0 and a standard deviation of about 0.8, bounded by about ±3.
 */
public final class SmoothNoise {

    /** The largest absolute value the noise can take (each Irwin–Hall draw is within ±2 * sqrt(3)). */
    public static final double MAX_ABS = (0.75 + 0.55 + 0.3) * 2 * Math.sqrt(3.0);

    private static final long SLOW = 15 * 60_000L;
    private static final long FAST = 2 * 60_000L;

    private final long slowKey;
    private final long fastKey;
    private final long jitterKey;

    /**
     * Creates the noise of one entity.
     *
     * @param seed the dataset seed
     * @param purpose what the noise perturbs, e.g. {@code "cpu"}
     * @param entity the entity, e.g. a host index
     */
    public SmoothNoise(long seed, String purpose, long entity) {
        this.slowKey = RandomStreams.key(seed, purpose + "/slow", entity);
        this.fastKey = RandomStreams.key(seed, purpose + "/fast", entity);
        this.jitterKey = RandomStreams.key(seed, purpose + "/jitter", entity);
    }

    /**
     * Returns the noise at an instant.
     *
     * @param epochMillis the instant
     * @return the noise value
     */
    public double at(long epochMillis) {
        return 0.75 * knots(slowKey, epochMillis, SLOW) + 0.55 * knots(fastKey, epochMillis, FAST)
                + 0.3 * RandomStreams.gaussian(jitterKey, Math.floorDiv(epochMillis, 1000));
    }

    private static double knots(long key, long t, long period) {
        long k = Math.floorDiv(t, period);
        double f = (t - k * period) / (double) period;
        double a = RandomStreams.gaussian(key, k);
        double b = RandomStreams.gaussian(key, k + 1);
        double s = f * f * (3 - 2 * f);
        return a + (b - a) * s;
    }
}
