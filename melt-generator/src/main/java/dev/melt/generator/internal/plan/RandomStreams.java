package dev.melt.generator.internal.plan;

import dev.melt.generator.Signal;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * Derives independent random streams from the seed and names, never from threads or the order
 * chunks run in, so any part of a dataset can be generated alone and give the same bytes.
 * <ul>
 *   <li>{@link #stream(long, Signal, String)}: one generator per (seed, chunk, signal, entity),
 *       for the records of a chunk;</li>
 *   <li>{@link #stream(long, String, long...)}: one generator per (seed, purpose, coordinates),
 *       for decisions of the plan (incident schedule, profiles of services and hosts);</li>
 *   <li>{@link #uniform} and {@link #gaussian}: stateless draws keyed by an index, for noise that
 *       must be a pure function of time on the hot path, where opening a stream costs too much.</li>
 * </ul>
 * Never share one generator between two purposes or two threads.
 */
public final class RandomStreams {

    /** The chunk number used for streams that belong to the plan rather than to one chunk. */
    public static final long PLAN = -1L;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    /**
     * Creates the chunk streams of one seed.
     *
     * @param seed the spec's seed
     */
    public RandomStreams(long seed) {
        this.seed = seed;
    }

    /**
     * Returns a new generator for one entity of one signal in one chunk.
     *
     * @param chunk the chunk number, or {@link #PLAN}
     * @param signal the signal, or {@code null} for draws that belong to no signal
     * @param entity the entity (a service, a host, a series, an incident...) the draws are for
     * @return a XoRoShiRo128++ generator seeded from a hash of the four coordinates
     */
    public UniformRandomProvider stream(long chunk, Signal signal, String entity) {
        long h = mix(seed ^ GOLDEN);
        h = mix(h ^ (chunk * GOLDEN + 1));
        h = mix(h ^ (signal == null ? 0 : signal.ordinal() + 1));
        h = mix(h ^ fnv1a(entity));
        return provider(h);
    }

    /**
     * Returns a new generator for one purpose of the plan.
     *
     * @param seed the dataset seed
     * @param purpose what the numbers are for, e.g. {@code "incident-schedule"}
     * @param parts entity coordinates (service index, incident number...)
     * @return a XoRoShiRo128++ generator, to be used by one thread only
     */
    public static UniformRandomProvider stream(long seed, String purpose, long... parts) {
        return provider(key(seed, purpose, parts));
    }

    private static UniformRandomProvider provider(long h) {
        long s0 = mix(h + GOLDEN);
        long s1 = mix(h + 2 * GOLDEN);
        if ((s0 | s1) == 0) {
            s1 = GOLDEN;
        }
        // Constructed directly rather than through RandomSource, which finds the constructor by
        // reflection and checks the seed on each of the tens of thousands of streams of a run.
        return new XoRoShiRo128PlusPlus(s0, s1);
    }

    /**
     * Derives a 64-bit key from a seed, a purpose and entity coordinates.
     *
     * @param seed the dataset seed
     * @param purpose what the numbers are for
     * @param parts entity coordinates
     * @return a well-mixed key; different inputs give unrelated keys
     */
    public static long key(long seed, String purpose, long... parts) {
        long h = mix(mix(seed ^ GOLDEN) ^ fnv1a(purpose));
        for (long p : parts) {
            h = mix(h ^ mix(p + GOLDEN));
        }
        return h;
    }

    /**
     * A uniform double in [0, 1) that is a pure function of a key and an index.
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
     * a pure function of a key and an index. Bounded by ±2√3, which keeps noise believable.
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

    /**
     * Returns the key of a name, for streams and noises keyed by an entity's name rather than its
     * index: adding a service then changes no other service's draws.
     *
     * @param name a service, host or other entity name
     * @return a stable 64-bit hash (FNV-1a)
     */
    public static long nameKey(String name) {
        return fnv1a(name);
    }

    /** SplitMix64's finaliser (Stafford variant 13): spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-16 code units: stable across JVMs, unlike identity hashes. */
    static long fnv1a(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return h;
    }
}
