package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log detector on hand-made logs, where the right answer is known exactly. */
class LogErrorBurstDetectorTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /**
     * 60 lines a minute (1 ERROR) for an hour; traffic doubles in minutes 20–29 (2 errors, a
     * peak, not a burst) and minutes 40–42 carry 20 errors (a burst).
     */
    private static List<LogRecord> logs() {
        List<LogRecord> logs = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            int lines = minute >= 20 && minute < 30 ? 120 : 60;
            int errors = minute >= 40 && minute < 43 ? 20 : lines / 60;
            for (int i = 0; i < lines; i++) {
                Instant at = T0.plusSeconds(60L * minute).plusMillis(i * 60_000L / lines);
                logs.add(new LogRecord(at, i < errors ? "ERROR" : "INFO", "payment", "m", null, null,
                        Map.of("host", "payment-01"), false, null));
            }
        }
        return logs;
    }

    @Test
    void flagsTheBurstButNotThePeak() {
        List<Alert> alerts = new LogErrorBurstDetector().detect(logs().stream());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.service()).isEqualTo("payment");
            assertThat(alert.start()).isEqualTo(T0.plusSeconds(60 * 40));
            assertThat(alert.end()).isEqualTo(T0.plusSeconds(60 * 43));
        });
    }
}
