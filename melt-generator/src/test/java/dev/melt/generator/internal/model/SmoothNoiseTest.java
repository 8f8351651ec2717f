package dev.melt.generator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmoothNoiseTest {

    private static final long T0 = 1_704_067_200_000L;

    @Test
    void noiseIsCentredBoundedAndAutocorrelatedLikeAr1() {
        SmoothNoise noise = new SmoothNoise(42, "cpu", 3);
        int n = 20_000;
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = noise.at(T0 + i * 30_000L);
            sum += x[i];
        }
        double mean = sum / n;
        double var = 0;
        double cov = 0;
        for (int i = 0; i < n; i++) {
            var += (x[i] - mean) * (x[i] - mean);
            if (i > 0) {
                cov += (x[i] - mean) * (x[i - 1] - mean);
            }
        }
        double sd = Math.sqrt(var / n);
        double lag1 = cov / var;
        assertThat(mean).isBetween(-0.1, 0.1);
        assertThat(sd).isBetween(0.6, 1.1);
        assertThat(lag1).as("lag-1 autocorrelation at 30 s").isGreaterThan(0.6).isLessThan(0.99);
        assertThat(java.util.Arrays.stream(x).map(Math::abs).max().orElseThrow()).isLessThan(5.6);
    }

    @Test
    void noiseIsAPureFunctionOfKeyAndTime() {
        SmoothNoise a = new SmoothNoise(42, "cpu", 3);
        SmoothNoise b = new SmoothNoise(42, "cpu", 3);
        SmoothNoise other = new SmoothNoise(42, "cpu", 4);
        long t = T0 + 123_456_789L;
        double late = a.at(t);
        for (int i = 0; i < 100; i++) {
            a.at(T0 + i);
        }
        assertThat(b.at(t)).isEqualTo(late).isEqualTo(a.at(t));
        assertThat(other.at(t)).isNotEqualTo(late);
    }

    @Test
    void aKnotMemoChangesNoValue() {
        // Two noises share one memo; instants go forward within and across knots, jump, and go
        // back: every value must equal the memo-less one exactly.
        SmoothNoise cpu = new SmoothNoise(42, "cpu", 3, 0);
        SmoothNoise memory = new SmoothNoise(42, "memory", 3, 1);
        SmoothNoise.Knots memo = new SmoothNoise.Knots(2);
        long[] times = new long[4000];
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < times.length; i++) {
            int step = random.nextInt(10);
            t += step < 6 ? random.nextInt(30_000) : step < 8 ? 2 * 60_000L : step < 9 ? -random.nextInt(3_600_000)
                    : 86_400_000L;
            times[i] = t;
        }
        for (long at : times) {
            assertThat(cpu.at(at, memo)).isEqualTo(cpu.at(at));
            assertThat(memory.at(at, memo)).isEqualTo(memory.at(at));
        }
    }
}
