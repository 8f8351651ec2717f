package dev.melt.generator.internal.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.melt.generator.EventRecord;
import dev.melt.generator.LogRecord;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.Signal;
import dev.melt.generator.SpanRecord;
import dev.melt.generator.internal.encode.JsonBuffer;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the OTLP JSON files of a dataset ({@code traces.otlp.jsonl}, {@code logs.otlp.jsonl},
 * {@code events.otlp.jsonl}, {@code metrics.otlp.jsonl}) in constant memory: each chunk's JSONL
 * lines, final (counters resolved, logs carried), are read back and written as one
 * {@code Export*ServiceRequest} per line, one line per resource (service and host) of the chunk,
 * at most {@value #MAX_PER_LINE} spans or log records a line. Chunks come in chunk order on one
 * thread, so the bytes do not depend on the thread count. See docs/formats.md.
 */
final class OtlpFiles implements Closeable {

    /** Spans or log records per line at most, so a line stays below about a megabyte. */
    static final int MAX_PER_LINE = 1000;
    private static final int SPAN_KIND_SERVER = 2;
    private static final int STATUS_OK = 1;
    private static final int STATUS_ERROR = 2;
    private static final int CUMULATIVE = 2;
    private static final JsonFactory READ = new JsonFactory();
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString STRING_VALUE = new SerializedString("stringValue");
    private static final SerializedString INT_VALUE = new SerializedString("intValue");
    private static final SerializedString TIME = new SerializedString("timeUnixNano");
    private static final SerializedString OBSERVED_TIME = new SerializedString("observedTimeUnixNano");
    private static final String NORMAL = "{\"key\":\"melt.anomaly\",\"value\":{\"boolValue\":false}}";
    private static final String ANOMALY = "{\"key\":\"melt.anomaly\",\"value\":{\"boolValue\":true}}";
    private static final JsonFactory WRITE = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    /** @return the OTLP file of a signal in a dataset, such as {@code traces.otlp.jsonl} */
    static String fileName(Signal signal) {
        return signal.fileName().replace(".jsonl", ".otlp.jsonl");
    }

    private final Map<Signal, Out> files = new EnumMap<>(Signal.class);
    private final Map<String, String> environmentOfHost = new HashMap<>();
    private final Map<String, String> environmentOfService = new HashMap<>();
    private final String scopeVersion;
    private final long startNanos;
    /** Per cumulative series (resource and name): its last value and its start time. */
    private final Map<String, double[]> cumulative = new HashMap<>();

    /**
     * Opens the files.
     *
     * @param staging where to create them
     * @param hosts per host, its service, name and environment
     * @param startMillis the dataset's start, the start time of cumulative metrics
     * @param scopeVersion the generator's version, the instrumentation scope's
     */
    OtlpFiles(Path staging, List<String[]> hosts, long startMillis, String scopeVersion) throws IOException {
        this.scopeVersion = scopeVersion;
        this.startNanos = startMillis * 1_000_000L;
        for (String[] h : hosts) {
            environmentOfHost.put(h[1], h[2]);
            String before = environmentOfService.putIfAbsent(h[0], h[2]);
            if (before != null && !before.equals(h[2])) {
                // A service in several environments: an event of the whole service names none.
                environmentOfService.put(h[0], null);
            }
        }
        try {
            for (Signal s : Signal.values()) {
                files.put(s, new Out(staging.resolve(fileName(s))));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Writes one chunk's lines of a signal; for every signal, chunks in chunk order.
     *
     * @param signal the signal
     * @param lines the chunk's final JSONL lines of it
     * @throws IOException when writing fails
     */
    void append(Signal signal, JsonBuffer lines) throws IOException {
        if (lines.size() == 0) {
            return;
        }
        Out out = files.get(signal);
        switch (signal) {
            case METRICS: metrics(out, read(lines, RecordParser.METRIC)); break;
            case EVENTS: events(out, read(lines, RecordParser.EVENT)); break;
            case LOGS: logs(out, read(lines, RecordParser.LOG)); break;
            case TRACES: spans(out, read(lines, RecordParser.SPAN)); break;
            default: throw new IllegalArgumentException("signal: " + signal);
        }
        out.json.flush();
    }

    private static <T> List<T> read(JsonBuffer lines, RecordParser<T> parser) throws IOException {
        List<T> records = new ArrayList<>();
        try (JsonParser p = READ.createParser(lines.array(), 0, lines.size())) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                records.add(parser.parse(p));
            }
        }
        return records;
    }

    private static <T> Map<String, List<T>> byResource(List<T> records, java.util.function.Function<T, String> key) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T r : records) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static String host(Map<String, ?> fields) {
        Object h = fields.get("host");
        return h == null ? null : h.toString();
    }

    // ---------------------------------------------------------------- traces

    private void spans(Out out, List<SpanRecord> spans) throws IOException {
        for (List<SpanRecord> group : byResource(spans, s -> s.service() + '\n' + host(s.tags())).values()) {
            for (int from = 0; from < group.size(); from += MAX_PER_LINE) {
                List<SpanRecord> slice = group.subList(from, Math.min(group.size(), from + MAX_PER_LINE));
                SpanRecord first = slice.get(0);
                JsonGenerator g = out.json;
                g.writeStartObject();
                g.writeArrayFieldStart("resourceSpans");
                g.writeStartObject();
                resource(g, first.service(), host(first.tags()));
                g.writeArrayFieldStart("scopeSpans");
                g.writeStartObject();
                scope(g);
                g.writeArrayFieldStart("spans");
                for (SpanRecord s : slice) {
                    span(g, s);
                }
                endLine(out, 3);
            }
        }
    }

    private static void span(JsonGenerator g, SpanRecord s) throws IOException {
        g.writeStartObject();
        g.writeStringField("traceId", s.traceId());
        g.writeStringField("spanId", s.spanId());
        if (s.parentSpanId() != null) {
            g.writeStringField("parentSpanId", s.parentSpanId());
        }
        g.writeStringField("name", s.operationName());
        g.writeNumberField("kind", SPAN_KIND_SERVER);
        long start = nanos(s.startTime());
        g.writeStringField("startTimeUnixNano", Long.toString(start));
        g.writeStringField("endTimeUnixNano", Long.toString(start + s.durationMicros() * 1000L));
        g.writeArrayFieldStart("attributes");
        fields(g, s.tags());
        labels(g, s.anomaly(), s.incidentId());
        g.writeEndArray();
        g.writeObjectFieldStart("status");
        g.writeNumberField("code", "error".equals(s.status()) ? STATUS_ERROR : STATUS_OK);
        g.writeEndObject();
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- logs and events

    private void logs(Out out, List<LogRecord> logs) throws IOException {
        for (List<LogRecord> group : byResource(logs, l -> l.service() + '\n' + host(l.metadata())).values()) {
            for (int from = 0; from < group.size(); from += MAX_PER_LINE) {
                List<LogRecord> slice = group.subList(from, Math.min(group.size(), from + MAX_PER_LINE));
                JsonGenerator g = startLogs(out, slice.get(0).service(), host(slice.get(0).metadata()));
                for (LogRecord l : slice) {
                    g.writeStartObject();
                    String time = Long.toString(nanos(l.timestamp()));
                    g.writeFieldName(TIME);
                    g.writeString(time);
                    g.writeFieldName(OBSERVED_TIME);
                    g.writeString(time);
                    g.writeNumberField("severityNumber", severity(l.level()));
                    g.writeStringField("severityText", l.level());
                    body(g, l.message());
                    g.writeArrayFieldStart("attributes");
                    fields(g, l.metadata());
                    labels(g, l.anomaly(), l.incidentId());
                    g.writeEndArray();
                    if (l.traceId() != null) {
                        g.writeStringField("traceId", l.traceId());
                        g.writeStringField("spanId", l.spanId());
                    }
                    g.writeEndObject();
                }
                endLine(out, 3);
            }
        }
    }

    private void events(Out out, List<EventRecord> events) throws IOException {
        for (List<EventRecord> group : byResource(events, e -> e.metadata().get("service") + "\n"
                + host(e.metadata())).values()) {
            for (int from = 0; from < group.size(); from += MAX_PER_LINE) {
                List<EventRecord> slice = group.subList(from, Math.min(group.size(), from + MAX_PER_LINE));
                Object service = slice.get(0).metadata().get("service");
                JsonGenerator g = startLogs(out, service == null ? null : service.toString(),
                        host(slice.get(0).metadata()));
                for (EventRecord e : slice) {
                    g.writeStartObject();
                    String time = Long.toString(nanos(e.timestamp()));
                    g.writeFieldName(TIME);
                    g.writeString(time);
                    g.writeFieldName(OBSERVED_TIME);
                    g.writeString(time);
                    g.writeStringField("eventName", e.eventType());
                    g.writeNumberField("severityNumber", severity(e.severity()));
                    g.writeStringField("severityText", e.severity());
                    body(g, e.message());
                    g.writeArrayFieldStart("attributes");
                    attribute(g, "melt.event.source", e.source());
                    Map<String, Object> metadata = new LinkedHashMap<>(e.metadata());
                    metadata.remove("service");
                    fields(g, metadata);
                    labels(g, e.anomaly(), e.incidentId());
                    g.writeEndArray();
                    g.writeEndObject();
                }
                endLine(out, 3);
            }
        }
    }

    private JsonGenerator startLogs(Out out, String service, String host) throws IOException {
        JsonGenerator g = out.json;
        g.writeStartObject();
        g.writeArrayFieldStart("resourceLogs");
        g.writeStartObject();
        resource(g, service, host);
        g.writeArrayFieldStart("scopeLogs");
        g.writeStartObject();
        scope(g);
        g.writeArrayFieldStart("logRecords");
        return g;
    }

    /**
     * OpenTelemetry's severity number of a melt level or event severity: DEBUG 5, INFO 9, WARN 13,
     * ERROR 17, and for events info 9, warning 13, error 17, critical 21.
     */
    static int severity(String level) {
        switch (level) {
            case "DEBUG": case "debug": return 5;
            case "INFO": case "info": return 9;
            case "WARN": case "warning": return 13;
            case "ERROR": case "error": return 17;
            case "critical": return 21;
            default: return 0;
        }
    }

    private static void body(JsonGenerator g, String message) throws IOException {
        g.writeObjectFieldStart("body");
        g.writeStringField("stringValue", message);
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- metrics

    private void metrics(Out out, List<MetricRecord> samples) throws IOException {
        for (List<MetricRecord> group : byResource(samples, m -> m.labels().get("service") + '\n'
                + m.labels().get("host")).values()) {
            MetricRecord first = group.get(0);
            String resource = first.labels().get("service") + '\n' + first.labels().get("host");
            Map<String, List<MetricRecord>> byName = new LinkedHashMap<>();
            for (MetricRecord m : group) {
                byName.computeIfAbsent(family(m), k -> new ArrayList<>()).add(m);
            }
            JsonGenerator g = out.json;
            g.writeStartObject();
            g.writeArrayFieldStart("resourceMetrics");
            g.writeStartObject();
            resource(g, first.labels().get("service"), first.labels().get("host"));
            g.writeArrayFieldStart("scopeMetrics");
            g.writeStartObject();
            scope(g);
            g.writeArrayFieldStart("metrics");
            for (Map.Entry<String, List<MetricRecord>> e : byName.entrySet()) {
                String name = e.getKey();
                List<MetricRecord> points = e.getValue();
                g.writeStartObject();
                g.writeStringField("name", name);
                if (name.equals(points.get(0).metricName())) {
                    g.writeStringField("unit", unit(points.get(0).labels().get("unit")));
                    if (name.endsWith("_total")) {
                        sum(g, resource + '\n' + name, points);
                    } else {
                        gauge(g, points);
                    }
                } else {
                    g.writeStringField("unit", unit(sumOf(points).labels().get("unit")));
                    histogram(g, resource + '\n' + name, points);
                }
                g.writeEndObject();
            }
            endLine(out, 3);
        }
    }

    /** A sample's metric: its name, or a histogram's for its {@code _bucket}, {@code _sum} and {@code _count}. */
    private static String family(MetricRecord m) {
        String n = m.metricName();
        if (n.endsWith("_bucket") && m.labels().containsKey("le")) {
            return n.substring(0, n.length() - "_bucket".length());
        }
        if (n.equals("http_server_duration_sum") || n.equals("http_server_duration_count")) {
            return n.substring(0, n.lastIndexOf('_'));
        }
        return n;
    }

    private static MetricRecord sumOf(List<MetricRecord> points) {
        for (MetricRecord m : points) {
            if (m.metricName().endsWith("_sum")) {
                return m;
            }
        }
        return points.get(0);
    }

    private static void gauge(JsonGenerator g, List<MetricRecord> points) throws IOException {
        g.writeObjectFieldStart("gauge");
        g.writeArrayFieldStart("dataPoints");
        for (MetricRecord m : points) {
            g.writeStartObject();
            g.writeStringField("timeUnixNano", Long.toString(nanos(m.timestamp())));
            g.writeNumberField("asDouble", m.value());
            pointLabels(g, m);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void sum(JsonGenerator g, String key, List<MetricRecord> points) throws IOException {
        g.writeObjectFieldStart("sum");
        g.writeNumberField("aggregationTemporality", CUMULATIVE);
        g.writeBooleanField("isMonotonic", true);
        g.writeArrayFieldStart("dataPoints");
        for (MetricRecord m : points) {
            long time = nanos(m.timestamp());
            g.writeStartObject();
            g.writeStringField("startTimeUnixNano", Long.toString(start(key, m.value(), time)));
            g.writeStringField("timeUnixNano", Long.toString(time));
            if (m.value() == Math.rint(m.value()) && Math.abs(m.value()) < 0x1p53) {
                g.writeStringField("asInt", Long.toString((long) m.value()));
            } else {
                g.writeNumberField("asDouble", m.value());
            }
            pointLabels(g, m);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void histogram(JsonGenerator g, String key, List<MetricRecord> samples) throws IOException {
        g.writeObjectFieldStart("histogram");
        g.writeNumberField("aggregationTemporality", CUMULATIVE);
        g.writeArrayFieldStart("dataPoints");
        // At each tick: the buckets by increasing le, then _sum, then _count (SCHEMAS.md).
        List<MetricRecord> buckets = new ArrayList<>();
        MetricRecord sum = null;
        for (MetricRecord m : samples) {
            if (m.metricName().endsWith("_bucket")) {
                buckets.add(m);
            } else if (m.metricName().endsWith("_sum")) {
                sum = m;
            } else {
                histogramPoint(g, key, buckets, sum, m);
                buckets.clear();
                sum = null;
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void histogramPoint(JsonGenerator g, String key, List<MetricRecord> buckets, MetricRecord sum,
                                MetricRecord count) throws IOException {
        long time = nanos(count.timestamp());
        g.writeStartObject();
        g.writeStringField("startTimeUnixNano", Long.toString(start(key, count.value(), time)));
        g.writeStringField("timeUnixNano", Long.toString(time));
        g.writeStringField("count", Long.toString((long) count.value()));
        if (sum != null) {
            g.writeNumberField("sum", sum.value());
        }
        // melt's buckets are cumulative counters per le; OTLP wants each bucket's own count.
        g.writeArrayFieldStart("bucketCounts");
        double below = 0;
        for (MetricRecord b : buckets) {
            g.writeString(Long.toString((long) (b.value() - below)));
            below = b.value();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("explicitBounds");
        for (MetricRecord b : buckets) {
            String le = b.labels().get("le");
            if (!le.equals("+Inf")) {
                g.writeNumber(Double.parseDouble(le));
            }
        }
        g.writeEndArray();
        pointLabels(g, count);
        g.writeEndObject();
    }

    /**
     * The start time of a cumulative point: the dataset's start, or after the series went down (a
     * restart reset it) the time of the point before.
     */
    private long start(String key, double value, long time) {
        double[] s = cumulative.get(key);
        if (s == null) {
            s = new double[] {value, startNanos, time};
            cumulative.put(key, s);
        } else {
            if (value < s[0]) {
                s[1] = s[2];
            }
            s[0] = value;
            s[2] = time;
        }
        return (long) s[1];
    }

    private static String unit(String unit) {
        if (unit == null) {
            return "";
        }
        switch (unit) {
            case "percent": return "%";
            case "requests_per_second": return "{request}/s";
            case "count": return "{request}";
            default: return unit;
        }
    }

    private static void pointLabels(JsonGenerator g, MetricRecord m) throws IOException {
        g.writeArrayFieldStart("attributes");
        labels(g, m.anomaly(), m.incidentId());
        g.writeEndArray();
    }

    // ---------------------------------------------------------------- common parts

    private void resource(JsonGenerator g, String service, String host) throws IOException {
        g.writeObjectFieldStart("resource");
        g.writeArrayFieldStart("attributes");
        if (service != null) {
            attribute(g, "service.name", service);
        }
        if (host != null) {
            attribute(g, "host.name", host);
        }
        String environment = host != null ? environmentOfHost.get(host)
                : service == null ? null : environmentOfService.get(service);
        if (environment != null) {
            attribute(g, "deployment.environment", environment);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void scope(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("scope");
        g.writeStringField("name", "melt");
        g.writeStringField("version", scopeVersion);
        g.writeEndObject();
    }

    /** Closes the line's {@code depth} open arrays and their objects, the request last, and ends the line. */
    private static void endLine(Out out, int depth) throws IOException {
        JsonGenerator g = out.json;
        for (int i = 0; i < depth; i++) {
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeRaw('\n');
        out.lines++;
    }

    /**
     * Writes a record's tags or metadata as attributes, but {@code host} (a resource attribute),
     * with OpenTelemetry's semantic-convention names where melt's differ.
     */
    private static void fields(JsonGenerator g, Map<String, Object> fields) throws IOException {
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            String name = f.getKey();
            if (name.equals("host")) {
                continue;
            }
            attribute(g, semanticName(name), f.getValue());
        }
    }

    /** The semantic-convention name of a melt tag or metadata field, or the name itself. */
    static String semanticName(String name) {
        switch (name) {
            case "http.status_code": return "http.response.status_code";
            case "error.code": case "error_code": return "error.type";
            default: return name;
        }
    }

    private static void labels(JsonGenerator g, boolean anomaly, String incidentId) throws IOException {
        // Written on every record: one copy of its bytes.
        g.writeRawValue(anomaly ? ANOMALY : NORMAL);
        if (incidentId != null) {
            attribute(g, "melt.incident_id", incidentId);
        }
    }

    private static void attribute(JsonGenerator g, String key, Object value) throws IOException {
        g.writeStartObject();
        g.writeFieldName(KEY);
        g.writeString(key);
        g.writeFieldName(VALUE);
        g.writeStartObject();
        if (value instanceof String) {
            g.writeFieldName(STRING_VALUE);
            g.writeString((String) value);
        } else if (value instanceof Boolean) {
            g.writeBooleanField("boolValue", (Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            g.writeFieldName(INT_VALUE);
            g.writeString(value.toString());
        } else if (value instanceof Number) {
            g.writeNumberField("doubleValue", ((Number) value).doubleValue());
        } else {
            g.writeStringField("stringValue", String.valueOf(value));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * Finishes the files.
     *
     * @return per signal {@code [lines, bytes]}
     * @throws IOException when the last bytes cannot be written
     */
    Map<Signal, long[]> finish() throws IOException {
        Map<Signal, long[]> result = new EnumMap<>(Signal.class);
        for (Map.Entry<Signal, Out> e : files.entrySet()) {
            Out out = e.getValue();
            out.json.close();
            out.stream.close();
            result.put(e.getKey(), new long[] {out.lines, out.counted.bytes});
        }
        return result;
    }

    /** @return the SHA-256 of a finished file */
    byte[] digest(Signal signal) {
        return files.get(signal).digest.digest();
    }

    @Override
    public void close() throws IOException {
        for (Out out : files.values()) {
            try {
                out.json.close();
                out.stream.close();
            } catch (IOException ignored) {
                // The writer deletes the files.
            }
        }
    }

    /** One file: a generator over a buffer over a byte count over a digest over the channel. */
    private static final class Out {
        final MessageDigest digest = DatasetWriter.sha256();
        final Counting counted;
        final OutputStream stream;
        final JsonGenerator json;
        long lines;

        Out(Path path) throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.counted = new Counting(new DigestOutputStream(Channels.newOutputStream(channel), digest));
            this.stream = new BufferedOutputStream(counted, 256 * 1024);
            this.json = WRITE.createGenerator(stream, JsonEncoding.UTF8);
            this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }
    }

    private static final class Counting extends FilterOutputStream {
        long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }

    /** Deletes the files, for an abort. */
    static void delete(Path staging) {
        for (Signal s : Signal.values()) {
            try {
                Files.deleteIfExists(staging.resolve(fileName(s)));
            } catch (IOException ignored) {
                // Best effort.
            }
        }
    }
}
