package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorRatioBaselineTest {

    private static ErrorRatioBaseline learnt(long failed, long count) {
        ErrorRatioBaseline baseline = new ErrorRatioBaseline(0.1, 5, 0.001);
        for (int i = 0; i < 20; i++) {
            baseline.update(failed, count);
        }
        return baseline;
    }

    @Test
    void learnsTheShareOfFailures() {
        assertThat(learnt(2, 100).ratio()).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void judgesTheShareNotTheCount() {
        ErrorRatioBaseline baseline = learnt(2, 100);

        // twice the traffic, twice the errors: the daily peak, not a burst
        assertThat(baseline.zScore(4, 200)).isCloseTo(0, within(1e-9));
        // same traffic, ten times the errors: a burst
        assertThat(baseline.zScore(20, 100)).isGreaterThan(10);
    }

    @Test
    void judgesNothingWhileWarmingUpOrWithoutTraffic() {
        ErrorRatioBaseline baseline = new ErrorRatioBaseline(0.1, 5, 0.001);
        baseline.update(1, 100);

        assertThat(baseline.zScore(50, 100)).isZero();
        assertThat(learnt(1, 100).zScore(0, 0)).isZero();
    }
}
