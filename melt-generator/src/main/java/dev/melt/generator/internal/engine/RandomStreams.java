package dev.melt.generator.internal.engine;

import dev.melt.generator.Signal;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Derives independent random streams from the seed and a name: (seed, chunk, signal, entity).
 * A stream depends on nothing else, never on threads or on the order chunks run in, so any chunk
 * can be generated alone and give the same bytes.
 */
public final class RandomStreams {

    /** The chunk number used for streams that belong to the plan rather than to one chunk. */
    public static final long PLAN = -1L;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    /**
     * Creates the streams of one seed.
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
     * @return an XO_RO_SHI_RO_128_PP generator seeded from a hash of the four coordinates
     */
    public UniformRandomProvider stream(long chunk, Signal signal, String entity) {
        long h = mix(seed ^ GOLDEN);
        h = mix(h ^ (chunk * GOLDEN + 1));
        h = mix(h ^ (signal == null ? 0 : signal.ordinal() + 1));
        h = mix(h ^ fnv1a(entity));
        long s0 = mix(h + GOLDEN);
        long s1 = mix(h + 2 * GOLDEN);
        if ((s0 | s1) == 0) {
            s1 = GOLDEN;
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
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
