package dev.melt.generator.openmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.MetricRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenMetrics output ({@code metrics.om}) against the JSONL records of the same dataset and
 * against the OpenMetrics 1.0 text format: a strict reader here, {@code promtool} in
 * {@link PrometheusBackfillTest}.
 */
class OpenMetricsOutputTest {

    @TempDir
    static Path temp;
    static Path dir;
    static Manifest manifest;
    static OpenMetricsText text;

    static GenerationConfig spec(DatasetFormat... formats) {
        return GenerationConfig.builder().size("3MB").seed(11)
                .anomalies(AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE).formats(formats).build();
    }

    @BeforeAll
    static void generate() throws IOException {
        dir = temp.resolve("both");
        manifest = new MeltGenerator(spec(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS)).threads(3).generate(dir);
        text = OpenMetricsText.read(dir.resolve("metrics.om"));
    }

    @Test
    void sameBytesWhateverTheThreadCountAndJsonlUnchanged() throws IOException {
        Manifest one = new MeltGenerator(spec(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS)).threads(1)
                .generate(temp.resolve("one"));
        assertThat(Files.readAllBytes(temp.resolve("one").resolve("metrics.om")))
                .isEqualTo(Files.readAllBytes(dir.resolve("metrics.om")));
        assertThat(one.files()).isEqualTo(manifest.files());
        // Adding a format changes no byte of the JSONL files.
        Manifest jsonl = new MeltGenerator(spec(DatasetFormat.JSONL)).threads(2).generate(temp.resolve("jsonl"));
        Map<String, Manifest.FileEntry> withoutOm = new HashMap<>(manifest.files());
        withoutOm.remove("metrics.om");
        assertThat(jsonl.files()).isEqualTo(withoutOm);
    }

