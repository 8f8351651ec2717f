package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileTest {

    private static final GenerationConfig SPEC = GenerationConfig.builder().seed(23)
            .duration(Duration.ofMinutes(40)).startTime(Instant.parse("2024-03-04T06:00:00Z"))
            .callGraph(Map.of("gateway", List.of("orders"), "orders", List.of("stock"), "stock", List.of()))
            .requestRate(7.5).traceSampling(0.25).logsInterval(Duration.ofMillis(500))
            .anomalies(List.of(AnomalyType.LATENCY_SPIKE, AnomalyType.CPU_SPIKE))
            .anomalyConfig(AnomalyConfig.builder().difficulty(Difficulty.SUBTLE).warmUp(Duration.ofMinutes(5))
                    .allowOverlap(true).benignPatterns(false).build())
            .build();

    @Test
    void aSpecReadBackEqualsTheSpecWrittenKnobForKnob(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.json");
        SpecFile.write(SPEC, file);

        assertThat(SpecFile.read(file)).isEqualTo(SPEC);
        assertThat(SpecFile.toJson(SPEC)).contains("\"difficulty\" : \"subtle\"", "\"gateway\"", "\"request_rate\" : 7.5");
    }

    @Test
    void formatsAreWrittenOnlyWhenNotTheDefaultAndReadBack() {
        assertThat(SpecFile.toJson(SPEC)).doesNotContain("formats");
        GenerationConfig both = SPEC.toBuilder().formats(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS).build();
        assertThat(SpecFile.toJson(both)).contains("\"formats\" : [ \"jsonl\", \"openmetrics\" ]");
        assertThat(SpecFile.parse(SpecFile.toJson(both))).isEqualTo(both);
        assertThatThrownBy(() -> SpecFile.parse(SpecFile.toJson(both).replace("\"openmetrics\" ]", "\"csv\" ]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec: format: 'csv' is not accepted; expected one or more of jsonl, openmetrics, otlp, comma-separated");
    }

    @Test
    void aManifestIsASpecFileToo(@TempDir Path dir) throws IOException {
        GenerationConfig small = SPEC.toBuilder().duration(Duration.ofMinutes(12)).build();
        new MeltGenerator(small).threads(1).generate(dir.resolve("data"));

        assertThat(SpecFile.read(dir.resolve("data/manifest.json"))).isEqualTo(small);
    }

    @Test
    void theRemovedTracesIntervalIsNamedWithWhatReplacesIt() {
        String json = SpecFile.toJson(SPEC).replace("\"trace_sampling\"", "\"traces_interval\" : \"PT10S\", \"trace_sampling\"");

        assertThatThrownBy(() -> SpecFile.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("traces_interval: is no longer a setting")
                .hasMessageContaining("request_rate and trace_sampling");
    }

    @Test
    void aMissingFieldIsNamed() {
        String json = SpecFile.toJson(SPEC).replace("\"trace_sampling\"", "\"trace_samplin\"");

        assertThatThrownBy(() -> SpecFile.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec: missing field 'trace_sampling'");
    }
}
