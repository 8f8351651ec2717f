package dev.melt.generator.internal.plan;

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

    @Test
    void planStreamsAndKeysDependOnSeedPurposeAndCoordinates() {
        long[] base = draws(RandomStreams.stream(42, "incident-schedule"));
        assertThat(draws(RandomStreams.stream(42, "incident-schedule"))).isEqualTo(base);
        assertThat(draws(RandomStreams.stream(43, "incident-schedule"))).isNotEqualTo(base);
        assertThat(draws(RandomStreams.stream(42, "incident-count"))).isNotEqualTo(base);
        assertThat(RandomStreams.key(42, "cpu", 1)).isNotEqualTo(RandomStreams.key(42, "cpu", 2))
                .isNotEqualTo(RandomStreams.key(42, "memory", 1)).isEqualTo(RandomStreams.key(42, "cpu", 1));
    }

    @Test
    void statelessDrawsAreUniformAndStandardNormal() {
        long key = RandomStreams.key(7, "noise");
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        double uniformSum = 0;
        for (int i = 0; i < n; i++) {
            double g = RandomStreams.gaussian(key, i);
            assertThat(Math.abs(g)).isLessThanOrEqualTo(2 * Math.sqrt(3.0));
            sum += g;
            squares += g * g;
            double u = RandomStreams.uniform(key, i);
            assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            uniformSum += u;
        }
        assertThat(sum / n).isBetween(-0.01, 0.01);
        assertThat(squares / n).isBetween(0.98, 1.02);
        assertThat(uniformSum / n).isBetween(0.497, 0.503);
        assertThat(RandomStreams.gaussian(key, 5)).isEqualTo(RandomStreams.gaussian(key, 5));
    }
}
