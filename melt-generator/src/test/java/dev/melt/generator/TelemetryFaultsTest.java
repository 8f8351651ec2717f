package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each telemetry fault over a generated dataset, against the same spec without faults: the
 * files change exactly where the ground truth's fault says, and nowhere else.
 */
class TelemetryFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path clean;

    static GenerationConfig spec() {
        return GenerationConfig.builder().duration(Duration.ofMinutes(30)).requestRate(2.0).missingSpanRate(0.0)
                .anomalies(AnomalyType.CPU_SPIKE, AnomalyType.ERROR_BURST).seed(7).build();
    }

    @BeforeAll
    static void generateClean() throws IOException {
        clean = shared.resolve("clean");
        new MeltGenerator(spec()).generate(clean);
    }

    private static Path faulted(FaultKind kind) throws IOException {
        Path dir = shared.resolve(kind.id());
        if (!Files.exists(dir.resolve("manifest.json"))) {
            new MeltGenerator(spec().toBuilder().faults(kind).build()).generate(dir);
        }
        return dir;
    }

    private static List<String> lines(Path dir, Signal signal) throws IOException {
        return Files.readAllLines(dir.resolve(signal.fileName()), StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String timeField(Signal signal) {
        return signal == Signal.TRACES ? "start_time" : "timestamp";
    }

    private static String host(JsonNode n) {
        for (String holder : List.of("labels", "metadata", "tags")) {
            if (n.has(holder) && n.get(holder).has("host")) {
                return n.get(holder).get("host").asText();
            }
        }
        return null;
    }

    /** Whether the fault covers a line of the clean dataset, judged from its parsed fields. */
    private static boolean covered(Fault f, Signal signal, String line) {
        JsonNode n = tree(line);
        String host = host(n);
        return host != null && f.covers(host, Instant.parse(n.get(timeField(signal)).asText()));
    }

    private static Fault onlyFault(Path dir, FaultKind kind) throws IOException {
        GroundTruth truth = MeltData.open(dir, ReadMode.TOLERANT).groundTruth();
        assertThat(truth.faults()).hasSize(1);
        Fault f = truth.faults().get(0);
        assertThat(f.id()).isEqualTo("flt-0001");
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.files()).containsExactlyElementsOf(
                kind.signals().stream().map(Signal::fileName).collect(Collectors.toList()));
        assertThat(f.start()).isBefore(f.end());
        return f;
    }

    @ParameterizedTest
    @EnumSource(FaultKind.class)
    void filesTheFaultDoesNotNameAreAsWithoutFaultsAndTheManifestDescribesTheBytes(FaultKind kind)
            throws IOException {
        Path dir = faulted(kind);
        Fault f = onlyFault(dir, kind);
        for (Signal s : Signal.values()) {
            if (!f.files().contains(s.fileName())) {
                assertThat(Files.readAllBytes(dir.resolve(s.fileName())))
                        .as(s.fileName()).isEqualTo(Files.readAllBytes(clean.resolve(s.fileName())));
            } else {
                assertThat(lines(dir, s)).as(s.fileName()).isNotEqualTo(lines(clean, s));
            }
        }
        MeltData data = MeltData.open(dir);
        data.verify();
        for (Signal s : Signal.values()) {
            assertThat(data.manifest().file(s).records()).isEqualTo(lines(dir, s).size());
        }
        // The incidents are placed as without faults.
        assertThat(data.groundTruth().incidents()).isEqualTo(MeltData.open(clean).groundTruth().incidents());
    }

    @Test
    void aGapDropsTheHostsMetricsAndLogsOfTheWindowOnly() throws IOException {
        Path dir = faulted(FaultKind.GAP);
        Fault f = onlyFault(dir, FaultKind.GAP);
        for (Signal s : List.of(Signal.METRICS, Signal.LOGS)) {
            List<String> before = lines(clean, s);
            List<String> kept = before.stream().filter(l -> !covered(f, s, l)).collect(Collectors.toList());
            assertThat(kept.size()).as(s + " lines in the gap").isLessThan(before.size());
            assertThat(lines(dir, s)).as(s.fileName()).isEqualTo(kept);
        }
    }

    @Test
    void duplicatesFollowTheirOriginalInTheWindowOnly() throws IOException {
        Path dir = faulted(FaultKind.DUPLICATE);
        Fault f = onlyFault(dir, FaultKind.DUPLICATE);
        for (Signal s : List.of(Signal.METRICS, Signal.LOGS)) {
            List<String> expected = new ArrayList<>();
            int doubled = 0;
            for (String l : lines(clean, s)) {
                expected.add(l);
                if (covered(f, s, l)) {
                    expected.add(l);
                    doubled++;
                }
            }
            assertThat(doubled).as(s + " lines duplicated").isPositive();
            assertThat(lines(dir, s)).as(s.fileName()).isEqualTo(expected);
        }
    }

    @Test
    void malformedLinesAreCutInTheWindowAndTheTolerantReaderSkipsAndReportsEachOne() throws IOException {
        Path dir = faulted(FaultKind.MALFORMED);
        Fault f = onlyFault(dir, FaultKind.MALFORMED);
        List<String> before = lines(clean, Signal.LOGS);
        List<String> after = lines(dir, Signal.LOGS);
        assertThat(after).hasSameSizeAs(before);
        List<Long> bad = new ArrayList<>();
        List<LogRecord> expected = new ArrayList<>();
        try (Stream<LogRecord> logs = MeltData.open(clean).logs()) {
            List<LogRecord> all = logs.collect(Collectors.toList());
            for (int i = 0; i < before.size(); i++) {
                if (covered(f, Signal.LOGS, before.get(i))) {
                    assertThat(after.get(i)).as("line " + (i + 1)).isNotEqualTo(before.get(i));
                    if (bad.size() % 2 == 0) {
                        assertThat(before.get(i)).startsWith(after.get(i));
                    } else {
                        assertThat(after.get(i)).isEqualTo(before.get(i).replaceFirst("\":", "\"="));
                    }
                    bad.add(i + 1L);
                } else {
                    assertThat(after.get(i)).as("line " + (i + 1)).isEqualTo(before.get(i));
                    expected.add(all.get(i));
                }
            }
        }
        assertThat(bad).isNotEmpty();

        // Strict, the default, stops at the first bad line and names it.
        Path file = dir.resolve(Signal.LOGS.fileName());
        assertThatThrownBy(() -> {
            try (Stream<LogRecord> logs = MeltData.open(dir).logs()) {
                logs.forEach(r -> { });
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageStartingWith(file + ":" + bad.get(0) + ": ");

        // Tolerant reads every other line, with its labels, and reports each bad one.
        MeltData data = MeltData.open(dir, ReadMode.TOLERANT);
        try (Stream<LogRecord> logs = data.logs()) {
            assertThat(logs.collect(Collectors.toList())).isEqualTo(expected);
        }
        assertThat(data.skippedLines().count()).isEqualTo(bad.size());
        assertThat(data.skippedLines().count(Signal.LOGS)).isEqualTo(bad.size());
        assertThat(data.skippedLines().lines()).extracting(SkippedLine::line).containsExactlyElementsOf(bad);
        assertThat(data.skippedLines().lines()).allSatisfy(l -> {
            assertThat(l.file()).isEqualTo(file);
            assertThat(l.toString()).startsWith(file + ":" + l.line() + ": malformed or truncated line: Unexpected");
        });
        // The other files have no bad line.
        try (Stream<MetricRecord> metrics = data.metrics(); Stream<SpanRecord> spans = data.traces()) {
            assertThat(metrics.count()).isEqualTo(data.manifest().file(Signal.METRICS).records());
            assertThat(spans.count()).isEqualTo(data.manifest().file(Signal.TRACES).records());
        }
        assertThat(data.skippedLines().count()).isEqualTo(bad.size());
    }

    @Test
    void lateLinesArriveAfterTheWindowsEndAndTheRestKeepsItsOrder() throws IOException {
        Path dir = faulted(FaultKind.LATE);
        Fault f = onlyFault(dir, FaultKind.LATE);
        for (Signal s : List.of(Signal.METRICS, Signal.LOGS)) {
            List<String> before = lines(clean, s);
            List<String> after = lines(dir, s);
            assertThat(after).hasSameSizeAs(before);
            List<String> late = before.stream().filter(l -> covered(f, s, l)).collect(Collectors.toList());
            assertThat(late).as(s + " late lines").isNotEmpty();
            assertThat(after.stream().filter(l -> !covered(f, s, l)).collect(Collectors.toList()))
                    .isEqualTo(before.stream().filter(l -> !covered(f, s, l)).collect(Collectors.toList()));
            assertThat(after.stream().filter(l -> covered(f, s, l)).collect(Collectors.toList())).isEqualTo(late);
            int firstAfterWindow = -1;
            for (int i = 0; i < after.size() && firstAfterWindow < 0; i++) {
                if (!Instant.parse(tree(after.get(i)).get(timeField(s)).asText()).isBefore(f.end())) {
                    firstAfterWindow = i;
                }
            }
            assertThat(after.indexOf(late.get(0))).as(s + ": first late line's position")
                    .isGreaterThan(firstAfterWindow).isGreaterThan(before.indexOf(late.get(0)));
        }
    }

    @Test
    void clockSkewShiftsTheHostsTimestampsInTheWindowAndNothingElse() throws IOException {
        Path dir = faulted(FaultKind.CLOCK_SKEW);
        Fault f = onlyFault(dir, FaultKind.CLOCK_SKEW);
        assertThat(f.offset().abs()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(5));
        for (Signal s : List.of(Signal.METRICS, Signal.LOGS, Signal.TRACES)) {
            List<String> before = lines(clean, s);
            List<String> after = lines(dir, s);
            assertThat(after).hasSameSizeAs(before);
            int shifted = 0;
            for (int i = 0; i < before.size(); i++) {
                if (!covered(f, s, before.get(i))) {
                    assertThat(after.get(i)).isEqualTo(before.get(i));
                    continue;
                }
                shifted++;
                ObjectNode was = (ObjectNode) tree(before.get(i));
                ObjectNode is = (ObjectNode) tree(after.get(i));
                assertThat(Instant.parse(is.remove(timeField(s)).asText()))
                        .isEqualTo(Instant.parse(was.remove(timeField(s)).asText()).plus(f.offset()));
                // Everything else, labels included, is as it was.
                assertThat(is).isEqualTo(was);
            }
            assertThat(shifted).as(s + " lines shifted").isPositive();
        }
    }

    @Test
    void droppedSpansLeaveTheirChildrensParentLinksBrokenInTheWindowOnly() throws IOException {
        Path dir = faulted(FaultKind.DROPPED_SPANS);
        Fault f = onlyFault(dir, FaultKind.DROPPED_SPANS);
        List<String> before = lines(clean, Signal.TRACES);
        List<String> kept = before.stream().filter(l -> !covered(f, Signal.TRACES, l)).collect(Collectors.toList());
        Set<String> dropped = before.stream().filter(l -> covered(f, Signal.TRACES, l))
                .map(l -> tree(l).get("span_id").asText()).collect(Collectors.toSet());
        assertThat(dropped).isNotEmpty();
        List<String> after = lines(dir, Signal.TRACES);
        assertThat(after).isEqualTo(kept);
        assertThat(orphans(before)).as("orphans without faults").isEmpty();
        Set<String> orphanParents = orphans(after).stream().map(n -> n.get("parent_span_id").asText())
                .collect(Collectors.toSet());
        assertThat(orphanParents).isNotEmpty();
        assertThat(dropped).containsAll(orphanParents);
    }

    private static List<JsonNode> orphans(List<String> spans) {
        Set<String> ids = new HashSet<>();
        List<JsonNode> nodes = spans.stream().map(TelemetryFaultsTest::tree).collect(Collectors.toList());
        nodes.forEach(n -> ids.add(n.get("span_id").asText()));
        return nodes.stream().filter(n -> !n.get("parent_span_id").isNull()
                && !ids.contains(n.get("parent_span_id").asText())).collect(Collectors.toList());
    }

    @Test
    void faultsAreDeterministicAtAnyThreadCountAndEachKindHasItsOwnHost() throws IOException {
        GenerationConfig all = spec().toBuilder().faults(FaultKind.values()).build();
        Path one = shared.resolve("all-1");
        Path many = shared.resolve("all-4");
        new MeltGenerator(all).threads(1).generate(one);
        new MeltGenerator(all).threads(4).generate(many);
        for (String name : List.of("metrics.jsonl", "events.jsonl", "logs.jsonl", "traces.jsonl",
                "ground_truth.json", "manifest.json")) {
            assertThat(Files.readAllBytes(many.resolve(name))).as(name).isEqualTo(Files.readAllBytes(one.resolve(name)));
        }
        GroundTruth truth = MeltData.open(one, ReadMode.TOLERANT).groundTruth();
        assertThat(truth.faults()).extracting(Fault::kind).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(truth.faults()).extracting(Fault::id)
                .containsExactly("flt-0001", "flt-0002", "flt-0003", "flt-0004", "flt-0005", "flt-0006");
        assertThat(truth.faults()).isSortedAccordingTo((a, b) -> a.start().compareTo(b.start()));
        assertThat(truth.faults().stream().map(Fault::host).distinct().count()).isEqualTo(FaultKind.values().length);
        assertThat(truth.faultsOf(FaultKind.GAP)).hasSize(1);
        assertThat(MeltData.open(one).manifest().spec().faults()).containsExactlyInAnyOrder(FaultKind.values());
    }

    @Test
    void withoutFaultsTheGroundTruthHasNoFaultsFieldAndReadsEmpty() throws IOException {
        assertThat(Files.readString(clean.resolve("ground_truth.json"))).doesNotContain("faults");
        assertThat(Files.readString(clean.resolve("manifest.json"))).doesNotContain("faults");
        assertThat(MeltData.open(clean).groundTruth().faults()).isEmpty();
        assertThat(MeltData.open(clean).manifest().spec().faults()).isEmpty();
    }

    @Test
    void specFilesCarryFaultsAndOldGroundTruthsReadWithout() throws IOException {
        GenerationConfig withFaults = spec().toBuilder().faults(FaultKind.GAP, FaultKind.LATE).build();
        String json = SpecFile.toJson(withFaults);
        assertThat(json).contains("\"faults\" : [ \"gap\", \"late\" ]");
        assertThat(SpecFile.parse(json)).isEqualTo(withFaults);
        assertThat(SpecFile.toJson(spec())).doesNotContain("faults");
        assertThat(SpecFile.parse(SpecFile.toJson(spec())).faults()).isEmpty();
        assertThatThrownBy(() -> SpecFile.parse(json.replace("\"late\"", "\"lost\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fault: 'lost' is not accepted");
        // A ground truth of a dataset with faults, read back; and one of before faults existed.
        Path dir = faulted(FaultKind.LATE);
        GroundTruth truth = MeltData.open(dir).groundTruth();
        String text = Files.readString(dir.resolve("ground_truth.json"));
        Fault f = truth.faults().get(0);
        assertThat(text).contains("\"faults\" : [ {", "\"id\" : \"flt-0001\"", "\"kind\" : \"late\"",
                "\"host\" : \"" + f.host() + "\"", "\"files\" : [ \"metrics.jsonl\", \"logs.jsonl\" ]")
                .doesNotContain("offset");
        GroundTruth old = dev.melt.generator.internal.dataset.DatasetJson.readGroundTruth(
                Files.readString(clean.resolve("ground_truth.json")).getBytes(StandardCharsets.UTF_8));
        assertThat(old.faults()).isEmpty();
        assertThat(old.incidents()).isEqualTo(truth.incidents());
    }

    @Test
    void badFaultNamesAndFaultsWithoutJsonlAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> FaultKind.parseList("gap,late_arrival"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault: 'late_arrival' is not accepted; expected one or more of gap, duplicate, malformed,"
                        + " late, clock_skew, dropped_spans, comma-separated");
        assertThat(FaultKind.parseList("Clock-Skew,gap")).containsExactly(FaultKind.GAP, FaultKind.CLOCK_SKEW);
        assertThatThrownBy(() -> GenerationConfig.builder().formats(DatasetFormat.OPENMETRICS).faults(FaultKind.GAP)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("faults: ")
                .hasMessageContaining("jsonl");
    }
}
