package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dataset and its counterfactual twin ({@link GenerationConfig#without()}): outside the removed
 * incidents' affected spans every line of every file is the original's, except what docs/twins.md
 * lists (cumulative counters carry a constant offset until the host restarts, an outage's restarted
 * hosts keep their memory until their next restart, each alert's first event after the span); inside
 * them the twin shows the baseline.
 */
class TwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The affected span of a removed incident: its affected windows widened by these margins (docs/twins.md). */
    private static final Duration BEFORE = Twins.MARGIN_BEFORE;
    private static final Duration AFTER = Twins.MARGIN_AFTER;
    private static final Set<String> COUNTERS = Set.of("requests_total", "http_server_duration_bucket",
            "http_server_duration_sum", "http_server_duration_count");

    @TempDir
    static Path temp;

    /** Half an hour with one incident of the type, with minutes of data before and after its span. */
    private static GenerationConfig spec(AnomalyType type) {
        // Seed 3 places the one CPU spike, network delay or packet loss near the end; seed 4 in the middle.
        boolean late = type == AnomalyType.CPU_SPIKE || type == AnomalyType.NETWORK_DELAY
                || type == AnomalyType.PACKET_LOSS;
        return GenerationConfig.builder().duration(Duration.ofMinutes(30)).requestRate(5)
                .seed(late ? 4 : 3).anomalies(type).build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AnomalyType.class)
    void outsideTheAffectedSpanEveryLineIsTheOriginalsAndInsideTheBaselineGoesOn(AnomalyType type)
            throws IOException {
        Path original = temp.resolve(type.id());
        Path twin = temp.resolve(type.id() + "-twin");
        Manifest o = new MeltGenerator(spec(type)).threads(2).generate(original);
        Manifest t = new MeltGenerator(spec(type).twin()).threads(1).generate(twin);
        GroundTruth truth = MeltData.open(original).groundTruth();
        assertThat(truth.incidents()).as("the original has incidents to remove").isNotEmpty();
        assertThat(MeltData.open(twin).groundTruth().incidents()).isEmpty();
        assertThat(t.start()).isEqualTo(o.start());
        assertThat(t.end()).isEqualTo(o.end());
        assertThat(t.spec().without()).containsExactly(GenerationConfig.ALL_INCIDENTS);
        assertThat(t.spec().original()).isEqualTo(o.spec());

        List<Instant[]> spans = new ArrayList<>();
        for (Incident incident : truth.incidents()) {
            spans.add(new Instant[] {incident.firstAffected().minus(BEFORE), incident.lastAffected().plus(AFTER)});
        }
        assertThat(spans).as("one incident: one span, with data on both sides").hasSize(1);
        Instant spanEnd = spans.get(0)[1];
        assertThat(spanEnd).as("the test needs data after the span").isBefore(o.end().minus(Duration.ofMinutes(3)));
        assertThat(spans.get(0)[0]).as("and before it").isAfter(o.start().plus(Duration.ofMinutes(3)));
        Set<String> outageHosts = new HashSet<>();
        for (Incident incident : truth.incidentsOf(AnomalyType.SERVICE_OUTAGE)) {
            outageHosts.add(incident.rootCauseService());
        }

        for (Signal signal : Signal.values()) {
            List<Line> a = outside(original.resolve(signal.fileName()), spans);
            List<Line> b = outside(twin.resolve(signal.fileName()), spans);
            assertThat(b).as(signal + ": lines outside the span").hasSameSizeAs(a);
            assertThat(a.size()).as(signal + ": lines outside the span").isGreaterThan(0);
            Map<String, Long> offsets = new HashMap<>();
            Set<String> memoryMatched = new HashSet<>();
            Set<String> alertsSeen = new HashSet<>();
            int exceptions = 0;
            for (int i = 0; i < a.size(); i++) {
                Line x = a.get(i);
                Line y = b.get(i);
                boolean after = !x.at.isBefore(spanEnd);
                if (x.text.equals(y.text)) {
                    if (after && signal == Signal.METRICS) {
                        // After a restart (in both) a counter is the original's again, for good.
                        offsets.put(series(x.node), 0L);
                        memoryMatched.add(series(x.node));
                    }
                    if (after && signal == Signal.EVENTS && "alert".equals(x.node.get("event_type").asText())) {
                        alertsSeen.add(alertKey(x.node));
                    }
                    continue;
                }
                exceptions++;
                assertThat(x.at).as("%s: a line that differs before the span: %s | %s", signal, x.text, y.text)
                        .isAfterOrEqualTo(spanEnd);
                if (signal == Signal.METRICS) {
                    String name = x.node.get("metric_name").asText();
                    String series = series(x.node);
                    assertThat(series(y.node)).as("the same series at the same place").isEqualTo(series);
                    assertThat(x.at).isEqualTo(y.at);
                    if (COUNTERS.contains(name)) {
                        // A constant offset, from the span's end to the host's next restart.
                        long offset = Math.round((y.node.get("value").asDouble() - x.node.get("value").asDouble()) * 1000);
                        Long before = offsets.putIfAbsent(series, offset);
                        assertThat(offset).as("%s: the offset of %s stays (and once 0, stays 0)", x.at, series)
                                .isEqualTo(before == null ? offset : before);
                    } else {
                        assertThat(name).as("%s: only counters and memory differ after the span: %s | %s", x.at,
                                x.text, y.text).isEqualTo("memory_usage");
                        assertThat(x.node.get("labels").get("service").asText())
                                .as("memory differs on an outage's restarted hosts only").isIn(outageHosts);
                        assertThat(memoryMatched).as("until their next restart, then it is the same again")
                                .doesNotContain(series);
                        assertThat(y.node.get("value").asDouble()).as("the twin's hosts did not restart: more memory")
                                .isGreaterThan(x.node.get("value").asDouble());
                    }
                } else {
                    assertThat(signal).as("%s: a log, span or non-alert event differs after the span: %s | %s",
                            x.at, x.text, y.text).isEqualTo(Signal.EVENTS);
                    assertThat(x.node.get("event_type").asText()).isEqualTo("alert");
                    // Only the first alert event of a rule on a host after the span may differ.
                    assertThat(alertsSeen.add(alertKey(x.node))).as("the first alert of its kind after the span: %s",
                            x.text).isTrue();
                    alertsSeen.add(alertKey(y.node));
                }
            }
            if (signal == Signal.LOGS || signal == Signal.TRACES) {
                assertThat(exceptions).isZero();
            }
        }

        // Inside the span the baseline goes on: the twin's root-cause hosts look as they do outside it.
        Incident incident = truth.incidents().get(0);
        Stats inside = new Stats();
        Stats outside = new Stats();
        Stats incidentStats = new Stats();
        try (var lines = Files.lines(twin.resolve("metrics.jsonl"))) {
            lines.map(TwinTest::parse).filter(n -> n.get("labels").get("service").asText()
                    .equals(incident.rootCauseService())).forEach(n -> {
                        Instant at = Instant.parse(n.get("timestamp").asText());
                        assertThat(n.get("anomaly").asBoolean()).isFalse();
                        boolean in = !at.isBefore(incident.start()) && at.isBefore(incident.end());
                        boolean far = at.isBefore(spans.get(0)[0]) || !at.isBefore(spans.get(0)[1]);
                        if (in) {
                            inside.add(n);
                        } else if (far) {
                            outside.add(n);
                        }
                    });
        }
        try (var lines = Files.lines(original.resolve("metrics.jsonl"))) {
            lines.map(TwinTest::parse).filter(n -> n.get("labels").get("service").asText()
                    .equals(incident.rootCauseService())).filter(n -> incident.id().equals(
                            n.path("incident_id").asText(null))).forEach(incidentStats::add);
        }
        for (String metric : List.of("cpu_usage", "request_rate", "latency_p50", "latency_p99")) {
            // An interval's p99 at 5 requests a second is one of its slowest few: its median, and a wider margin.
            boolean p99 = metric.equals("latency_p99");
            assertThat(p99 ? inside.median(metric) : inside.mean(metric))
                    .as("%s of %s in the twin, inside vs outside the window", metric, incident.rootCauseService())
                    .isCloseTo(p99 ? outside.median(metric) : outside.mean(metric),
                            org.assertj.core.data.Percentage.withPercentage(p99 ? 50 : 25));
        }
        assertThat(inside.mean("error_rate")).as("the twin's error rate inside the window")
                .isLessThan(outside.mean("error_rate") * 2 + 0.5);
        // ... while the original's deviates there (what the twin took out).
        String signature = switch (type) {
            case CPU_SPIKE -> "cpu_usage";
            case LATENCY_SPIKE -> "latency_p99";
            default -> "error_rate";
        };
        assertThat(incidentStats.mean(signature)).as("the original's %s in its window", signature)
                .isGreaterThan(inside.mean(signature) * 1.3);
    }

    /**
     * Inside its windows an incident changes the requests it touches and no others: each request
     * draws from its own stream, so a CPU spike on one host, or a latency spike, leaves most of the
     * fleet's metric samples there as the twin's (labels aside). With one stream per interval, the
     * first request that met the incident would move every draw after it (about 40% and 25% the same).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AnomalyType.class, names = {"CPU_SPIKE", "LATENCY_SPIKE"})
    void insideTheWindowsTheRequestsTheIncidentDidNotTouchAreTheTwins(AnomalyType type) throws IOException {
        GenerationConfig spec = GenerationConfig.builder().duration(Duration.ofMinutes(30)).requestRate(5).seed(4)
                .anomalies(type).build();
        Path original = temp.resolve("touch-" + type.id());
        Path twin = temp.resolve("touch-" + type.id() + "-twin");
        new MeltGenerator(spec).generate(original);
        new MeltGenerator(spec.twin()).generate(twin);
        List<Incident> incidents = MeltData.open(original).groundTruth().incidents();
        Map<String, Integer> theirs = new HashMap<>();
        for (String line : insideWindows(twin.resolve("metrics.jsonl"), incidents)) {
            theirs.merge(line, 1, Integer::sum);
        }
        List<String> ours = insideWindows(original.resolve("metrics.jsonl"), incidents);
        int same = 0;
        for (String line : ours) {
            Integer n = theirs.get(line);
            if (n != null && n > 0) {
                theirs.put(line, n - 1);
                same++;
            }
        }
        assertThat(ours).isNotEmpty();
        assertThat(same / (double) ours.size()).as("share of the metric samples inside the windows that are the twin's")
                .isGreaterThan(0.55);
    }

    /** The lines of a file stamped inside the incidents' affected windows, without their labels. */
    private static List<String> insideWindows(Path file, List<Incident> incidents) throws IOException {
        List<String> out = new ArrayList<>();
        for (String text : Files.readAllLines(file)) {
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) parse(text);
            Instant at = Instant.parse(node.get("timestamp").asText());
            if (incidents.stream().anyMatch(i -> !at.isBefore(i.firstAffected()) && at.isBefore(i.lastAffected()))) {
                node.remove("anomaly");
                node.remove("incident_id");
                out.add(node.toString());
            }
        }
        return out;
    }

    @Test
    void aTwinWithoutOneIncidentKeepsTheOthersAsTheyWere() throws IOException {
        GenerationConfig spec = GenerationConfig.builder().size("3MB").seed(42).anomalies(AnomalyType.values()).build();
        GroundTruth truth = MeltGenerator.plan(spec, 1).groundTruth();
        assertThat(truth.incidents()).hasSizeGreaterThan(1);
        String removed = truth.incidents().get(0).id();
        GenerationConfig twin = spec.twin(removed);
        GroundTruth twinTruth = MeltGenerator.plan(twin, 1).groundTruth();
        assertThat(twinTruth.incidents()).isEqualTo(truth.incidents().subList(1, truth.incidents().size()));
        assertThat(MeltGenerator.plan(twin, 1).durationMillis()).isEqualTo(MeltGenerator.plan(spec, 1).durationMillis());
        assertThatThrownBy(() -> MeltGenerator.plan(spec.twin("inc-0999"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("without: inc-0999 is not an incident of this spec; expected one of inc-0001");
        assertThatThrownBy(() -> spec.toBuilder().without("cpu_spike").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("without: cpu_spike is not accepted; expected incident ids of the form inc-0002 (lower case,"
                        + " four digits or more), or all by itself");
    }

    @Test
    void aTwinsSpecReadsBackFromItsManifest() throws IOException {
        GenerationConfig twin = GenerationConfig.builder().size("1MB").seed(5).anomalies(AnomalyType.CPU_SPIKE)
                .build().twin("inc-0001");
        Path dir = temp.resolve("spec-twin");
        new MeltGenerator(twin).generate(dir);
        assertThat(MeltData.open(dir).manifest().spec()).isEqualTo(twin);
        assertThat(SpecFile.read(dir.resolve("manifest.json")).without()).containsExactly("inc-0001");
    }

    private static String alertKey(JsonNode event) {
        return event.get("metadata").get("alert_name").asText() + "@" + event.get("metadata").get("host").asText();
    }

    private static String series(JsonNode metric) {
        return metric.get("metric_name").asText() + metric.get("labels").toString();
    }

    /** A line of a file and its timestamp. */
    private record Line(Instant at, String text, JsonNode node) {
    }

    private static List<Line> outside(Path file, List<Instant[]> spans) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String text : Files.readAllLines(file)) {
            JsonNode node = parse(text);
            JsonNode stamp = node.has("start_time") ? node.get("start_time") : node.get("timestamp");
            Instant at = Instant.parse(stamp.asText());
            if (spans.stream().noneMatch(s -> !at.isBefore(s[0]) && at.isBefore(s[1]))) {
                out.add(new Line(at, text, node));
            }
        }
        return out;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Means of gauges by name. */
    private static final class Stats {
        private final Map<String, List<Double>> values = new HashMap<>();

        void add(JsonNode metric) {
            values.computeIfAbsent(metric.get("metric_name").asText(), k -> new ArrayList<>())
                    .add(metric.get("value").asDouble());
        }

        double mean(String metric) {
            return samples(metric).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        /** The median: a heavy tail's few outliers move a mean of a few minutes far (p99 at 5 requests/s). */
        double median(String metric) {
            double[] v = samples(metric).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        private List<Double> samples(String metric) {
            List<Double> v = values.get(metric);
            assertThat(v).as("samples of " + metric).isNotNull();
            return v;
        }
    }
}
