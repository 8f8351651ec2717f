package dev.melt.generator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficCurveTest {

    /** 2024-01-01 is a Monday. */
    private static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SATURDAY = Instant.parse("2024-01-06T00:00:00Z");
    private final TrafficCurve curve = TrafficCurve.daily();

    private double at(Instant day, int hour) {
        return curve.at(day.plus(Duration.ofHours(hour)).toEpochMilli());
    }

    @Test
    void aWeekdayAveragesOneWithAQuietNightAndAnAfternoonPeak() {
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        assertThat(curve.mean(tuesday, tuesday.plus(Duration.ofDays(1)))).isCloseTo(1.0, within(0.02));
        assertThat(at(tuesday, 3)).isBetween(0.35, 0.55);
        assertThat(at(tuesday, 14)).isGreaterThan(1.25);
        assertThat(at(tuesday, 14)).isGreaterThan(2 * at(tuesday, 3));
    }

    @Test
    void weekendsAreQuieterThanWeekdays() {
        assertThat(at(SATURDAY, 14)).isCloseTo(0.7 * at(MONDAY, 14), within(0.01));
        assertThat(curve.mean(MONDAY, MONDAY.plus(Duration.ofDays(7)))).isBetween(0.85, 0.95);
    }

    @Test
    void theCurveHasNoStepsEvenAtMidnightBeforeAWeekend() {
        long from = MONDAY.toEpochMilli();
        for (long t = from; t < from + Duration.ofDays(8).toMillis(); t += 60_000) {
            assertThat(Math.abs(curve.at(t + 60_000) - curve.at(t))).as("step at %s", Instant.ofEpochMilli(t))
                    .isLessThan(0.01);
        }
    }

    @Test
    void theFlatCurveIsOne() {
        assertThat(TrafficCurve.flat().at(MONDAY.plus(Duration.ofHours(14)).toEpochMilli())).isEqualTo(1.0);
        assertThat(TrafficCurve.flat().mean(MONDAY, SATURDAY)).isEqualTo(1.0);
    }
}
