package dev.melt.generator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.Signal;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] draws(UniformRandomProvider rng) {
        long[] out = new long[8];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void aStreamDependsOnlyOnItsCoordinates() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        assertThat(draws(b.stream(3, Signal.LOGS, "api"))).isEqualTo(draws(a.stream(3, Signal.LOGS, "api")));
    }

    @Test
    void everyCoordinateChangesTheStream() {
        long[] base = draws(new RandomStreams(42).stream(3, Signal.LOGS, "api"));
        assertThat(draws(new RandomStreams(43).stream(3, Signal.LOGS, "api"))).isNotEqualTo(base);
        assertThat(draws(new RandomStreams(42).stream(4, Signal.LOGS, "api"))).isNotEqualTo(base);
        assertThat(draws(new RandomStreams(42).stream(3, Signal.TRACES, "api"))).isNotEqualTo(base);
        assertThat(draws(new RandomStreams(42).stream(3, Signal.LOGS, "apj"))).isNotEqualTo(base);
        assertThat(draws(new RandomStreams(42).stream(RandomStreams.PLAN, null, "api"))).isNotEqualTo(base);
    }
}
