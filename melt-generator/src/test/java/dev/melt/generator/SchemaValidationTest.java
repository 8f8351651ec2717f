package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line that the generator writes validates against the JSON Schema of its record kind. */
class SchemaValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Signal, String> SCHEMAS = Map.of(Signal.METRICS, "metric", Signal.EVENTS, "event",
            Signal.LOGS, "log", Signal.TRACES, "span");
    private static final Map<Signal, JsonSchema> LOADED = new EnumMap<>(Signal.class);

    @TempDir
    static Path temp;
    static Path dataset;

    @BeforeAll
    static void generateAndLoadSchemas() throws IOException {
        dataset = temp.resolve("data");
        new MeltGenerator(GenerationConfig.builder().size("1MB").seed(11).anomalies(AnomalyType.values()).build())
                .generate(dataset);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (Map.Entry<Signal, String> e : SCHEMAS.entrySet()) {
            try (InputStream in = MeltGenerator.class.getResourceAsStream("schemas/" + e.getValue() + ".schema.json")) {
                assertThat(in).as(e.getValue() + ".schema.json on the class path").isNotNull();
                LOADED.put(e.getKey(), factory.getSchema(in, config));
            }
        }
    }

    @Test
    void everyLineOfEveryFileValidates() throws IOException {
        for (Signal signal : Signal.values()) {
            long lines = 0;
            try (BufferedReader reader = Files.newBufferedReader(dataset.resolve(signal.fileName()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines++;
                    Set<ValidationMessage> errors = LOADED.get(signal).validate(JSON.readTree(line));
                    assertThat(errors).as("%s line %d: %s", signal.fileName(), lines, line).isEmpty();
                }
            }
            assertThat(lines).as(signal.fileName()).isPositive();
        }
    }

    @Test
    void theSchemasRejectBrokenRecords() throws IOException {
        String metricLine;
        try (BufferedReader reader = Files.newBufferedReader(dataset.resolve("metrics.jsonl"))) {
            metricLine = reader.readLine();
        }
        ObjectNode noName = (ObjectNode) JSON.readTree(metricLine);
        noName.remove("metric_name");
        assertThat(LOADED.get(Signal.METRICS).validate(noName)).isNotEmpty();

        ObjectNode labelledWithoutId = (ObjectNode) JSON.readTree(metricLine);
        labelledWithoutId.put("anomaly", true);
        assertThat(LOADED.get(Signal.METRICS).validate(labelledWithoutId)).isNotEmpty();

        ObjectNode badTime = (ObjectNode) JSON.readTree(metricLine);
        badTime.put("timestamp", "2024-01-01 00:00:00");
        assertThat(LOADED.get(Signal.METRICS).validate(badTime)).isNotEmpty();

        JsonNode span = JSON.readTree("{\"trace_id\":\"abc\",\"span_id\":\"0000000000000001\",\"parent_span_id\":null,"
                + "\"operation_name\":\"op\",\"start_time\":\"2024-01-01T00:00:00.000000Z\",\"duration\":-1,"
                + "\"service\":\"s\",\"tags\":{\"host\":\"h\"},\"status\":\"ok\",\"anomaly\":false}");
        assertThat(LOADED.get(Signal.TRACES).validate(span)).hasSize(2);
    }

    @Test
    void theGroundTruthValidatesAndTheSchemaRejectsARootCauseWithFieldsOfAnotherKind() throws IOException {
        JsonSchema schema;
        try (InputStream in = MeltGenerator.class.getResourceAsStream("schemas/ground_truth.schema.json")) {
            assertThat(in).as("ground_truth.schema.json on the class path").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
        JsonNode truth = JSON.readTree(dataset.resolve("ground_truth.json").toFile());
        assertThat(truth.get("incidents")).isNotEmpty();
        assertThat(schema.validate(truth)).isEmpty();

        ObjectNode incident = (ObjectNode) truth.get("incidents").get(0);
        ObjectNode edge = JSON.createObjectNode().put("kind", "edge").putNull("service").putNull("host")
                .put("caller", "api").put("callee", "db").putNull("version");
        incident.set("root_cause", edge);
        assertThat(schema.validate(truth)).isEmpty();
        edge.put("service", "api");
        assertThat(schema.validate(truth)).isNotEmpty();
        edge.putNull("service").put("kind", "link");
        assertThat(schema.validate(truth)).isNotEmpty();
        incident.remove("root_cause"); // the shape of before
        assertThat(schema.validate(truth)).isEmpty();
    }
}
