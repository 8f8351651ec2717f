package dev.melt.generator.internal.plan;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A XoRoShiRo128++ generator that can be restarted from a key: one object serves a sequence of
 * independent streams (one per request of an interval, for example), so that samplers bound to it
 * are made once and what one stream consumes never moves the draws of the next. That is what
 * keeps a counterfactual twin's requests identical to the original's: a request that meets an
 * incident draws more or fewer numbers than its baseline, but the next request starts from its
 * own key either way.
 *
 * <p>Only {@link #nextLong()} is implemented; every other draw is {@link UniformRandomProvider}'s
 * default built on it, so no draw is cached across a {@link #reset}. Not thread-safe.
 */
public final class KeyedRandom implements UniformRandomProvider {

    private long s0;
    private long s1;

    /**
     * Creates a generator started from a key.
     *
     * @param key any 64-bit key
     */
    public KeyedRandom(long key) {
        reset(key);
    }

    /**
     * Restarts the generator on the stream of a key: the same key always gives the same draws.
     *
     * @param key any 64-bit key, for example {@link RandomStreams#key} or a mix of one with an index
     * @return this generator
     */
    public KeyedRandom reset(long key) {
        long a = RandomStreams.mix(key + 0x9E3779B97F4A7C15L);
        long b = RandomStreams.mix(key + 2 * 0x9E3779B97F4A7C15L);
        if ((a | b) == 0) {
            b = 0x9E3779B97F4A7C15L;
        }
        s0 = a;
        s1 = b;
        return this;
    }

    /**
     * Restarts the generator on the {@code index}-th stream of a key.
     *
     * @param key a key
     * @param index the stream's number under the key, e.g. a request's number in its interval
     * @return this generator
     */
    public KeyedRandom reset(long key, long index) {
        return reset(RandomStreams.mix(key ^ RandomStreams.mix(index + 0x9E3779B97F4A7C15L)));
    }

    @Override
    public long nextLong() {
        // XoRoShiRo128++ (Blackman and Vigna, 2019), as commons-rng's XoRoShiRo128PlusPlus.
        final long a = s0;
        long b = s1;
        final long result = Long.rotateLeft(a + b, 17) + a;
        b ^= a;
        s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
        s1 = Long.rotateLeft(b, 28);
        return result;
    }
}
