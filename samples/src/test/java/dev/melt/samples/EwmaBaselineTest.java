package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaBaselineTest {

    @Test
    void judgesNothingWhileWarmingUp() {
        EwmaBaseline baseline = new EwmaBaseline(0.1, 3, 1.0);
        baseline.update(10);
        baseline.update(10);

        assertThat(baseline.isWarm()).isFalse();
        assertThat(baseline.zScore(1000)).isZero();
    }

    @Test
    void scoresDistanceFromTheMeanInStandardDeviations() {
        EwmaBaseline baseline = new EwmaBaseline(0.1, 3, 0.5);
        for (int i = 0; i < 200; i++) {
            baseline.update(i % 2 == 0 ? 9 : 11);
        }

        assertThat(baseline.mean()).isCloseTo(10, within(0.2));
        assertThat(baseline.stdDev()).isCloseTo(1, within(0.1));
        assertThat(baseline.zScore(14)).isCloseTo(4, within(0.5));
    }

    @Test
    void floorsTheStandardDeviationOfAFlatSeries() {
        EwmaBaseline baseline = new EwmaBaseline(0.1, 3, 2.0);
        for (int i = 0; i < 10; i++) {
            baseline.update(50);
        }

        assertThat(baseline.zScore(54)).isEqualTo(2.0);
    }

    @Test
    void learnsAnAnomalyOnlyClipped() {
        EwmaBaseline clipped = new EwmaBaseline(0.1, 3, 1.0);
        EwmaBaseline plain = new EwmaBaseline(0.1, 3, 1.0);
        for (int i = 0; i < 10; i++) {
            clipped.update(10);
            plain.update(10);
        }
        for (int i = 0; i < 5; i++) {
            clipped.updateClipped(100, 1.0);
            plain.update(100);
        }

        assertThat(clipped.zScore(100)).isGreaterThan(10);
        assertThat(plain.zScore(100)).isLessThan(3);
    }

    @Test
    void rejectsAnAlphaOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new EwmaBaseline(1.5, 3, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha: 1.5 is not accepted");
    }
}
