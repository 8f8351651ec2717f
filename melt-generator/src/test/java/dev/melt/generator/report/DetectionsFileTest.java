package dev.melt.generator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionsFileTest {

    @TempDir
    Path temp;

    @Test
    void readsPointsRangesServicesAndScores() throws Exception {
        Path f = temp.resolve("d.jsonl");
        Files.writeString(f, "{\"timestamp\": \"2024-01-01T00:10:00Z\", \"service\": \"payment\", \"score\": 0.7}\n\n"
                + "{\"timestamp\": \"2024-01-01T00:20:00Z\", \"end\": \"2024-01-01T00:21:00Z\"}\n");
        assertThat(DetectionsFile.read(f)).containsExactly(
                new ReportDetection(Instant.parse("2024-01-01T00:10:00Z"), Instant.parse("2024-01-01T00:10:00Z"),
                        "payment", 0.7),
                new ReportDetection(Instant.parse("2024-01-01T00:20:00Z"), Instant.parse("2024-01-01T00:21:00Z"),
                        null, Double.NaN));
    }

    @Test
    void aBadLineIsNamedWithWhatIsAccepted() throws Exception {
        Path f = temp.resolve("d.jsonl");
        Files.writeString(f, "{\"timestamp\": \"2024-01-01T00:10:00Z\"}\n{\"timestamp\": \"yesterday\"}\n");
        assertThatThrownBy(() -> DetectionsFile.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f + ":2: bad instant \"yesterday\"").hasMessageContaining("expected {");
        Files.writeString(f, "not json\n");
        assertThatThrownBy(() -> DetectionsFile.read(f)).hasMessageStartingWith(f + ":1: not JSON");
        Files.writeString(f, "{\"service\": \"api\"}\n");
        assertThatThrownBy(() -> DetectionsFile.read(f)).hasMessageStartingWith(f + ":1: no \"timestamp\"");
        Files.writeString(f, "{\"timestamp\": \"2024-01-01T00:10:00Z\", \"score\": \"high\"}\n");
        assertThatThrownBy(() -> DetectionsFile.read(f)).hasMessageContaining("\"score\" is not a number");
        Files.writeString(f, "{\"timestamp\": \"2024-01-01T00:10:00Z\", \"end\": \"2024-01-01T00:09:00Z\"}\n");
        assertThatThrownBy(() -> DetectionsFile.read(f)).hasMessageStartingWith(f + ":1: detection ends");
    }
}
