package dev.melt.generator.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.EventRecord;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.LogRecord;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.SpanRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OTLP JSON files of a 10MB dataset with every incident type, parsed line by line with the
 * official {@code opentelemetry-proto} classes and protobuf's {@code JsonFormat}, against the
 * JSONL records {@link MeltData} reads.
 */
class OtlpOutputTest {

    /** OTLP JSON writes ids as hex; protobuf's JSON mapping wants base64 for bytes fields. */
    private static final Pattern ID = Pattern.compile("\"(traceId|spanId|parentSpanId)\":\"([0-9a-f]*)\"");

    @TempDir
    static Path temp;
    static Path dir;
    static Manifest manifest;
    static MeltData data;

    static GenerationConfig spec(DatasetFormat... formats) {
        return GenerationConfig.builder().size("10MB").seed(17).anomalies(AnomalyType.values()).formats(formats)
                .build();
    }

    @BeforeAll
    static void generate() throws IOException {
        dir = temp.resolve("both");
        manifest = new MeltGenerator(spec(DatasetFormat.JSONL, DatasetFormat.OTLP)).threads(3).generate(dir);
        data = MeltData.open(dir);
    }

    /** Turns the hex ids of a line into base64, then parses it into a fresh builder. */
    static <T extends Message> List<T> parse(Path file, Supplier<Message.Builder> builder) throws IOException {
        List<T> requests = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = ID.matcher(line);
                StringBuilder b = new StringBuilder();
                while (m.find()) {
                    String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(m.group(2)));
                    m.appendReplacement(b, "\"" + m.group(1) + "\":\"" + Matcher.quoteReplacement(base64) + "\"");
                }
                m.appendTail(b);
                Message.Builder request = builder.get();
                JsonFormat.parser().merge(b.toString(), request);
                @SuppressWarnings("unchecked")
                T t = (T) request.build();
                requests.add(t);
            }
        }
        return requests;
    }

    static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> map = new TreeMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            Object value = v.hasBoolValue() ? (Object) v.getBoolValue() : v.hasIntValue() ? (Object) v.getIntValue()
                    : v.hasDoubleValue() ? (Object) v.getDoubleValue() : v.getStringValue();
            assertThat(map.put(kv.getKey(), value)).as("attribute %s twice", kv.getKey()).isNull();
        }
        return map;
    }

    /** A JSONL record's tags or metadata as the OTLP attributes they become, with the labels. */
    static Map<String, Object> expected(Map<String, Object> fields, boolean anomaly, String incident) {
        Map<String, Object> map = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (!k.equals("host")) {
                String name = k.equals("http.status_code") ? "http.response.status_code"
                        : k.equals("error.code") || k.equals("error_code") ? "error.type" : k;
                map.put(name, v instanceof Integer ? (Object) ((Integer) v).longValue() : v);
            }
        });
        map.put("melt.anomaly", anomaly);
        if (incident != null) {
            map.put("melt.incident_id", incident);
        }
        return map;
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** service, host and environment of every host, from the metrics. */
    static Map<String, String> environments() {
        try (Stream<MetricRecord> metrics = data.metrics()) {
            return metrics.collect(Collectors.toMap(m -> m.labels().get("host"), m -> m.labels().get("environment"),
                    (a, b) -> a));
        }
    }

    static void checkResource(Map<String, Object> resource, String service, String host,
                              Map<String, String> environments) {
        assertThat(resource).containsEntry("service.name", service);
        if (host != null) {
            assertThat(resource).containsEntry("host.name", host)
                    .containsEntry("deployment.environment", environments.get(host));
        }
    }

    @Test
    void tracesEqualTheJsonlSpans() throws IOException {
        List<ExportTraceServiceRequest> requests = parse(dir.resolve("traces.otlp.jsonl"),
                ExportTraceServiceRequest::newBuilder);
        Map<String, SpanRecord> jsonl = new HashMap<>();
        try (Stream<SpanRecord> spans = data.traces()) {
            spans.forEach(s -> assertThat(jsonl.put(s.traceId() + s.spanId(), s)).isNull());
        }
        Map<String, String> environments = environments();
        int count = 0;
        int errors = 0;
        for (ExportTraceServiceRequest r : requests) {
            for (ResourceSpans rs : r.getResourceSpansList()) {
                Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    assertThat(ss.getScope().getName()).isEqualTo("melt");
                    for (Span span : ss.getSpansList()) {
                        SpanRecord s = jsonl.get(hex(span.getTraceId()) + hex(span.getSpanId()));
                        assertThat(s).as("span %s", hex(span.getSpanId())).isNotNull();
                        count++;
                        checkResource(resource, s.service(), (String) s.tags().get("host"), environments);
                        assertThat(span.getName()).isEqualTo(s.operationName());
                        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
                        assertThat(span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()))
                                .isEqualTo(s.parentSpanId());
                        assertThat(span.getStartTimeUnixNano()).isEqualTo(nanos(s.startTime()));
                        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano())
                                .isEqualTo(s.durationMicros() * 1000);
                        assertThat(span.getStatus().getCode()).isEqualTo(s.status().equals("error")
                                ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_OK);
                        errors += s.status().equals("error") ? 1 : 0;
                        assertThat(attributes(span.getAttributesList()))
                                .isEqualTo(expected(s.tags(), s.anomaly(), s.incidentId()));
                    }
                }
            }
        }
        assertThat(count).isEqualTo(jsonl.size()).isEqualTo(manifest.files().get("traces.jsonl").records());
        assertThat(errors).isPositive();
        assertThat(requests).hasSize((int) manifest.files().get("traces.otlp.jsonl").records());
    }

    static String logKey(long time, int severity, String text, String service, String host, String body,
                         String traceId, String spanId, Map<String, Object> attributes) {
        return time + "|" + severity + "|" + text + "|" + service + "|" + host + "|" + body + "|" + traceId + "|"
                + spanId + "|" + attributes;
    }

    static int severity(String level) {
        switch (level) {
            case "DEBUG": return 5;
            case "INFO": case "info": return 9;
            case "WARN": case "warning": return 13;
            case "ERROR": case "error": return 17;
            case "critical": return 21;
            default: throw new AssertionError(level);
        }
    }

    /** Every log record of a file as a key, in the order the file has them. */
    static List<String> logKeys(List<ExportLogsServiceRequest> requests, Map<String, String> environments,
                                boolean events) {
        List<String> keys = new ArrayList<>();
        for (ExportLogsServiceRequest r : requests) {
            for (ResourceLogs rl : r.getResourceLogsList()) {
                Map<String, Object> resource = attributes(rl.getResource().getAttributesList());
                String host = (String) resource.get("host.name");
                if (host != null) {
                    assertThat(resource.get("deployment.environment")).isEqualTo(environments.get(host));
                }
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    for (io.opentelemetry.proto.logs.v1.LogRecord l : sl.getLogRecordsList()) {
                        assertThat(l.getObservedTimeUnixNano()).isEqualTo(l.getTimeUnixNano());
                        Map<String, Object> attributes = attributes(l.getAttributesList());
                        String text = l.getSeverityText();
                        if (events) {
                            text = l.getEventName() + "/" + attributes.remove("melt.event.source") + "/" + text;
                        }
                        keys.add(logKey(l.getTimeUnixNano(), l.getSeverityNumberValue(), text,
                                (String) resource.get("service.name"), host, l.getBody().getStringValue(),
                                l.getTraceId().isEmpty() ? null : hex(l.getTraceId()),
                                l.getSpanId().isEmpty() ? null : hex(l.getSpanId()), attributes));
                    }
                }
            }
        }
        return keys;
    }

    @Test
    void logsEqualTheJsonlLogs() throws IOException {
        List<ExportLogsServiceRequest> requests = parse(dir.resolve("logs.otlp.jsonl"),
                ExportLogsServiceRequest::newBuilder);
        List<String> otlp = logKeys(requests, environments(), false);
        List<String> jsonl;
        try (Stream<LogRecord> logs = data.logs()) {
            jsonl = logs.map(l -> logKey(nanos(l.timestamp()), severity(l.level()), l.level(), l.service(),
                    (String) l.metadata().get("host"), l.message(), l.traceId(), l.spanId(),
                    expected(l.metadata(), l.anomaly(), l.incidentId()))).collect(Collectors.toList());
        }
        assertThat(otlp).hasSize((int) manifest.files().get("logs.jsonl").records());
        assertThat(otlp).containsExactlyInAnyOrderElementsOf(jsonl);
        assertThat(otlp).anyMatch(k -> k.contains("melt.incident_id"));
        assertThat(requests).hasSize((int) manifest.files().get("logs.otlp.jsonl").records());
    }

    @Test
    void eventsAreLogRecordsWithTheirEventName() throws IOException {
        List<ExportLogsServiceRequest> requests = parse(dir.resolve("events.otlp.jsonl"),
                ExportLogsServiceRequest::newBuilder);
        List<String> otlp = logKeys(requests, environments(), true);
        List<String> jsonl;
        try (Stream<EventRecord> events = data.events()) {
            jsonl = events.map(e -> {
                Map<String, Object> metadata = new TreeMap<>(e.metadata());
                String service = (String) metadata.remove("service");
                return logKey(nanos(e.timestamp()), severity(e.severity()), e.eventType() + "/" + e.source() + "/"
                        + e.severity(), service, (String) e.metadata().get("host"), e.message(), null, null,
                        expected(metadata, e.anomaly(), e.incidentId()));
            }).collect(Collectors.toList());
        }
        assertThat(otlp).isNotEmpty().hasSize((int) manifest.files().get("events.jsonl").records());
        assertThat(otlp).containsExactlyInAnyOrderElementsOf(jsonl);
    }

    static String sampleKey(String service, String host, String name, String le, long time, double value,
                            boolean anomaly, String incident) {
        return service + "|" + host + "|" + name + "|" + le + "|" + time + "|" + value + "|" + anomaly + "|"
                + incident;
    }

    @Test
    void metricsEqualTheJsonlSamples() throws IOException {
        List<ExportMetricsServiceRequest> requests = parse(dir.resolve("metrics.otlp.jsonl"),
                ExportMetricsServiceRequest::newBuilder);
        Map<String, String> environments = environments();
        List<String> otlp = new ArrayList<>();
        Map<String, Integer> types = new TreeMap<>();
        long start = nanos(manifest.start());
        int restarted = 0;
        for (ExportMetricsServiceRequest r : requests) {
            for (ResourceMetrics rm : r.getResourceMetricsList()) {
                Map<String, Object> resource = attributes(rm.getResource().getAttributesList());
                String service = (String) resource.get("service.name");
                String host = (String) resource.get("host.name");
                checkResource(resource, service, host, environments);
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    for (Metric m : sm.getMetricsList()) {
                        types.merge(m.getName() + ":" + m.getDataCase(), 1, Integer::sum);
                        switch (m.getDataCase()) {
                            case GAUGE:
                                for (NumberDataPoint p : m.getGauge().getDataPointsList()) {
                                    otlp.add(point(service, host, m.getName(), null, p.getTimeUnixNano(),
                                            p.getAsDouble(), p.getAttributesList()));
                                }
                                break;
                            case SUM:
                                assertThat(m.getSum().getIsMonotonic()).isTrue();
                                assertThat(m.getSum().getAggregationTemporality())
                                        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                                for (NumberDataPoint p : m.getSum().getDataPointsList()) {
                                    assertThat(p.getValueCase()).isEqualTo(NumberDataPoint.ValueCase.AS_INT);
                                    assertThat(p.getStartTimeUnixNano()).isLessThanOrEqualTo(p.getTimeUnixNano())
                                            .isGreaterThanOrEqualTo(start);
                                    restarted += p.getStartTimeUnixNano() > start ? 1 : 0;
                                    otlp.add(point(service, host, m.getName(), null, p.getTimeUnixNano(),
                                            p.getAsInt(), p.getAttributesList()));
                                }
                                break;
                            case HISTOGRAM:
                                assertThat(m.getHistogram().getAggregationTemporality())
                                        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                                for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
                                    assertThat(p.getBucketCountsCount()).isEqualTo(p.getExplicitBoundsCount() + 1);
                                    assertThat(p.getStartTimeUnixNano()).isLessThanOrEqualTo(p.getTimeUnixNano())
                                            .isGreaterThanOrEqualTo(start);
                                    long cumulative = 0;
                                    for (int i = 0; i < p.getBucketCountsCount(); i++) {
                                        cumulative += p.getBucketCounts(i);
                                        String le = i < p.getExplicitBoundsCount()
                                                ? Double.toString(p.getExplicitBounds(i)) : "+Inf";
                                        otlp.add(point(service, host, m.getName() + "_bucket", le,
                                                p.getTimeUnixNano(), cumulative, p.getAttributesList()));
                                    }
                                    assertThat(cumulative).isEqualTo(p.getCount());
                                    otlp.add(point(service, host, m.getName() + "_sum", null, p.getTimeUnixNano(),
                                            p.getSum(), p.getAttributesList()));
                                    otlp.add(point(service, host, m.getName() + "_count", null,
                                            p.getTimeUnixNano(), p.getCount(), p.getAttributesList()));
                                }
                                break;
                            default:
                                throw new AssertionError(m.getName() + " is a " + m.getDataCase());
                        }
                    }
                }
            }
        }
        // A restart (deployments, outages) resets the counters: their points start after it.
        assertThat(restarted).isPositive();
        assertThat(types.keySet()).contains("cpu_usage:GAUGE", "requests_total:SUM", "http_server_duration:HISTOGRAM");
        assertThat(types.keySet()).allMatch(t -> t.endsWith(":GAUGE") || t.equals("requests_total:SUM")
                || t.equals("http_server_duration:HISTOGRAM"));
        List<String> jsonl;
        try (Stream<MetricRecord> metrics = data.metrics()) {
            jsonl = metrics.map(m -> {
                String le = m.labels().get("le");
                return sampleKey(m.labels().get("service"), m.labels().get("host"), m.metricName(),
                        le == null || le.equals("+Inf") ? le : Double.toString(Double.parseDouble(le)),
                        nanos(m.timestamp()), m.value(), m.anomaly(), m.incidentId());
            }).collect(Collectors.toList());
        }
        assertThat(otlp).hasSize((int) manifest.files().get("metrics.jsonl").records());
        assertThat(otlp).containsExactlyInAnyOrderElementsOf(jsonl);
        assertThat(requests).hasSize((int) manifest.files().get("metrics.otlp.jsonl").records());
    }

    private static String point(String service, String host, String name, String le, long time, double value,
                                List<KeyValue> attributes) {
        Map<String, Object> a = attributes(attributes);
        return sampleKey(service, host, name, le, time, value, (Boolean) a.get("melt.anomaly"),
                (String) a.get("melt.incident_id"));
    }

    @Test
    void sameBytesWhateverTheThreadCountAndFormatsAndJsonlUnchanged() throws IOException {
        Manifest one = new MeltGenerator(spec(DatasetFormat.OTLP)).threads(1).generate(temp.resolve("one"));
        for (String f : List.of("traces.otlp.jsonl", "logs.otlp.jsonl", "events.otlp.jsonl", "metrics.otlp.jsonl")) {
            assertThat(Files.readAllBytes(temp.resolve("one").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve(f)));
            Manifest.FileEntry e = manifest.files().get(f);
            assertThat(e.format()).isEqualTo(DatasetFormat.OTLP);
            assertThat(e.bytes()).isEqualTo(Files.size(dir.resolve(f)));
            assertThat(one.files().get(f)).isEqualTo(e);
        }
        assertThat(one.files().keySet()).containsExactlyInAnyOrder("traces.otlp.jsonl", "logs.otlp.jsonl",
                "events.otlp.jsonl", "metrics.otlp.jsonl", "ground_truth.json");
        Manifest jsonl = new MeltGenerator(spec(DatasetFormat.JSONL)).threads(2).generate(temp.resolve("jsonl"));
        for (String f : jsonl.files().keySet()) {
            if (f.endsWith(".jsonl")) {
                assertThat(manifest.files().get(f)).as(f).isEqualTo(jsonl.files().get(f));
            }
        }
        data.verify();
        try (Stream<String> lines = Files.lines(dir.resolve("traces.otlp.jsonl"))) {
            assertThat(lines.mapToInt(String::length).max().getAsInt()).isLessThan(1 << 20);
        }
    }

    /**
     * Telemetry faults change the JSONL files only (docs/faults.md): the OTLP files of a faulted
     * dataset are those of the same spec without faults, byte for byte, while its JSONL differ.
     */
    @Test
    void faultsLeaveTheOtlpFilesAsGenerated() throws IOException {
        Path faulted = temp.resolve("faulted");
        Manifest m = new MeltGenerator(spec(DatasetFormat.JSONL, DatasetFormat.OTLP).toBuilder()
                .faults(java.util.EnumSet.allOf(dev.melt.generator.FaultKind.class)).build()).threads(2).generate(faulted);
        for (String f : List.of("traces.otlp.jsonl", "logs.otlp.jsonl", "events.otlp.jsonl", "metrics.otlp.jsonl")) {
            assertThat(m.files().get(f)).as(f).isEqualTo(manifest.files().get(f));
        }
        assertThat(m.files().get("logs.jsonl").sha256()).isNotEqualTo(manifest.files().get("logs.jsonl").sha256());
        assertThat(m.files().get("metrics.jsonl").sha256())
                .isNotEqualTo(manifest.files().get("metrics.jsonl").sha256());
    }
}
