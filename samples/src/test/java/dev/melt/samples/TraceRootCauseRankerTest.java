package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.SpanRecord;
import dev.melt.samples.TraceRootCauseRanker.SuspectWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RCA engine on hand-made traces web → api → database, where the root cause is known. */
class TraceRootCauseRankerTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** One trace every 10 s for an hour; in minutes 40–45 the database is slow or fails. */
    private static List<SpanRecord> traces(boolean slowDatabase, boolean failingDatabase) {
        List<SpanRecord> spans = new ArrayList<>();
        for (int t = 0; t < 360; t++) {
            Instant start = T0.plusSeconds(10L * t);
            boolean incident = t >= 240 && t < 270;
            long db = incident && slowDatabase ? 50_000 : 5_000;
            boolean dbFails = incident && failingDatabase;
            String trace = String.format("%032x", t + 1);
            spans.add(span(trace, "a" + t, null, "web", start, db + 3_000, dbFails));
            spans.add(span(trace, "b" + t, "a" + t, "api", start, db + 2_000, dbFails));
            spans.add(span(trace, "c" + t, "b" + t, "database", start, db, dbFails));
        }
        return spans;
    }

    private static SpanRecord span(String trace, String id, String parent, String service, Instant start, long micros,
                                   boolean error) {
        return new SpanRecord(trace, id, parent, "op", start, micros, service, Map.of("host", service + "-01"),
                error ? "error" : "ok", false, null);
    }

    private static final List<SuspectWindow> WINDOW = List.of(
            new SuspectWindow("inc", T0.plusSeconds(2400), T0.plusSeconds(2700)));

    @Test
    void blamesTheDeepestFailingService() {
        Map<String, List<String>> ranking = new TraceRootCauseRanker().rank(traces(false, true).stream(), WINDOW);

        assertThat(ranking.get("inc")).first().isEqualTo("database");
    }

    @Test
    void blamesTheServiceWhoseOwnTimeGrew() {
        Map<String, List<String>> ranking = new TraceRootCauseRanker().rank(traces(true, false).stream(), WINDOW);

        assertThat(ranking.get("inc")).containsExactly("database", "api", "web");
    }
}
