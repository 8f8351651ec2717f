package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeltGeneratorTest {

    @TempDir
    Path temp;

    private static GenerationConfig spec(String size, long seed) {
        return GenerationConfig.builder().size(size).seed(seed).anomalies(AnomalyType.CPU_SPIKE).build();
    }

    @Test
    void sameSpecGivesSameBytesWhateverTheThreadCount() throws IOException {
        GenerationConfig spec = GenerationConfig.builder().size("5MB").seed(7).anomalies(AnomalyType.values()).build();
        assertThat(MeltGenerator.plan(spec, 1).chunkCount()).as("chunks, so threads really interleave").isGreaterThan(3);
        Manifest one = new MeltGenerator(spec).threads(1).generate(temp.resolve("t1"));
        Manifest two = new MeltGenerator(spec).threads(2).generate(temp.resolve("t2"));
        Manifest eight = new MeltGenerator(spec).threads(8).generate(temp.resolve("t8"));
        assertThat(two.files()).isEqualTo(one.files());
        assertThat(eight.files()).isEqualTo(one.files());
        for (Signal s : Signal.values()) {
            assertThat(Files.readAllBytes(temp.resolve("t8").resolve(s.fileName())))
                    .isEqualTo(Files.readAllBytes(temp.resolve("t1").resolve(s.fileName())));
        }
        assertThat(Files.readAllBytes(temp.resolve("t2").resolve("ground_truth.json")))
                .isEqualTo(Files.readAllBytes(temp.resolve("t1").resolve("ground_truth.json")));
    }

    @Test
    void manifestGivesEachFilesSha256AndSize() throws Exception {
        Path dir = temp.resolve("h");
        Manifest manifest = new MeltGenerator(spec("3MB", 5)).threads(2).generate(dir);
        for (Map.Entry<String, Manifest.FileEntry> file : manifest.files().entrySet()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file.getKey()));
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(file.getValue().sha256()).as(file.getKey()).isEqualTo(sha256);
            assertThat(file.getValue().bytes()).as(file.getKey()).isEqualTo(bytes.length);
        }
        assertThat(manifest.files()).containsKeys("metrics.jsonl", "logs.jsonl", "traces.jsonl", "events.jsonl",
                "ground_truth.json");
    }

    @Test
    void differentSeedGivesDifferentData() throws IOException {
        Manifest a = new MeltGenerator(spec("1MB", 1)).generate(temp.resolve("a"));
        Manifest b = new MeltGenerator(spec("1MB", 2)).generate(temp.resolve("b"));
        for (Signal s : Signal.values()) {
            assertThat(b.file(s).sha256()).as(s.fileName()).isNotEqualTo(a.file(s).sha256());
        }
    }

    @Test
    void readerStreamsWhatTheManifestCounts() throws IOException {
        Path dir = temp.resolve("d");
        Manifest written = new MeltGenerator(spec("1MB", 3)).generate(dir);
        MeltData data = MeltData.open(dir);
        assertThat(data.manifest()).isEqualTo(written);
        try (Stream<MetricRecord> m = data.metrics()) {
            assertThat(m.count()).isEqualTo(written.file(Signal.METRICS).records());
        }
        try (Stream<EventRecord> e = data.events()) {
            assertThat(e.count()).isEqualTo(written.file(Signal.EVENTS).records());
        }
        Set<String> spans;
        try (Stream<SpanRecord> t = data.traces()) {
            spans = t.map(s -> s.traceId() + "/" + s.spanId()).collect(Collectors.toSet());
        }
        assertThat(spans).hasSize((int) written.file(Signal.TRACES).records());
        try (Stream<LogRecord> logs = data.logs()) {
            logs.filter(l -> l.traceId() != null)
                    .forEach(l -> assertThat(spans).contains(l.traceId() + "/" + l.spanId()));
        }
    }

    @Test
    void refusesANonEmptyDirectory() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("full"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> new MeltGenerator(spec("1MB", 1)).generate(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output: " + dir).hasMessageContaining("not empty");
    }

    @Test
    void aRunThatFailsHalfWayLeavesNoManifestAndNoFiles() throws IOException {
        Path dir = temp.resolve("failed");
        int[] chunks = {0};
        ProgressListener failing = (written, expected) -> {
            if (++chunks[0] == 2) {
                throw new IllegalStateException("disk unplugged");
            }
        };
        GenerationConfig spec = GenerationConfig.builder().size("4MB").seed(1).build();
        assertThatThrownBy(() -> new MeltGenerator(spec).threads(2).progress(failing).generate(dir))
                .hasMessage("disk unplugged");
        assertThat(chunks[0]).isEqualTo(2);
        assertThat(dir).as("the run created the directory, so its abort removes it").doesNotExist();
        assertThatThrownBy(() -> MeltData.open(dir)).hasMessageContaining("does not exist");
    }

    @Test
    void aRunThatFailsInAnEmptyDirectoryLeavesItEmpty() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("failed-in-empty"));
        ProgressListener failing = (written, expected) -> {
            throw new IllegalStateException("disk unplugged");
        };
        GenerationConfig spec = GenerationConfig.builder().size("2MB").seed(1).build();
        assertThatThrownBy(() -> new MeltGenerator(spec).threads(2).progress(failing).generate(dir))
                .hasMessage("disk unplugged");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        assertThatThrownBy(() -> MeltData.open(dir)).hasMessageContaining("manifest.json");
    }

    @Test
    void progressIsReportedPerChunkUpToTheTotal() throws IOException {
        long[] last = {0, 0};
        int[] calls = {0};
        Manifest m = new MeltGenerator(spec("3MB", 4)).progress((written, expected) -> {
            assertThat(written).isGreaterThanOrEqualTo(last[0]);
            last[0] = written;
            last[1] = expected;
            calls[0]++;
        }).generate(temp.resolve("progress"));
        assertThat(calls[0]).isGreaterThan(1);
        assertThat(last[0]).isEqualTo(m.totalBytes());
    }
}
