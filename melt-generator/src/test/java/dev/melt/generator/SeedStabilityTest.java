package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random streams are keyed by entity names and metric intervals, not by indexes or chunks: adding
 * a service that no existing service calls leaves every record of the existing services
 * byte-identical, in the same order.
 */
class SeedStabilityTest {

    @Test
    void aServiceNobodyCallsChangesNoRecordOfTheOthers(@TempDir Path temp) throws IOException {
        Map<String, List<String>> graph = new LinkedHashMap<>(GenerationConfig.defaults().callGraph());
        Map<String, List<String>> grown = new LinkedHashMap<>();
        // First, so that every existing service and host moves to another index.
        grown.put("batch", List.of());
        grown.putAll(graph);
        GenerationConfig.Builder spec = GenerationConfig.builder().seed(31).duration(Duration.ofMinutes(50));
        Path before = temp.resolve("before");
        Path after = temp.resolve("after");
        new MeltGenerator(spec.callGraph(graph).build()).generate(before);
        new MeltGenerator(spec.callGraph(grown).build()).threads(3).generate(after);

        for (String file : List.of("metrics.jsonl", "logs.jsonl", "events.jsonl")) {
            List<String> old = Files.readAllLines(before.resolve(file), StandardCharsets.UTF_8);
            List<String> added = Files.readAllLines(after.resolve(file), StandardCharsets.UTF_8);
            List<String> others = added.stream().filter(line -> !line.contains("\"service\":\"batch\""))
                    .collect(Collectors.toList());
            assertThat(others).as(file).hasSizeGreaterThan(10).isEqualTo(old);
            if (!file.equals("events.jsonl")) {
                assertThat(added.size()).as("%s has records of the new service", file).isGreaterThan(old.size());
            }
        }
        // Traces: the new service is an entry of its own; the others' traces are those of before.
        List<String> old = Files.readAllLines(before.resolve("traces.jsonl"), StandardCharsets.UTF_8);
        List<String> added = Files.readAllLines(after.resolve("traces.jsonl"), StandardCharsets.UTF_8);
        Set<String> batchTraces = added.stream().filter(line -> line.contains("\"service\":\"batch\""))
                .map(line -> line.substring(0, line.indexOf(','))).collect(Collectors.toSet());
        assertThat(batchTraces).isNotEmpty();
        assertThat(added.stream().filter(line -> !batchTraces.contains(line.substring(0, line.indexOf(','))))
                .collect(Collectors.toList())).hasSizeGreaterThan(10).isEqualTo(old);
    }
}
