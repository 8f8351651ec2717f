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
    /** This noise's two entries in a {@link Knots} memo: {@code 2 * slot} and {@code 2 * slot + 1}. */
    private final int slot;

    /**
     * Creates the noise of one entity.
     *
     * @param seed the dataset seed
     * @param purpose what the noise perturbs, e.g. {@code "cpu"}
     * @param entity the entity, e.g. a host index
     */
    public SmoothNoise(long seed, String purpose, long entity) {
        this(seed, purpose, entity, -1);
    }

    /**
     * Creates the noise of one entity that can remember its knots in a {@link Knots} memo.
     *
     * @param seed the dataset seed
     * @param purpose what the noise perturbs, e.g. {@code "cpu"}
     * @param entity the entity, e.g. a host index
     * @param slot its place in a memo, from 0 to the memo's number of noises - 1
     */
    SmoothNoise(long seed, String purpose, long entity, int slot) {
        this.slowKey = RandomStreams.key(seed, purpose + "/slow", entity);
        this.fastKey = RandomStreams.key(seed, purpose + "/fast", entity);
        this.jitterKey = RandomStreams.key(seed, purpose + "/jitter", entity);
        this.slot = slot;
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

    /**
     * Returns the noise at an instant, taking the knots from a memo when they are the ones this
     * noise used last: the same value as {@link #at(long)}, with one hash instead of five while
     * the instant stays between the same knots, as it does for minutes at a time.
     *
     * @param epochMillis the instant
     * @param memo the knots remembered by the calling thread, made for this noise's slot
     * @return the noise value
     */
    double at(long epochMillis, Knots memo) {
        return 0.75 * memo.interpolate(2 * slot, slowKey, epochMillis, SLOW)
                + 0.55 * memo.interpolate(2 * slot + 1, fastKey, epochMillis, FAST)
                + 0.3 * RandomStreams.gaussian(jitterKey, memo.second(epochMillis));
    }

    private static double knots(long key, long t, long period) {
        long k = Math.floorDiv(t, period);
        return between(RandomStreams.gaussian(key, k), RandomStreams.gaussian(key, k + 1), t, k, period);
    }

    /**
     * Eases from knot {@code k}'s value to the next one's (smoothstep), at instant {@code t}.
     *
     * @param left the value at knot {@code k}
     * @param right the value at knot {@code k + 1}
     * @param t the instant, in knot {@code k}'s period
     * @param k the knot, {@code floorDiv(t, period)}
     * @param period the knots' spacing in milliseconds
     * @return the eased value
     */
    private static double between(double left, double right, long t, long k, long period) {
        double f = (t - k * period) / (double) period;
        double s = f * f * (3 - 2 * f);
        return left + (right - left) * s;
    }

    /**
     * The knots a set of noises used last, for one thread: the knot values are pure functions of
     * (key, knot index), so remembering them changes no value. Not thread-safe.
     */
    static final class Knots {
        private final long[] index;
        /** The instant of each entry's left knot, {@code index * period}. */
        private final long[] from;
        private final double[] left;
        private final double[] right;
        private long secondMillis = Long.MIN_VALUE;
        private long second;

        /**
         * Creates an empty memo.
         *
         * @param noises how many noises, with slots 0 to {@code noises - 1}, it serves
         */
        Knots(int noises) {
            index = new long[2 * noises];
            from = new long[2 * noises];
            left = new double[2 * noises];
            right = new double[2 * noises];
            java.util.Arrays.fill(index, Long.MIN_VALUE);
            java.util.Arrays.fill(from, Long.MAX_VALUE);
        }

        double interpolate(int entry, long key, long t, long period) {
            long start = from[entry];
            // Between the same knots as last time (t - start in [0, period)): no division.
            if (t < start || t - start >= period) {
                long k = Math.floorDiv(t, period);
                long last = index[entry];
                // Moving on by one knot, the old right knot is the new left one.
                left[entry] = k == last + 1 ? right[entry] : RandomStreams.gaussian(key, k);
                right[entry] = RandomStreams.gaussian(key, k + 1);
                index[entry] = k;
                start = k * period;
                from[entry] = start;
            }
            return between(left[entry], right[entry], t, index[entry], period);
        }

        /** {@code floorDiv(t, 1000)}, remembered for the last instant: the noises of one state share it. */
        long second(long t) {
            if (t != secondMillis) {
                second = Math.floorDiv(t, 1000);
                secondMillis = t;
            }
            return second;
        }
    }
}
