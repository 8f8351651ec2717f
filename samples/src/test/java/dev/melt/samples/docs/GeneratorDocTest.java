package dev.melt.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.MetricRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of README.md, docs/generator.md and docs/incidents.md, run: DocSnippetsTest
 * checks that every snippet there stands here (or in another compiled test) line for line.
 */
class GeneratorDocTest {

    @TempDir
    Path temp;

    @Test
    void readmeJavaApi() throws IOException {
        Path directory = temp.resolve("data");
        GenerationConfig spec = GenerationConfig.builder()
                .size("10MB").anomalies(AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE).seed(42).build();
        new MeltGenerator(spec).generate(directory);
        MeltData data = MeltData.open(directory);
        assertThat(data.groundTruth().incidents()).extracting(i -> i.type())
                .contains(AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE);
    }

    @Test
    void generatorJavaApi() throws IOException {
        Path directory = temp.resolve("data");
        List<MetricRecord> seen = new ArrayList<>();
        Consumer<MetricRecord> detector = seen::add;
        GenerationConfig spec = GenerationConfig.builder()
                .size("10MB")                             // or DataSize.parse("10MB"); with .duration(...) too, traffic is scaled
                .anomalies(AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE)
                .seed(42)
                .build();                                 // validates: IllegalArgumentException names the bad field
        Manifest manifest = new MeltGenerator(spec)
                .threads(4)                               // optional; output does not depend on it
                .progress((written, expected) -> { })     // optional
                .generate(directory);

        MeltData data = MeltData.open(directory);         // fails with the path when manifest.json is missing
        try (Stream<MetricRecord> metrics = data.metrics()) {   // lazy; closing the stream closes the file
            metrics.filter(m -> m.metricName().equals("cpu_usage")).forEach(detector::accept);
        }
        GroundTruth truth = data.groundTruth();

        assertThat(truth.incidents()).isNotEmpty();
        assertThat(manifest.totalRecords()).isPositive();
        assertThat(seen).isNotEmpty().allMatch(m -> m.metricName().equals("cpu_usage"));
    }

    @Test
    void incidentsStrengthAndDifficulty() throws IOException {
        Path directory = temp.resolve("data");
        AnomalyConfig anomalies = AnomalyConfig.builder()
                .difficulty(Difficulty.SUBTLE)
                .probability(AnomalyType.ERROR_BURST, 0.2)                       // per hour
                .duration(AnomalyType.SERVICE_OUTAGE, Duration.ofMinutes(5), Duration.ofMinutes(10))
                .warmUp(Duration.ofHours(1))
                .build();
        GenerationConfig spec = GenerationConfig.builder().size("60MB").seed(7)
                .anomalies(AnomalyType.values()).anomalyConfig(anomalies).build();
        new MeltGenerator(spec).generate(directory);

        MeltData data = MeltData.open(directory);
        assertThat(data.groundTruth().incidents()).isNotEmpty().allMatch(i -> !i.start().isBefore(
                data.manifest().start().plus(Duration.ofHours(1))));
    }

    @Test
    void reliabilityFullVerification() throws IOException {
        Path dir = temp.resolve("verified");
        new MeltGenerator(GenerationConfig.builder().size("1MB").seed(1).build()).generate(dir);
        MeltData.open(dir).verify();

        Path events = dir.resolve("events.jsonl");
        byte[] bytes = java.nio.file.Files.readAllBytes(events);
        bytes[10] ^= 1;
        java.nio.file.Files.write(events, bytes);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MeltData.open(dir).verify())
                .hasMessageContaining("events.jsonl");
    }
}
