package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.melt.generator.SpanRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trace detector on hand-made spans, where the right answer is known exactly. */
class TraceWindowDetectorTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /**
     * Ten spans a minute on api and on db for an hour, 20 ms ± 10% and one error in 50; api fails
     * every call in minutes 40–45, db is five times slower in minutes 20–25.
     */
    private static List<SpanRecord> spans() {
        Random jitter = new Random(3);
        List<SpanRecord> spans = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Instant at = T0.plusSeconds(6L * i);
            int minute = i / 10;
            boolean outage = minute >= 40 && minute < 46;
            boolean slow = minute >= 20 && minute < 26;
            spans.add(span(i, "api", at, 20_000 * (1 + 0.1 * jitter.nextGaussian()), outage || i % 50 == 0));
            spans.add(span(i, "db", at, (slow ? 100_000 : 20_000) * (1 + 0.1 * jitter.nextGaussian()), i % 50 == 25));
        }
        return spans;
    }

    private static SpanRecord span(int i, String service, Instant at, double micros, boolean error) {
        return new SpanRecord(String.format("%032x", i), service + i, null, "op", at, (long) micros, service,
                Map.of("host", service + "-01"), error ? "error" : "ok", false, null);
    }

    @Test
    void flagsTheFailingAndTheSlowServiceForTheirWindowsOnly() {
        List<Alert> alerts = new TraceWindowDetector().detect(spans().stream());

        assertThat(alerts)
                .extracting(Alert::service, Alert::indicator, Alert::start, Alert::end)
                .containsExactlyInAnyOrder(
                        tuple("api", TraceWindowDetector.ERROR_RATIO, T0.plusSeconds(40 * 60), T0.plusSeconds(46 * 60)),
                        tuple("db", TraceWindowDetector.LATENCY_MEDIAN, T0.plusSeconds(20 * 60),
                                T0.plusSeconds(26 * 60)));
    }
}
