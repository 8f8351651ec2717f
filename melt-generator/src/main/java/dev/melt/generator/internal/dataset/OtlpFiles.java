package dev.melt.generator.internal.dataset;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.encode.JsonBuffer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the OTLP JSON files of a dataset ({@code traces.otlp.jsonl}, {@code logs.otlp.jsonl},
 * {@code events.otlp.jsonl}, {@code metrics.otlp.jsonl}) in constant memory: each chunk's JSONL
 * lines, final (counters resolved, logs carried) and before any telemetry fault, are transcoded
 * into one {@code Export*ServiceRequest} per line, one line per resource (service and host) of the
 * chunk, at most {@value #MAX_PER_LINE} spans or log records a line. Chunks come in chunk order on
 * one thread, so the bytes do not depend on the thread count. See docs/formats.md.
 *
 * <p>The transcoding works on the JSONL bytes ({@link JsonlRecord}): strings are copied with
 * their escapes, numbers re-read only where OTLP writes them differently. Doubles are written as
 * {@link Double#toString(double)} writes them, as protobuf's {@code JsonFormat} reads them.
 */
final class OtlpFiles implements Closeable {

    /** Spans or log records per line at most, so a line stays below about a megabyte. */
    static final int MAX_PER_LINE = 1000;
    private static final int SLICE = 256 * 1024;

    private static final JsonlRecord.Key K_TIMESTAMP = new JsonlRecord.Key("timestamp");
    private static final JsonlRecord.Key K_LEVEL = new JsonlRecord.Key("level");
    private static final JsonlRecord.Key K_SERVICE = new JsonlRecord.Key("service");
    private static final JsonlRecord.Key K_MESSAGE = new JsonlRecord.Key("message");
    private static final JsonlRecord.Key K_TRACE_ID = new JsonlRecord.Key("trace_id");
    private static final JsonlRecord.Key K_SPAN_ID = new JsonlRecord.Key("span_id");
    private static final JsonlRecord.Key K_PARENT_SPAN_ID = new JsonlRecord.Key("parent_span_id");
    private static final JsonlRecord.Key K_METADATA = new JsonlRecord.Key("metadata");
    private static final JsonlRecord.Key K_TAGS = new JsonlRecord.Key("tags");
    private static final JsonlRecord.Key K_LABELS = new JsonlRecord.Key("labels");
    private static final JsonlRecord.Key K_HOST = new JsonlRecord.Key("host");
    private static final JsonlRecord.Key K_ANOMALY = new JsonlRecord.Key("anomaly");
    private static final JsonlRecord.Key K_INCIDENT_ID = new JsonlRecord.Key("incident_id");
    private static final JsonlRecord.Key K_OPERATION = new JsonlRecord.Key("operation_name");
    private static final JsonlRecord.Key K_START_TIME = new JsonlRecord.Key("start_time");
    private static final JsonlRecord.Key K_DURATION = new JsonlRecord.Key("duration");
    private static final JsonlRecord.Key K_STATUS = new JsonlRecord.Key("status");
    private static final JsonlRecord.Key K_EVENT_TYPE = new JsonlRecord.Key("event_type");
    private static final JsonlRecord.Key K_SEVERITY = new JsonlRecord.Key("severity");
    private static final JsonlRecord.Key K_SOURCE = new JsonlRecord.Key("source");
    private static final JsonlRecord.Key K_METRIC_NAME = new JsonlRecord.Key("metric_name");
    private static final JsonlRecord.Key K_VALUE = new JsonlRecord.Key("value");
    private static final JsonlRecord.Key K_UNIT = new JsonlRecord.Key("unit");
    private static final JsonlRecord.Key K_LE = new JsonlRecord.Key("le");
    private static final byte[] V_ERROR = ascii("error");
    private static final byte[] V_INF = ascii("+Inf");
    private static final byte[] BUCKET = ascii("_bucket");
    private static final byte[] TOTAL = ascii("_total");
    private static final byte[] SUM = ascii("_sum");
    private static final byte[] DURATION_SUM = ascii("http_server_duration_sum");
    private static final byte[] DURATION_COUNT = ascii("http_server_duration_count");
    private static final JsonlRecord.Key HTTP_STATUS = new JsonlRecord.Key("http.status_code");
    private static final JsonlRecord.Key ERROR_CODE_DOT = new JsonlRecord.Key("error.code");
    private static final JsonlRecord.Key ERROR_CODE = new JsonlRecord.Key("error_code");

    private static final byte[] NORMAL = ascii("{\"key\":\"melt.anomaly\",\"value\":{\"boolValue\":false}}");
    private static final byte[] ANOMALY = ascii("{\"key\":\"melt.anomaly\",\"value\":{\"boolValue\":true}}");
    private static final byte[] INCIDENT_KEY = ascii(",{\"key\":\"melt.incident_id\",\"value\":{\"stringValue\":");
    private static final byte[] KEY = ascii("{\"key\":\"");
    private static final byte[] STRING_VALUE = ascii("\",\"value\":{\"stringValue\":");
    private static final byte[] INT_VALUE = ascii("\",\"value\":{\"intValue\":\"");
    private static final byte[] DOUBLE_VALUE = ascii("\",\"value\":{\"doubleValue\":");
    private static final byte[] TRUE_VALUE = ascii("\",\"value\":{\"boolValue\":true}}");
    private static final byte[] FALSE_VALUE = ascii("\",\"value\":{\"boolValue\":false}}");
    private static final byte[] NULL_VALUE = ascii("\",\"value\":{\"stringValue\":\"null\"}}");
    private static final byte[] END_LINE = ascii("]}]}]}\n");
    private static final byte[] TIME = ascii("{\"timeUnixNano\":\"");
    private static final byte[] OBSERVED = ascii("\",\"observedTimeUnixNano\":\"");
    private static final byte[] EVENT_NAME = ascii("\",\"eventName\":");
    private static final byte[] SEVERITY_NUMBER_AFTER_TIME = ascii("\",\"severityNumber\":");
    private static final byte[] SEVERITY_NUMBER = ascii(",\"severityNumber\":");
    private static final byte[] SEVERITY_TEXT = ascii(",\"severityText\":");
    private static final byte[] BODY = ascii(",\"body\":{\"stringValue\":");
    private static final byte[] ATTRIBUTES = ascii("},\"attributes\":[");
    private static final byte[] SOURCE = ascii("{\"key\":\"melt.event.source\",\"value\":{\"stringValue\":");
    private static final byte[] TRACE_ID = ascii(",\"traceId\":");
    private static final byte[] SPAN_ID = ascii(",\"spanId\":");
    private static final byte[] SPAN_TRACE_ID = ascii("{\"traceId\":");
    private static final byte[] PARENT_SPAN_ID = ascii(",\"parentSpanId\":");
    private static final byte[] NAME = ascii(",\"name\":");
    private static final byte[] SPAN_TIMES = ascii(",\"kind\":2,\"startTimeUnixNano\":\"");
    private static final byte[] END_TIME = ascii("\",\"endTimeUnixNano\":\"");
    private static final byte[] SPAN_ATTRIBUTES = ascii("\",\"attributes\":[");
    private static final byte[] STATUS_OK = ascii("],\"status\":{\"code\":1}}");
    private static final byte[] STATUS_ERROR = ascii("],\"status\":{\"code\":2}}");
    private static final byte[] POINT_ATTRIBUTES = ascii(",\"attributes\":[");
    private static final byte[] AS_DOUBLE = ascii("\",\"asDouble\":");
    private static final byte[] START_TIME = ascii("{\"startTimeUnixNano\":\"");
    private static final byte[] POINT_TIME = ascii("\",\"timeUnixNano\":\"");
    private static final byte[] AS_INT = ascii("\",\"asInt\":\"");
    private static final byte[] COUNT = ascii("\",\"count\":\"");
    private static final byte[] HISTOGRAM_SUM = ascii(",\"sum\":");
    private static final byte[] BUCKET_COUNTS = ascii(",\"bucketCounts\":[");
    private static final byte[] EXPLICIT_BOUNDS = ascii("],\"explicitBounds\":[");

    /** @return the OTLP file of a signal in a dataset, such as {@code traces.otlp.jsonl} */
    static String fileName(Signal signal) {
        return signal.fileName().replace(".jsonl", ".otlp.jsonl");
    }

    private final Map<Signal, Out> files = new EnumMap<>(Signal.class);
    private final Map<String, String> environmentOfHost = new HashMap<>();
    private final Map<String, String> environmentOfService = new HashMap<>();
    private final byte[] scope;
    private final long startNanos;
    private final JsonlRecord r = new JsonlRecord();
    /** Every resource met so far, found by its service and host bytes. */
    private final List<Resource> resources = new ArrayList<>();
    /** The resources of the chunk being transcoded, in order of their first record. */
    private final List<Resource> inChunk = new ArrayList<>();

    /**
     * Opens the files.
     *
     * @param staging where to create them
     * @param hosts per host, its service, name and environment
     * @param startMillis the dataset's start, the start time of cumulative metrics
     * @param scopeVersion the generator's version, the instrumentation scope's
     */
    OtlpFiles(Path staging, List<String[]> hosts, long startMillis, String scopeVersion) throws IOException {
        JsonBuffer s = new JsonBuffer(64);
        s.raw(ascii("\"scope\":{\"name\":\"melt\",\"version\":")).string(scopeVersion).raw('}');
        this.scope = s.toByteArray();
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
            for (Signal sig : Signal.values()) {
                files.put(sig, new Out(staging.resolve(fileName(sig))));
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
        append(signal, lines, true);
    }

    /**
     * Transcodes one chunk's metric lines for the state they leave (each cumulative series' start
     * time) and drops the result: a shard replays the chunks before its own this way.
     *
     * @param lines the chunk's final JSONL metric lines
     * @throws IOException never in practice; as {@link #append}
     */
    void replayMetrics(JsonBuffer lines) throws IOException {
        append(Signal.METRICS, lines, false);
    }

    private void append(Signal signal, JsonBuffer lines, boolean write) throws IOException {
        if (lines.size() == 0) {
            return;
        }
        Out out = files.get(signal);
        long linesBefore = out.lines;
        r.reset(lines.array(), 0, lines.size());
        switch (signal) {
            case METRICS:
                while (r.next()) {
                    metric();
                }
                break;
            case EVENTS:
                while (r.next()) {
                    event();
                }
                break;
            case LOGS:
                while (r.next()) {
                    log();
                }
                break;
            case TRACES:
                while (r.next()) {
                    span();
                }
                break;
            default:
                throw new IllegalArgumentException("signal: " + signal);
        }
        JsonBuffer o = out.buffer;
        for (Resource res : inChunk) {
            if (signal == Signal.METRICS) {
                out.lines += res.endMetrics(o);
            } else {
                out.lines += res.endRecords(o);
            }
        }
        inChunk.clear();
        if (!write) {
            // Replayed: the lines counted above are not written.
            out.lines = linesBefore;
            o.reset();
            return;
        }
        DatasetWriter.hashAndWrite(out.digest, out.channel, o.array(), o.size(), SLICE);
        out.bytes += o.size();
        o.reset();
    }

    // ---------------------------------------------------------------- traces

    private void span() {
        int tags = r.field(K_TAGS);
        int service = r.field(K_SERVICE);
        JsonBuffer b = open(Signal.TRACES, service, r.member(tags, K_HOST));
        b.raw(SPAN_TRACE_ID);
        copy(b, r.field(K_TRACE_ID));
        b.raw(SPAN_ID);
        copy(b, r.field(K_SPAN_ID));
        int parent = r.field(K_PARENT_SPAN_ID);
        if (r.present(parent)) {
            b.raw(PARENT_SPAN_ID);
            copy(b, parent);
        }
        b.raw(NAME);
        copy(b, r.field(K_OPERATION));
        long start = r.epochNanos(r.field(K_START_TIME));
        b.raw(SPAN_TIMES).number(start).raw(END_TIME);
        b.number(start + (long) r.number(r.field(K_DURATION)) * 1000L);
        b.raw(SPAN_ATTRIBUTES);
        boolean any = fields(b, tags, -1, false);
        labels(b, any);
        b.raw(r.stringIs(r.field(K_STATUS), V_ERROR) ? STATUS_ERROR : STATUS_OK);
    }

    // ---------------------------------------------------------------- logs and events

    private void log() {
        int metadata = r.field(K_METADATA);
        JsonBuffer b = open(Signal.LOGS, r.field(K_SERVICE), r.member(metadata, K_HOST));
        long time = r.epochNanos(r.field(K_TIMESTAMP));
        b.raw(TIME).number(time).raw(OBSERVED).number(time).raw(SEVERITY_NUMBER_AFTER_TIME);
        int level = r.field(K_LEVEL);
        b.number(severity(level));
        b.raw(SEVERITY_TEXT);
        copy(b, level);
        b.raw(BODY);
        copy(b, r.field(K_MESSAGE));
        b.raw(ATTRIBUTES);
        boolean any = fields(b, metadata, -1, false);
        labels(b, any);
        b.raw(']');
        int trace = r.field(K_TRACE_ID);
        if (r.present(trace)) {
            b.raw(TRACE_ID);
            copy(b, trace);
            b.raw(SPAN_ID);
            copy(b, r.field(K_SPAN_ID));
        }
        b.raw('}');
    }

    private void event() {
        int metadata = r.field(K_METADATA);
        int service = r.member(metadata, K_SERVICE);
        JsonBuffer b = open(Signal.EVENTS, service, r.member(metadata, K_HOST));
        long time = r.epochNanos(r.field(K_TIMESTAMP));
        b.raw(TIME).number(time).raw(OBSERVED).number(time).raw(EVENT_NAME);
        copy(b, r.field(K_EVENT_TYPE));
        b.raw(SEVERITY_NUMBER);
        int severity = r.field(K_SEVERITY);
        b.number(severity(severity));
        b.raw(SEVERITY_TEXT);
        copy(b, severity);
        b.raw(BODY);
        copy(b, r.field(K_MESSAGE));
        b.raw(ATTRIBUTES);
        b.raw(SOURCE);
        copy(b, r.field(K_SOURCE));
        b.raw('}').raw('}');
        fields(b, metadata, service, true);
        labels(b, true);
        b.raw(']').raw('}');
    }

    /**
     * OpenTelemetry's severity number of a melt level or event severity: DEBUG 5, INFO 9, WARN 13,
     * ERROR 17, and for events info 9, warning 13, error 17, critical 21.
     */
    private int severity(int field) {
        for (int k = 0; k < SEVERITY_NAMES.length; k++) {
            if (r.stringIs(field, SEVERITY_NAMES[k])) {
                return SEVERITY_NUMBERS[k];
            }
        }
        return 0;
    }

    private static final byte[][] SEVERITY_NAMES = {ascii("INFO"), ascii("WARN"), ascii("ERROR"), ascii("DEBUG"),
        ascii("info"), ascii("warning"), ascii("error"), ascii("debug"), ascii("critical")};
    private static final int[] SEVERITY_NUMBERS = {9, 13, 17, 5, 9, 13, 17, 5, 21};

    // ---------------------------------------------------------------- metrics

    private void metric() {
        int labels = r.field(K_LABELS);
        int nameField = r.field(K_METRIC_NAME);
        Resource res = resource(r.member(labels, K_SERVICE), r.member(labels, K_HOST));
        int le = r.member(labels, K_LE);
        // A sample's metric: its name, or a histogram's for its _bucket, _sum and _count.
        int from = r.valueStart[nameField] + 1;
        int to = r.valueEnd[nameField] - 1;
        boolean histogram = false;
        if (le >= 0 && endsWith(from, to, BUCKET)) {
            to -= BUCKET.length;
            histogram = true;
        } else if (equals(from, to, DURATION_SUM) || equals(from, to, DURATION_COUNT)) {
            while (r.bytes[to - 1] != '_') {
                to--;
            }
            to--;
            histogram = true;
        }
        Family f = res.family(r.bytes, from, to, histogram);
        int unit = r.member(labels, K_UNIT);
        int value = r.field(K_VALUE);
        long time = r.epochNanos(r.field(K_TIMESTAMP));
        if (f.kind == Family.GAUGE) {
            f.unitOnce(r, unit);
            JsonBuffer p = f.point();
            p.raw(TIME).number(time).raw(AS_DOUBLE);
            decimal(p, value);
            pointLabels(p);
        } else if (f.kind == Family.SUM) {
            f.unitOnce(r, unit);
            double v = r.number(value);
            JsonBuffer p = f.point();
            p.raw(START_TIME).number(f.start(v, time, startNanos)).raw(POINT_TIME).number(time);
            if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
                p.raw(AS_INT).number((long) v).raw('"');
            } else {
                p.raw(AS_DOUBLE).raw(ascii(Double.toString(v)));
            }
            pointLabels(p);
        } else {
            histogramSample(f, labels, le, unit, value, time);
        }
    }

    private void histogramSample(Family f, int labels, int le, int unit, int value, long time) {
        int nameField = r.field(K_METRIC_NAME);
        int from = r.valueStart[nameField] + 1;
        int to = r.valueEnd[nameField] - 1;
        if (le >= 0 && endsWith(from, to, BUCKET)) {
            f.unitFallback(r, unit);
            f.bucket(r, le, r.number(value));
        } else if (endsWith(from, to, SUM)) {
            f.unitOfSum(r, unit);
            f.sum = r.number(value);
            f.hasSum = true;
        } else {
            f.unitFallback(r, unit);
            double count = r.number(value);
            JsonBuffer p = f.point();
            p.raw(START_TIME).number(f.start(count, time, startNanos)).raw(POINT_TIME).number(time);
            p.raw(COUNT).number((long) count).raw('"');
            if (f.hasSum) {
                p.raw(HISTOGRAM_SUM).raw(ascii(Double.toString(f.sum)));
            }
            p.raw(BUCKET_COUNTS);
            // melt's buckets are cumulative counters per le; OTLP wants each bucket's own count.
            double below = 0;
            for (int k = 0; k < f.buckets; k++) {
                if (k > 0) {
                    p.raw(',');
                }
                p.raw('"').number((long) (f.bucketValues[k] - below)).raw('"');
                below = f.bucketValues[k];
            }
            p.raw(EXPLICIT_BOUNDS);
            p.raw(f.bounds(), 0, f.boundsLength);
            p.raw(']');
            pointLabels(p);
            f.buckets = 0;
            f.hasSum = false;
            f.boundsKey.reset();
        }
    }

    /** Writes a number field as protobuf's JSON writes a double: {@link Double#toString(double)}. */
    private void decimal(JsonBuffer b, int field) {
        int from = r.valueStart[field];
        int length = r.valueEnd[field] - from;
        if (length <= 7 && r.isWhole(field)) {
            // A whole number of at most seven characters is below 10^7: Double.toString writes "12.0".
            b.raw(r.bytes, from, length).raw('.').raw('0');
        } else {
            b.raw(ascii(Double.toString(r.number(field))));
        }
    }

    private void pointLabels(JsonBuffer p) {
        p.raw(POINT_ATTRIBUTES);
        labels(p, false);
        p.raw(']').raw('}');
    }

    // ---------------------------------------------------------------- common parts

    /** Writes the labels of the current record as attributes, after a comma when {@code comma}. */
    private void labels(JsonBuffer b, boolean comma) {
        if (comma) {
            b.raw(',');
        }
        b.raw(r.field(K_ANOMALY) >= 0 && r.kind[r.field(K_ANOMALY)] == JsonlRecord.TRUE ? ANOMALY : NORMAL);
        int incident = r.field(K_INCIDENT_ID);
        if (r.present(incident)) {
            b.raw(INCIDENT_KEY);
            copy(b, incident);
            b.raw('}').raw('}');
        }
    }

    /**
     * Writes the members of an object field as attributes, but {@code host} (a resource attribute)
     * and member {@code skip}, with OpenTelemetry's semantic-convention names where melt's differ,
     * each after a comma when {@code leadingComma}, else between them.
     *
     * @return whether it wrote any
     */
    private boolean fields(JsonBuffer b, int object, int skip, boolean leadingComma) {
        if (object < 0 || r.membersFrom[object] < 0) {
            return false;
        }
        boolean any = false;
        for (int i = r.membersFrom[object]; i < r.membersTo[object]; i++) {
            if (i == skip || r.is(i, K_HOST)) {
                continue;
            }
            if (any || leadingComma) {
                b.raw(',');
            }
            any = true;
            b.raw(KEY);
            if (r.is(i, HTTP_STATUS)) {
                b.raw(ascii("http.response.status_code"));
            } else if (r.is(i, ERROR_CODE_DOT) || r.is(i, ERROR_CODE)) {
                b.raw(ascii("error.type"));
            } else {
                b.raw(r.bytes, r.keyStart[i], r.keyEnd[i] - r.keyStart[i]);
            }
            switch (r.kind[i]) {
                case JsonlRecord.STRING:
                    b.raw(STRING_VALUE);
                    copy(b, i);
                    b.raw('}').raw('}');
                    break;
                case JsonlRecord.TRUE:
                    b.raw(TRUE_VALUE);
                    break;
                case JsonlRecord.FALSE:
                    b.raw(FALSE_VALUE);
                    break;
                case JsonlRecord.NULL:
                    b.raw(NULL_VALUE);
                    break;
                default:
                    if (r.isWhole(i)) {
                        b.raw(INT_VALUE);
                        copy(b, i);
                        b.raw('"').raw('}').raw('}');
                    } else {
                        b.raw(DOUBLE_VALUE).raw(ascii(Double.toString(r.number(i)))).raw('}').raw('}');
                    }
            }
        }
        return any;
    }

    private void copy(JsonBuffer b, int field) {
        if (field < 0) {
            b.nullValue();
            return;
        }
        b.raw(r.bytes, r.valueStart[field], r.valueEnd[field] - r.valueStart[field]);
    }

    private boolean endsWith(int from, int to, byte[] suffix) {
        if (to - from < suffix.length) {
            return false;
        }
        for (int k = 0; k < suffix.length; k++) {
            if (r.bytes[to - suffix.length + k] != suffix[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean equals(int from, int to, byte[] text) {
        return to - from == text.length && endsWith(from, to, text);
    }

    /** The buffer of the current record's resource, with the record's separator or line start written. */
    private JsonBuffer open(Signal signal, int service, int host) {
        Resource res = resource(service, host);
        return res.nextRecord(signal);
    }

    private Resource resource(int service, int host) {
        byte[] b = r.bytes;
        int sFrom = r.present(service) ? r.valueStart[service] : -1;
        int sTo = sFrom < 0 ? -1 : r.valueEnd[service];
        int hFrom = r.present(host) ? r.valueStart[host] : -1;
        int hTo = hFrom < 0 ? -1 : r.valueEnd[host];
        Resource found = null;
        for (int i = 0, n = resources.size(); i < n; i++) {
            Resource res = resources.get(i);
            if (res.matches(b, sFrom, sTo, hFrom, hTo)) {
                found = res;
                break;
            }
        }
        if (found == null) {
            String serviceName = sFrom < 0 ? null : r.text(service);
            String hostName = hFrom < 0 ? null : r.text(host);
            found = new Resource(slice(b, sFrom, sTo), slice(b, hFrom, hTo), header(serviceName, hostName));
            resources.add(found);
        }
        if (!found.inChunk) {
            found.inChunk = true;
            inChunk.add(found);
        }
        return found;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return from < 0 ? null : java.util.Arrays.copyOfRange(b, from, to);
    }

    /** {@code {"resource":{"attributes":[...]}}: a resource's part of every line. */
    private byte[] header(String service, String host) {
        JsonBuffer h = new JsonBuffer(256);
        h.raw(ascii("{\"resource\":{\"attributes\":["));
        boolean any = false;
        String environment = host != null ? environmentOfHost.get(host)
                : service == null ? null : environmentOfService.get(service);
        String[][] attributes = {{"service.name", service}, {"host.name", host}, {"deployment.environment", environment}};
        for (String[] a : attributes) {
            if (a[1] == null) {
                continue;
            }
            if (any) {
                h.raw(',');
            }
            any = true;
            h.raw(KEY).raw(ascii(a[0])).raw(STRING_VALUE).string(a[1]).raw('}').raw('}');
        }
        h.raw(']').raw('}');
        return h.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
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
            out.channel.close();
            result.put(e.getKey(), new long[] {out.lines, out.bytes});
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
                out.channel.close();
            } catch (IOException ignored) {
                // The writer deletes the files.
            }
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

    /** One file: its channel, its digest, what was written. */
    private static final class Out {
        final MessageDigest digest = DatasetWriter.sha256();
        final FileChannel channel;
        final JsonBuffer buffer = new JsonBuffer(256 * 1024);
        long lines;
        long bytes;

        Out(Path path) throws IOException {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** A resource (service and host): its header, and its records or metrics in the chunk. */
    private final class Resource {
        final byte[] service;
        final byte[] host;
        final byte[] header;
        final JsonBuffer body = new JsonBuffer(16 * 1024);
        /** Records in the open line of {@link #body}, 0 when none is open. */
        int inLine;
        /** Lines started in {@link #body}. */
        int lines;
        boolean inChunk;
        /** Metric families in order of first appearance in the chunk (and so in the line). */
        final List<Family> families = new ArrayList<>();
        final List<Family> chunkFamilies = new ArrayList<>();

        Resource(byte[] service, byte[] host, byte[] header) {
            this.service = service;
            this.host = host;
            this.header = header;
        }

        boolean matches(byte[] b, int sFrom, int sTo, int hFrom, int hTo) {
            return same(service, b, sFrom, sTo) && same(host, b, hFrom, hTo);
        }

        private static boolean same(byte[] mine, byte[] b, int from, int to) {
            if (mine == null || from < 0) {
                return mine == null && from < 0;
            }
            if (mine.length != to - from) {
                return false;
            }
            for (int k = 0; k < mine.length; k++) {
                if (mine[k] != b[from + k]) {
                    return false;
                }
            }
            return true;
        }

        JsonBuffer nextRecord(Signal signal) {
            if (inLine == MAX_PER_LINE) {
                body.raw(END_LINE);
                inLine = 0;
            }
            if (inLine == 0) {
                boolean spans = signal == Signal.TRACES;
                body.raw(spans ? RESOURCE_SPANS : RESOURCE_LOGS).raw(header);
                body.raw(spans ? SCOPE_SPANS : SCOPE_LOGS).raw(scope).raw(spans ? SPANS : LOG_RECORDS);
                lines++;
            } else {
                body.raw(',');
            }
            inLine++;
            return body;
        }

        /** Closes the chunk's open line and moves the lines out; @return how many */
        int endRecords(JsonBuffer out) {
            if (inLine > 0) {
                body.raw(END_LINE);
            }
            out.raw(body.array(), 0, body.size());
            int written = lines;
            body.reset();
            inLine = 0;
            lines = 0;
            inChunk = false;
            return written;
        }

        Family family(byte[] b, int from, int to, boolean histogram) {
            Family found = null;
            for (int i = 0, n = families.size(); i < n; i++) {
                Family f = families.get(i);
                if (f.name.length == to - from && Resource.same(f.name, b, from, to)) {
                    found = f;
                    break;
                }
            }
            if (found == null) {
                byte[] name = java.util.Arrays.copyOfRange(b, from, to);
                int kind = histogram ? Family.HISTOGRAM : endsWithTotal(name) ? Family.SUM : Family.GAUGE;
                found = new Family(name, kind);
                families.add(found);
            }
            if (!found.inChunk) {
                found.inChunk = true;
                chunkFamilies.add(found);
            }
            return found;
        }

        private static boolean endsWithTotal(byte[] name) {
            if (name.length < TOTAL.length) {
                return false;
            }
            for (int k = 0; k < TOTAL.length; k++) {
                if (name[name.length - TOTAL.length + k] != TOTAL[k]) {
                    return false;
                }
            }
            return true;
        }

        /** Writes the chunk's one metrics line of this resource; @return 1 */
        int endMetrics(JsonBuffer out) {
            out.raw(RESOURCE_METRICS).raw(header).raw(SCOPE_METRICS).raw(scope).raw(METRICS);
            for (int i = 0; i < chunkFamilies.size(); i++) {
                Family f = chunkFamilies.get(i);
                if (i > 0) {
                    out.raw(',');
                }
                f.write(out);
            }
            out.raw(END_LINE);
            chunkFamilies.clear();
            inChunk = false;
            return 1;
        }
    }

    private static final byte[] RESOURCE_SPANS = ascii("{\"resourceSpans\":[");
    private static final byte[] RESOURCE_LOGS = ascii("{\"resourceLogs\":[");
    private static final byte[] RESOURCE_METRICS = ascii("{\"resourceMetrics\":[");
    private static final byte[] SCOPE_SPANS = ascii(",\"scopeSpans\":[{");
    private static final byte[] SCOPE_LOGS = ascii(",\"scopeLogs\":[{");
    private static final byte[] SCOPE_METRICS = ascii(",\"scopeMetrics\":[{");
    private static final byte[] SPANS = ascii(",\"spans\":[");
    private static final byte[] LOG_RECORDS = ascii(",\"logRecords\":[");
    private static final byte[] METRICS = ascii(",\"metrics\":[");

    /** One metric of a resource: a gauge, a cumulative sum or a histogram, and its points in the chunk. */
    private static final class Family {
        static final int GAUGE = 0;
        static final int SUM = 1;
        static final int HISTOGRAM = 2;
        private static final byte[] NAME_OPEN = ascii("{\"name\":\"");
        private static final byte[] UNIT = ascii("\",\"unit\":\"");
        private static final byte[] GAUGE_OPEN = ascii("\",\"gauge\":{\"dataPoints\":[");
        private static final byte[] SUM_OPEN = ascii(
                "\",\"sum\":{\"aggregationTemporality\":2,\"isMonotonic\":true,\"dataPoints\":[");
        private static final byte[] HISTOGRAM_OPEN = ascii(
                "\",\"histogram\":{\"aggregationTemporality\":2,\"dataPoints\":[");

        final byte[] name;
        final int kind;
        boolean inChunk;
        final JsonBuffer points = new JsonBuffer(4096);
        /** The unit of the first point (of the first {@code _sum} for a histogram), in OTLP's spelling. */
        byte[] unit;
        boolean unitFromSum;
        /** Cumulative series: the last value, the start time, the time of the last point. */
        double last;
        long seriesStart = Long.MIN_VALUE;
        long lastTime;
        // A histogram's samples of the current tick.
        double[] bucketValues = new double[32];
        int buckets;
        double sum;
        boolean hasSum;
        final JsonBuffer boundsKey = new JsonBuffer(256);
        private final JsonBuffer lastBoundsKey = new JsonBuffer(256);
        private final JsonBuffer boundsText = new JsonBuffer(256);
        int boundsLength;
        private boolean boundsValid;

        Family(byte[] name, int kind) {
            this.name = name;
            this.kind = kind;
        }

        JsonBuffer point() {
            if (points.size() > 0) {
                points.raw(',');
            }
            return points;
        }

        /**
         * The start time of a cumulative point: the dataset's start, or after the series went down
         * (a restart reset it) the time of the point before.
         */
        long start(double value, long time, long datasetStart) {
            if (seriesStart == Long.MIN_VALUE) {
                seriesStart = datasetStart;
            } else if (value < last) {
                seriesStart = lastTime;
            }
            last = value;
            lastTime = time;
            return seriesStart;
        }

        void unitOnce(JsonlRecord r, int unitField) {
            if (points.size() == 0 && unit == null) {
                unit = otlpUnit(r, unitField);
            }
        }

        void unitFallback(JsonlRecord r, int unitField) {
            if (unit == null) {
                unit = otlpUnit(r, unitField);
            }
        }

        void unitOfSum(JsonlRecord r, int unitField) {
            if (!unitFromSum) {
                unit = otlpUnit(r, unitField);
                unitFromSum = true;
            }
        }

        private static byte[] otlpUnit(JsonlRecord r, int unitField) {
            if (unitField < 0 || r.kind[unitField] != JsonlRecord.STRING) {
                return new byte[0];
            }
            switch (r.text(unitField)) {
                case "percent": return ascii("%");
                case "requests_per_second": return ascii("{request}/s");
                case "count": return ascii("{request}");
                default: return java.util.Arrays.copyOfRange(r.bytes, r.valueStart[unitField] + 1,
                        r.valueEnd[unitField] - 1);
            }
        }

        void bucket(JsonlRecord r, int le, double value) {
            if (buckets == bucketValues.length) {
                bucketValues = java.util.Arrays.copyOf(bucketValues, buckets * 2);
            }
            bucketValues[buckets++] = value;
            // The bounds are written once per distinct sequence of le values.
            int from = r.valueStart[le];
            int length = r.valueEnd[le] - from;
            boundsKey.raw(r.bytes, from, length);
        }

        /** @return the explicit bounds of the tick's buckets, {@code 5.0,10.0,…} without {@code +Inf} */
        byte[] bounds() {
            if (!sameKey()) {
                boundsText.reset();
                byte[] k = boundsKey.array();
                int n = boundsKey.size();
                int p = 0;
                boolean any = false;
                while (p < n) {
                    int q = p + 1;
                    while (k[q] != '"') {
                        q++;
                    }
                    String le = new String(k, p + 1, q - p - 1, StandardCharsets.UTF_8);
                    if (!le.equals("+Inf")) {
                        if (any) {
                            boundsText.raw(',');
                        }
                        any = true;
                        boundsText.raw(ascii(Double.toString(Double.parseDouble(le))));
                    }
                    p = q + 1;
                }
                lastBoundsKey.reset();
                lastBoundsKey.raw(k, 0, n);
                boundsLength = boundsText.size();
                boundsValid = true;
            }
            return boundsText.array();
        }

        private boolean sameKey() {
            if (!boundsValid || lastBoundsKey.size() != boundsKey.size()) {
                return false;
            }
            byte[] a = lastBoundsKey.array();
            byte[] b = boundsKey.array();
            for (int i = 0, n = boundsKey.size(); i < n; i++) {
                if (a[i] != b[i]) {
                    return false;
                }
            }
            return true;
        }

        void write(JsonBuffer out) {
            out.raw(NAME_OPEN).raw(name).raw(UNIT).raw(unit == null ? new byte[0] : unit);
            out.raw(kind == GAUGE ? GAUGE_OPEN : kind == SUM ? SUM_OPEN : HISTOGRAM_OPEN);
            out.raw(points.array(), 0, points.size());
            out.raw(']').raw('}').raw('}');
            points.reset();
            inChunk = false;
            unit = null;
            unitFromSum = false;
        }
    }
}