    @Test
    void manifestListsTheFileWithItsFormatAndChecksum() throws IOException {
        Manifest.FileEntry om = manifest.files().get("metrics.om");
        assertThat(om.format()).isEqualTo(DatasetFormat.OPENMETRICS);
        assertThat(om.bytes()).isEqualTo(Files.size(dir.resolve("metrics.om")));
        assertThat(om.records()).isEqualTo(text.samples.size());
        assertThat(manifest.files().get("metrics.jsonl").format()).isEqualTo(DatasetFormat.JSONL);
        MeltData data = MeltData.open(dir);
        assertThat(data.manifest()).isEqualTo(manifest);
        data.verify();
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"format\" : \"openmetrics\"");
    }

    @Test
    void familiesHaveTypeAndHelpInOrder() {
        assertThat(text.families.keySet()).containsExactly("cpu_usage", "memory_usage", "request_rate", "error_rate",
                "latency_p50", "latency_p95", "latency_p99", "requests", "http_server_duration", "melt_anomaly",
                "melt_incident");
        assertThat(text.families.get("requests")[0]).isEqualTo("counter");
        assertThat(text.families.get("http_server_duration")[0]).isEqualTo("histogram");
        assertThat(text.families.values()).allSatisfy(f -> assertThat(f[1]).isNotBlank());
    }

    @Test
    void everyJsonlSampleIsOneOpenMetricsSampleWithTheSameValueAndTime() throws IOException {
        assertSameSamples(dir, text);
    }

    @Test
    void timesWithMillisecondsAreSecondsWithAFraction() throws IOException {
        Path odd = temp.resolve("odd");
        new MeltGenerator(GenerationConfig.builder().size("1MB").seed(5).startTime(
                java.time.Instant.parse("2024-01-01T00:00:00.250Z")).metricsInterval(java.time.Duration.ofMillis(1525))
                .formats(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS).build()).threads(2).generate(odd);
        OpenMetricsText oddText = OpenMetricsText.read(odd.resolve("metrics.om"));
        assertThat(Files.readString(odd.resolve("metrics.om")))
                .contains(" 1704067200.25\n", " 1704067201.775\n", " 1704067203.3\n");
        assertSameSamples(odd, oddText);
    }

    private static void assertSameSamples(Path dir, OpenMetricsText text) throws IOException {
        Map<String, List<double[]>> expected = new TreeMap<>();
        try (Stream<MetricRecord> metrics = MeltData.open(dir).metrics()) {
            metrics.forEach(r -> {
                Map<String, String> labels = new TreeMap<>(r.labels());
                labels.remove("unit");
                if (labels.containsKey("le") && !labels.get("le").equals("+Inf")) {
                    labels.put("le", labels.get("le") + ".0");
                }
                expected.computeIfAbsent(r.metricName() + labels, k -> new ArrayList<>())
                        .add(new double[] {r.timestamp().toEpochMilli(), r.value()});
            });
        }
        Map<String, List<double[]>> actual = new TreeMap<>();
        for (OpenMetricsText.Sample s : text.samples) {
            if (!s.family().startsWith("melt_")) {
                actual.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(new double[] {s.millis(), s.value()});
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, List<double[]>> e : expected.entrySet()) {
            e.getValue().sort((a, b) -> Double.compare(a[0], b[0]));
            assertThat(actual.get(e.getKey())).as(e.getKey()).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void labelFamiliesSayWhatTheJsonlLabelsSay() throws IOException {
        // host -> time -> incident ("" when normal), from the cpu_usage records, written at every tick.
        Map<String, TreeMap<Long, String>> labels = new LinkedHashMap<>();
        try (Stream<MetricRecord> metrics = MeltData.open(dir).metrics()) {
            metrics.filter(r -> r.metricName().equals("cpu_usage")).forEach(r -> labels
                    .computeIfAbsent(r.host(), k -> new TreeMap<>())
                    .put(r.timestamp().toEpochMilli(), r.incidentId() == null ? "" : r.incidentId()));
        }
        assertThat(labels.values().stream().flatMap(m -> m.values().stream()).filter(s -> !s.isEmpty()))
                .as("anomalous ticks in the dataset").isNotEmpty();
        Map<String, TreeMap<Long, String>> anomaly = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> incident = new TreeMap<>();
        for (OpenMetricsText.Sample s : text.samples) {
            if (s.family().equals("melt_anomaly")) {
                anomaly.computeIfAbsent(s.labels().get("host"), k -> new TreeMap<>())
                        .put(s.millis(), s.value() == 1 ? "1" : s.value() == 0 ? "0" : "?");
            } else if (s.family().equals("melt_incident")) {
                incident.computeIfAbsent(s.labels().get("host") + " " + s.labels().get("incident_id"),
                        k -> new TreeMap<>()).put(s.millis(), s.value());
            }
        }
        Map<String, TreeMap<Long, String>> expectedAnomaly = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> expectedIncident = new TreeMap<>();
        labels.forEach((host, ticks) -> {
            String last = "";
            for (Map.Entry<Long, String> t : ticks.entrySet()) {
                expectedAnomaly.computeIfAbsent(host, k -> new TreeMap<>()).put(t.getKey(),
                        t.getValue().isEmpty() ? "0" : "1");
                if (!last.isEmpty() && !last.equals(t.getValue())) {
                    expectedIncident.get(host + " " + last).put(t.getKey(), 0.0);
                }
                if (!t.getValue().isEmpty()) {
                    expectedIncident.computeIfAbsent(host + " " + t.getValue(), k -> new TreeMap<>())
                            .put(t.getKey(), 1.0);
                }
                last = t.getValue();
            }
        });
        assertThat(anomaly).isEqualTo(expectedAnomaly);
        assertThat(incident).isEqualTo(expectedIncident);
    }

    @Test
    void withoutJsonlOnlyTheOpenMetricsFileIsWrittenAndMeltDataSaysItCannotReadIt() throws IOException {
        Path only = temp.resolve("only");
        Manifest m = new MeltGenerator(spec(DatasetFormat.OPENMETRICS)).threads(2).generate(only);
        try (Stream<Path> files = Files.list(only)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("metrics.om", "ground_truth.json", "manifest.json");
        }
        assertThat(Files.readAllBytes(only.resolve("metrics.om"))).isEqualTo(Files.readAllBytes(dir.resolve("metrics.om")));
        assertThat(m.files().keySet()).containsExactlyInAnyOrder("metrics.om", "ground_truth.json");
        MeltData data = MeltData.open(only);
        data.verify();
        assertThat(data.groundTruth()).isEqualTo(MeltData.open(dir).groundTruth());
        assertThatThrownBy(data::metrics).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("metrics.jsonl: not written: this dataset's formats are openmetrics")
                .hasMessageContaining("MeltData reads records from JSONL only");
        assertThatThrownBy(data::traces).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("traces.jsonl");
    }

    @Test
    void aManifestThatDropsTheOpenMetricsFileIsRefused() throws IOException {
        Path copy = temp.resolve("edited");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        String manifestJson = Files.readString(copy.resolve("manifest.json"));
        Files.writeString(copy.resolve("manifest.json"),
                manifestJson.replaceAll("\"metrics\\.om\" : \\{[^}]*},?", ""));
        assertThatThrownBy(() -> MeltData.open(copy)).isInstanceOf(IOException.class)
                .hasMessageContaining("lists no entry for metrics.om");
    }
}
