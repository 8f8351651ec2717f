package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"2h, PT2H", "90m, PT1H30M", "1d, PT24H", "45s, PT45S", "1h30m, PT1H30M", "1d12h, PT36H",
        "PT2H, PT2H", "pt15m, PT15M", "P1D, PT24H", " 3H , PT3H"})
    void acceptsShortAndIsoForms(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2x", "-2h", "0s", "PT0S", "PT-1H", "h", "1.5h", "99999999999999999999d"})
    void refusesAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration: '" + text + "' is not accepted; expected");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
