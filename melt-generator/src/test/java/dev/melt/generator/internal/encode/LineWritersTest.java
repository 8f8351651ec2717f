package dev.melt.generator.internal.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWritersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_704_067_200_000L;
    private static final JsonText WEB = JsonText.of("web");
    private static final LogWriter.Head INFO_WEB = LogWriter.head(JsonText.of("INFO"), WEB);
    private static final LogWriter.Head WARN_WEB = LogWriter.head(JsonText.of("WARN"), WEB);
    private static final LogWriter.Head INFO_SVC = LogWriter.head(JsonText.of("INFO"), JsonText.of("svc"));
    private static final LogWriter.Host WEB_01 = LogWriter.host(JsonText.of("web-01"));
    private static final LogWriter.Host H = LogWriter.host(JsonText.of("h"));

    private static List<JsonNode> lines(LineWriter w) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : w.buffer().toString().split("\n")) {
            out.add(JSON.readTree(line));
        }
        assertThat(w.buffer().toString()).endsWith("\n");
        return out;
    }

    @Test
    void metricLineHasTheSeedSchemaFieldsInOrder() {
        MetricWriter w = new MetricWriter(16);
        w.write(new MetricSeries("cpu_usage", "api", "api-01", "production", "percent", 2), T0, 45.2, null);
        w.write(new MetricSeries("cpu_usage", "api", "api-01", "production", "percent", 2), T0, 91, "inc-0001");
        assertThat(w.buffer().toString()).isEqualTo(
                "{\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"metric_name\":\"cpu_usage\",\"value\":45.2,"
                        + "\"labels\":{\"service\":\"api\",\"host\":\"api-01\",\"environment\":\"production\","
                        + "\"unit\":\"percent\"},\"anomaly\":false}\n"
                        + "{\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"metric_name\":\"cpu_usage\",\"value\":91,"
                        + "\"labels\":{\"service\":\"api\",\"host\":\"api-01\",\"environment\":\"production\","
                        + "\"unit\":\"percent\"},\"anomaly\":true,\"incident_id\":\"inc-0001\"}\n");
        assertThat(w.records()).isEqualTo(2);
    }

    @Test
    void spanAndLogLinesCarryW3cIds() throws Exception {
        TraceId trace = new TraceId().set(0x0123456789abcdefL, 0x1L);
        SpanWriter spans = new SpanWriter(16);
        spans.begin(trace, 0xabcL, 0, SpanWriter.operation(JsonText.of("GET /x")), T0 * 1000 + 5, 1500,
                SpanWriter.origin(WEB, JsonText.of("web-01"))).field("http.status_code", 200).end(false, null);
        spans.begin(trace, 0xdefL, 0xabcL, SpanWriter.operation(JsonText.of("api.get")), T0 * 1000 + 10, 700,
                SpanWriter.origin(JsonText.of("api"), JsonText.of("api-01"))).end(true, "inc-0002");
        assertThat(spans.buffer().toString()).startsWith("{\"trace_id\":\"0123456789abcdef0000000000000001\","
                + "\"span_id\":\"0000000000000abc\",\"parent_span_id\":null,\"operation_name\":\"GET /x\","
                + "\"start_time\":\"2024-01-01T00:00:00.000005Z\",\"duration\":1500,\"service\":\"web\","
                + "\"tags\":{\"host\":\"web-01\",\"http.status_code\":200},\"status\":\"ok\",\"anomaly\":false}\n");
        List<JsonNode> s = lines(spans);
        assertThat(s.get(0).get("trace_id").asText()).isEqualTo("0123456789abcdef0000000000000001");
        assertThat(s.get(0).get("parent_span_id").isNull()).isTrue();
        assertThat(s.get(0).get("start_time").asText()).isEqualTo("2024-01-01T00:00:00.000005Z");
        assertThat(s.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(s.get(0).get("tags").get("http.status_code").asInt()).isEqualTo(200);
        assertThat(s.get(1).get("parent_span_id").asText()).isEqualTo("0000000000000abc");
        assertThat(s.get(1).get("status").asText()).isEqualTo("error");
        assertThat(s.get(1).get("incident_id").asText()).isEqualTo("inc-0002");

        LogWriter logs = new LogWriter(16);
        logs.begin(T0, INFO_WEB, JsonText.of("hello \"you\""), trace, 0xabcL, WEB_01).end(null);
        logs.begin(T0, WARN_WEB, JsonText.of("background"), WEB_01).field("retries", 3).end(null);
        assertThat(logs.buffer().toString()).isEqualTo("{\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"level\":\"INFO\","
                + "\"service\":\"web\",\"message\":\"hello \\\"you\\\"\",\"trace_id\":\"0123456789abcdef0000000000000001\","
                + "\"span_id\":\"0000000000000abc\",\"metadata\":{\"host\":\"web-01\"},\"anomaly\":false}\n"
                + "{\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"level\":\"WARN\",\"service\":\"web\","
                + "\"message\":\"background\",\"trace_id\":null,\"span_id\":null,"
                + "\"metadata\":{\"host\":\"web-01\",\"retries\":3},\"anomaly\":false}\n");
        List<JsonNode> l = lines(logs);
        assertThat(l.get(0).get("span_id").asText()).isEqualTo("0000000000000abc");
        assertThat(l.get(0).get("message").asText()).isEqualTo("hello \"you\"");
        assertThat(l.get(1).get("trace_id").isNull()).isTrue();
        assertThat(l.get(1).get("metadata").get("retries").asInt()).isEqualTo(3);
        assertThat(l.get(1).has("incident_id")).isFalse();
    }

    @Test
    void spanEndingsCoverEveryStatusAndLabel() throws Exception {
        // The common ending (ok, no incident) is written from one pre-encoded piece; the others
        // from the status and the label: all four must read the same way.
        TraceId trace = new TraceId().set(1L, 2L);
        SpanWriter spans = new SpanWriter(16);
        SpanWriter.Operation op = SpanWriter.operation(JsonText.of("GET /x"));
        SpanWriter.Origin origin = SpanWriter.origin(WEB, JsonText.of("web-01"));
        boolean[] errors = {false, false, true, true};
        String[] incidents = {null, "inc-0001", null, "inc-0002"};
        for (int i = 0; i < 4; i++) {
            spans.begin(trace, i + 1, 0, op, T0 * 1000, 10, origin).end(errors[i], incidents[i]);
        }
        String[] lines = spans.buffer().toString().split("\n");
        assertThat(lines[0]).endsWith("},\"status\":\"ok\",\"anomaly\":false}");
        assertThat(lines[1]).endsWith("},\"status\":\"ok\",\"anomaly\":true,\"incident_id\":\"inc-0001\"}");
        assertThat(lines[2]).endsWith("},\"status\":\"error\",\"anomaly\":false}");
        assertThat(lines[3]).endsWith("},\"status\":\"error\",\"anomaly\":true,\"incident_id\":\"inc-0002\"}");
        assertThat(spans.records()).isEqualTo(4);
        assertThat(lines(spans)).hasSize(4);
    }

    @Test
    void aTraceIdReusedForTheNextTraceWritesTheNewDigits() {
        TraceId trace = new TraceId().set(0xfedcba9876543210L, 0x42L);
        LogWriter logs = new LogWriter(16);
        logs.begin(T0, INFO_WEB, JsonText.of("a"), trace, 1L, WEB_01).end(null);
        logs.begin(T0, INFO_WEB, JsonText.of("b"), trace, 2L, WEB_01).end(null);
        trace.set(0x1L, 0xffffffffffffffffL);
        logs.begin(T0, INFO_WEB, JsonText.of("c"), trace, 3L, WEB_01).end(null);
        trace.set(0L, 0L);
        logs.begin(T0, INFO_WEB, JsonText.of("d"), trace, 4L, WEB_01).end(null);
        assertThat(logs.buffer().toString().split("\n")).extracting(line -> line.replaceAll(".*\"trace_id\":\"(\\w+)\".*", "$1"))
                .containsExactly("fedcba98765432100000000000000042", "fedcba98765432100000000000000042",
                        "0000000000000001ffffffffffffffff", "00000000000000000000000000000001");
        assertThat(trace).hasToString("00000000000000000000000000000001");
    }

    @Test
    void encodedNamesAndValuesWriteTheSameBytesAsStrings() {
        TraceId trace = new TraceId().set(1L, 2L);
        LogWriter encoded = new LogWriter(16);
        encoded.begin(T0, INFO_WEB, JsonText.of("tab\t \"q\" é"), trace, 7L, WEB_01)
                .field(JsonText.of("http.status_code"), 503).end("inc-0001");
        encoded.begin(T0, WARN_WEB, JsonText.of("x"), WEB_01).field(JsonText.of("error_code"), JsonText.of("E")).end(null);
        LogWriter plain = new LogWriter(16);
        plain.begin(T0, INFO_WEB, JsonText.of("tab\t \"q\" é"), trace, 7L, WEB_01).field("http.status_code", 503)
                .end("inc-0001");
        plain.begin(T0, WARN_WEB, JsonText.of("x"), WEB_01).field("error_code", "E").end(null);
        assertThat(encoded.buffer().toString()).isEqualTo(plain.buffer().toString())
                .contains("\"metadata\":{\"host\":\"web-01\",\"http.status_code\":503}")
                .contains("\"metadata\":{\"host\":\"web-01\",\"error_code\":\"E\"}");
    }

    @Test
    void logWriterCountsTheBytesOfBackgroundLinesApart() {
        TraceId trace = new TraceId().set(1L, 2L);
        LogWriter logs = new LogWriter(16);
        logs.begin(T0, INFO_WEB, JsonText.of("in a span"), trace, 0xabcL, WEB_01).end(null);
        int spanLine = logs.buffer().size();
        logs.begin(T0, WARN_WEB, JsonText.of("background"), WEB_01).end("inc-0001");
        int backgroundLine = logs.buffer().size() - spanLine;
        logs.begin(T0, WARN_WEB, JsonText.of("Slow request: x took "), 12, JsonText.of(" ms"), trace, 0xabcL, WEB_01).end(null);
        logs.begin(T0 + 1, LogWriter.head(JsonText.of("DEBUG"), JsonText.of("api")), JsonText.of("again"), WEB_01).end(null);
        int secondBackground = logs.buffer().size() - logs.buffer().toString().lastIndexOf("{\"timestamp\"");
        assertThat(logs.backgroundBytes()).isEqualTo(backgroundLine + secondBackground);
        logs.reset();
        assertThat(logs.backgroundBytes()).isZero();
        logs.begin(T0, INFO_WEB, JsonText.of("in a span"), trace, 0xabcL, WEB_01).end(null);
        assertThat(logs.backgroundBytes()).isZero();
    }

    @Test
    void eventMetadataTakesEveryScalarType() throws Exception {
        EventWriter w = new EventWriter(16);
        w.begin(T0, "scaling", "info", "autoscaler", "Scaled").field("service", "api").field("replicas", 4)
                .field("load", 0.75, 2).field("manual", false).field("note", (String) null).end("inc-0003");
        JsonNode e = lines(w).get(0);
        assertThat(e.get("metadata").toString())
                .isEqualTo("{\"service\":\"api\",\"replicas\":4,\"load\":0.75,\"manual\":false,\"note\":null}");
        assertThat(e.get("anomaly").asBoolean()).isTrue();
    }

    @Test
    void sortByTimeOrdersLinesStablyAndKeepsEveryByte() throws Exception {
        LogWriter w = new LogWriter(16);
        long[] times = {T0 + 50, T0 + 10, T0 + 50, T0, T0 + 10};
        for (int i = 0; i < times.length; i++) {
            w.begin(times[i], INFO_SVC, JsonText.of("line " + i), H).end(null);
        }
        int before = w.buffer().size();
        w.sortByTime();
        List<String> messages = new ArrayList<>();
        for (JsonNode n : lines(w)) {
            messages.add(n.get("message").asText());
        }
        assertThat(messages).containsExactly("line 3", "line 1", "line 4", "line 0", "line 2");
        assertThat(w.buffer().size()).isEqualTo(before);
    }

    @Test
    void sortByTimeHandlesWideTimeRangesAndManyLines() throws Exception {
        LogWriter w = new LogWriter(16);
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // Offsets up to 40 days need three radix passes; few distinct values force ties.
            long t = T0 + (i % 3 == 0 ? random.nextLong(40L * 86_400_000L) : random.nextInt(50));
            w.begin(t, INFO_SVC, JsonText.of(Integer.toString(i)), H).end(null);
            expected.add(new long[] {t, i});
        }
        expected.sort(java.util.Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        w.sortByTime();
        List<JsonNode> sorted = lines(w);
        assertThat(sorted).hasSize(5000);
        for (int k = 0; k < sorted.size(); k++) {
            assertThat(sorted.get(k).get("message").asText()).isEqualTo(Long.toString(expected.get(k)[1]));
        }
    }
}
