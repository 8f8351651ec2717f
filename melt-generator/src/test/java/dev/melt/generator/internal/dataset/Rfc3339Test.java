package dev.melt.generator.internal.dataset;

import dev.melt.generator.internal.encode.JsonBuffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @Test
    void readsBackWhatTheEncoderWrites() {
        SplittableRandom random = new SplittableRandom(3);
        JsonBuffer b = new JsonBuffer(32);
        for (int i = 0; i < 20_000; i++) {
            long micros = random.nextLong(253_402_300_799_000_000L);
            b.reset();
            String text = b.timestampMicros(micros).toString().replace("\"", "");
            assertThat(Rfc3339.parse(text)).isEqualTo(Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000));
            b.reset();
            String millis = b.timestampMillis(micros / 1000).toString().replace("\"", "");
            assertThat(Rfc3339.parse(millis)).isEqualTo(Instant.ofEpochMilli(micros / 1000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T12:00:00Z", "2024-02-29T23:59:59.5Z", "2024-01-01T12:00:00.123456789Z",
        "2024-01-01T12:00:00+02:00", "2024-01-01T12:00:00.1+00:00"})
    void agreesWithJavaTimeOnValidInstants(String text) {
        assertThat(Rfc3339.parse(text)).isEqualTo(java.time.OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T23:60:00Z",
        "2024-01-01 00:00:00Z", "2024-01-01T00:00:00", "yesterday", "2024-01-0aT00:00:00Z"})
    void refusesInvalidText(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
