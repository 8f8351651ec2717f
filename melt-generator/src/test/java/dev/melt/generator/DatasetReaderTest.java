package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.internal.dataset.DatasetJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    static Path shared;
    static Path dataset;

    @TempDir
    Path temp;

    @BeforeAll
    static void generate() throws IOException {
        dataset = shared.resolve("dataset");
        new MeltGenerator(GenerationConfig.builder().size("512KB").seed(5).build()).generate(dataset);
    }

    private Path copy() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("copy"));
        try (Stream<Path> files = Files.list(dataset)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void recordsReadBackWithTheirFields() throws IOException {
        MeltData data = MeltData.open(dataset);
        try (Stream<MetricRecord> metrics = data.metrics()) {
            MetricRecord first = metrics.findFirst().orElseThrow();
            assertThat(first.timestamp()).isEqualTo(data.manifest().start());
            assertThat(first.labels()).containsKeys("service", "host", "environment", "unit");
            assertThat(first.anomaly()).isFalse();
        }
        try (Stream<SpanRecord> spans = data.traces()) {
            assertThat(spans.allMatch(s -> s.traceId().length() == 32 && s.spanId().length() == 16
                    && s.durationMicros() >= 0 && s.host() != null)).isTrue();
        }
        assertThat(data.totalRecords()).isEqualTo(data.manifest().totalRecords());
    }

    @Test
    void aDirectoryWithoutManifestIsNotADataset() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("manifest.json"));
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.resolve("manifest.json").toString()).hasMessageContaining("missing");
    }

    @Test
    void aManifestOfAnotherFormatIsRefusedByName() throws IOException {
        Path dir = copy();
        Path manifest = dir.resolve("manifest.json");
        String json = Files.readString(manifest);
        assertThat(json).contains("\"format_version\" : 2");
        Files.writeString(manifest, json.replace("\"format_version\" : 2", "\"format_version\" : 1"));
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("format_version: 1 is not read by this release, which reads format 2")
                .hasMessageContaining("regenerate the dataset");
        Files.writeString(manifest, json.replace("\"format_version\" : 2", "\"format_version\" : 3"));
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("format_version: 3").hasMessageContaining("written by a newer melt");
    }

    @Test
    void aMalformedLineIsReportedWithFileAndLine() throws IOException {
        Path dir = copy();
        MeltData data = MeltData.open(dir); // before the damage, which open would find by size
        Path logs = dir.resolve("logs.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(logs, StandardCharsets.UTF_8));
        lines.set(4, lines.get(4).replace("\"level\":", "\"level\" "));
        Files.write(logs, lines, StandardCharsets.UTF_8);
        try (Stream<LogRecord> stream = data.logs()) {
            assertThatThrownBy(stream::count).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(logs + ":5: malformed or truncated line");
        }
    }

    @Test
    void aLineWithAMissingFieldIsReportedWithFileAndLine() throws IOException {
        Path dir = copy();
        MeltData data = MeltData.open(dir); // before the damage, which open would find by size
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"metric_name\"", "\"name\""));
        Files.write(metrics, lines, StandardCharsets.UTF_8);
        try (Stream<MetricRecord> stream = data.metrics()) {
            assertThatThrownBy(stream::count).hasMessageContaining(metrics + ":2:")
                    .hasMessageContaining("missing field 'metric_name'");
        }
    }

    @Test
    void aFileCutInTheMiddleOfALineIsReported() throws IOException {
        Path dir = copy();
        MeltData data = MeltData.open(dir); // before the damage, which open would find by size
        Path traces = dir.resolve("traces.jsonl");
        byte[] bytes = Files.readAllBytes(traces);
        Files.write(traces, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        long lines = Files.readAllLines(traces).size();
        try (Stream<SpanRecord> stream = data.traces()) {
            assertThatThrownBy(stream::count).hasMessageContaining(traces + ":" + lines + ": malformed or truncated");
        }
    }

    @Test
    void aFileCutAtALineEndIsReportedAgainstTheManifest() throws IOException {
        Path dir = copy();
        MeltData data = MeltData.open(dir); // before the damage, which open would find by size
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        Files.write(metrics, lines.subList(0, lines.size() - 3), StandardCharsets.UTF_8);
        try (Stream<MetricRecord> stream = data.metrics()) {
            assertThatThrownBy(stream::count).hasMessageContaining(metrics.toString())
                    .hasMessageContaining("has " + (lines.size() - 3) + " lines but the manifest lists " + lines.size());
        }
    }

    @Test
    void groundTruthAndManifestRoundTripThroughJson() throws IOException {
        Instant t = Instant.parse("2024-01-01T01:00:00Z");
        Incident incident = new Incident("inc-0001", AnomalyType.SERVICE_OUTAGE, "database", null, t,
                t.plusSeconds(600),
                List.of(new AffectedService("database", null, AffectedService.Role.ROOT_CAUSE, t, t.plusSeconds(600)),
                        new AffectedService("payment", "payment-01", AffectedService.Role.CASCADE, t.plusSeconds(30),
                                t.plusSeconds(640))),
                List.of(new CascadeEdge("database", "payment", Duration.ofSeconds(30))));
        GroundTruth truth = new GroundTruth(t.minusSeconds(3600), t.plusSeconds(3600), List.of(incident));
        assertThat(DatasetJson.readGroundTruth(DatasetJson.writeGroundTruth(truth))).isEqualTo(truth);

        GenerationConfig spec = GenerationConfig.builder().seed(-3).size("1.5GB").duration(Duration.ofHours(5))
                .services("a", "b", "c").hosts(List.of("h1", "h2", "h3", "h4")).environments(List.of("prod", "dr"))
                .errorRate(0.1).debugLogRatio(0.5).missingSpanRate(0.01).anomalies(AnomalyType.LATENCY_SPIKE)
                .anomalyConfig(AnomalyConfig.builder().difficulty(Difficulty.SUBTLE).warmUp(Duration.ofMinutes(7))
                        .intensity(AnomalyType.CPU_SPIKE, 2.5).build())
                .build();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, "9.9", -3, spec, t, t.plusSeconds(5),
                java.util.Map.of("metrics.jsonl", new Manifest.FileEntry(3, 400, "ab", DatasetFormat.JSONL)), 0.25);
        assertThat(DatasetJson.readManifest(DatasetJson.writeManifest(manifest))).isEqualTo(manifest);
        Manifest unknown = new Manifest(Manifest.FORMAT_VERSION, "9.9", -3, spec, t, t.plusSeconds(5), java.util.Map.of());
        assertThat(new String(DatasetJson.writeManifest(unknown), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("traffic_scale");
        assertThat(DatasetJson.readManifest(DatasetJson.writeManifest(unknown)).trafficScale()).isNaN();
    }

    @Test
    void theManifestCarriesTheTrafficScaleOfThePlanAndAnOlderFormatTwoManifestReadsAsUnknown() throws IOException {
        GenerationConfig scaled = GenerationConfig.builder().seed(5).size("3MB").duration(Duration.ofMinutes(20)).build();
        Path dir = temp.resolve("scaled");
        Manifest manifest = new MeltGenerator(scaled).threads(2).generate(dir);
        double planned = MeltGenerator.plan(scaled, 2).trafficScale();
        assertThat(planned).isLessThan(1.0);
        assertThat(manifest.trafficScale()).isEqualTo(planned);
        assertThat(manifest.entryRequestRate()).isEqualTo(planned * scaled.requestRate());
        assertThat(manifest.sparseTraffic()).isEqualTo(planned < Manifest.SPARSE_TRAFFIC_SCALE);
        assertThat(MeltData.open(dir).manifest().trafficScale()).isEqualTo(planned);
        assertThat(MeltGenerator.plan(GenerationConfig.builder().size("3MB").build(), 2).trafficScale())
                .as("a size alone keeps the spec's traffic").isEqualTo(1.0);

        Path json = dir.resolve("manifest.json");
        String written = Files.readString(json);
        assertThat(written).contains("\"traffic_scale\" : " + planned);
        Files.writeString(json, written.replaceAll("\\s*\"traffic_scale\" : [^,]*,", ""));
        Manifest old = MeltData.open(dir).manifest();
        assertThat(old.trafficScale()).isNaN();
        assertThat(old.sparseTraffic()).isFalse();
        assertThat(old.entryRequestRate()).isNaN();
        Files.writeString(json, written.replace("\"traffic_scale\" : " + planned, "\"traffic_scale\" : -1"));
        assertThatThrownBy(() -> MeltData.open(dir)).hasMessageContaining("field 'traffic_scale' is not a positive number: -1");
    }

    @Test
    void twoRecordsOnOneLineAreReported() throws IOException {
        Path dir = copy();
        MeltData data = MeltData.open(dir); // before the damage, which open would find by size
        Path logs = dir.resolve("logs.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(logs, StandardCharsets.UTF_8));
        lines.set(0, lines.get(0) + " " + lines.remove(1));
        Files.write(logs, lines, StandardCharsets.UTF_8);
        try (Stream<LogRecord> stream = data.logs()) {
            assertThatThrownBy(stream::count).hasMessageContaining(logs + ":1: malformed or truncated line:"
                    + " expected one JSON object per line");
        }
    }

    @Test
    void aMistypedFieldIsNamed() throws IOException {
        Path dir = copy();
        MeltData data = MeltData.open(dir); // before the damage, which open would find by size
        Path traces = dir.resolve("traces.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(traces, StandardCharsets.UTF_8));
        lines.set(2, lines.get(2).replaceFirst("\"duration\":[0-9]+", "\"duration\":\"slow\""));
        Files.write(traces, lines, StandardCharsets.UTF_8);
        try (Stream<SpanRecord> stream = data.traces()) {
            assertThatThrownBy(stream::count).hasMessageContaining(traces + ":3:")
                    .hasMessageContaining("field 'duration' is not a whole number: \"slow\"");
        }
    }
}
