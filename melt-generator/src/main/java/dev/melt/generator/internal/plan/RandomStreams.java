package dev.melt.generator.internal.plan;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams keyed by names: a stream is a pure function of (seed, purpose,
 * entity coordinates), so any part of a dataset can be drawn alone, on any thread, in any order.
 * Never share one stream between two purposes or two threads.
 */
public final class RandomStreams {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private RandomStreams() {
    }

    /**
     * Derives a 64-bit key from a seed, a purpose and entity coordinates.
     *
     * @param seed the dataset seed
     * @param purpose what the numbers are for, e.g. {@code "incident-schedule"}
     * @param parts entity coordinates (service index, incident number, chunk number...)
     * @return a well-mixed key; different inputs give unrelated keys
     */
    public static long key(long seed, String purpose, long... parts) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h + purpose.charAt(i) + GOLDEN);
        }
        for (long p : parts) {
            h = mix(h ^ mix(p + GOLDEN));
        }
        return h;
    }

    /**
     * Opens a fresh random stream (XoRoShiRo128++) for a purpose and entity.
     *
     * @param seed the dataset seed
     * @param purpose what the numbers are for
     * @param parts entity coordinates
     * @return a new generator, to be used by one thread only
     */
    public static UniformRandomProvider stream(long seed, String purpose, long... parts) {
        long k = key(seed, purpose, parts);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {k, mix(k ^ GOLDEN) | 1L});
    }

    /**
     * The SplitMix64 finaliser: a bijective scrambling of 64 bits.
     *
     * @param z any value
     * @return its scrambled value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniform double in [0, 1) that is a pure function of a key and an index; for per-interval
     * noise on the hot path where opening a stream would cost too much.
     *
     * @param key a key from {@link #key}
     * @param index e.g. the interval number
     * @return a uniform value in [0, 1)
     */
    public static double uniform(long key, long index) {
        return (mix(key + index * GOLDEN) >>> 11) * 0x1.0p-53;
    }

    /**
     * An approximately standard normal value (Irwin–Hall sum of four uniforms, rescaled) that is
     * a pure function of a key and an index. Bounded to about ±3.5, which keeps noise believable.
     *
     * @param key a key from {@link #key}
     * @param index e.g. the interval number
     * @return a value with mean 0 and variance 1
     */
    public static double gaussian(long key, long index) {
        long bits = mix(key + index * GOLDEN);
        double sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
        // Four uniforms on [0, 65536): mean 131070, variance 4 * 65536^2 / 12.
        return (sum - 131070.0) * (Math.sqrt(3.0) / 65536.0);
    }
}
