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
}
