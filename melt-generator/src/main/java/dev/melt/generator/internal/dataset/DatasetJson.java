package dev.melt.generator.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.DataSize;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.Difficulty;
import dev.melt.generator.Fault;
import dev.melt.generator.FaultKind;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.Manifest;
import dev.melt.generator.RootCause;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes the JSON documents of a dataset: {@code manifest.json} (with the spec inside)
 * and {@code ground_truth.json}. Field names are snake case; instants are RFC 3339 UTC; durations
 * are ISO 8601 ({@code PT5M}); enum values are lower snake case ({@code cpu_spike}).
 */
public final class DatasetJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DatasetJson() {
    }

    /**
     * The tree reader, built on first read: writing needs only the streaming generator, and an
     * {@code ObjectMapper} costs the end of every {@code generate} run ~400 classes to load.
     */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    }

    /** Writes a JSON document with a generator, pretty-printed, ending in a newline. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- ground truth

    /**
     * Encodes a ground truth.
     *
     * @param truth the ground truth
     * @return the bytes of {@code ground_truth.json}
     */
    public static byte[] writeGroundTruth(GroundTruth truth) {
        return document(g -> writeGroundTruth(g, truth));
    }

    private static void writeGroundTruth(JsonGenerator g, GroundTruth truth) throws IOException {
        g.writeStartObject();
        g.writeStringField("start", truth.start().toString());
        g.writeStringField("end", truth.end().toString());
        g.writeArrayFieldStart("incidents");
        for (Incident i : truth.incidents()) {
            g.writeStartObject();
            g.writeStringField("id", i.id());
            g.writeStringField("type", i.type().id());
            g.writeStringField("root_cause_service", i.rootCauseService());
            g.writeStringField("root_cause_host", i.rootCauseHost());
            RootCause rc = i.rootCause();
            g.writeObjectFieldStart("root_cause");
            g.writeStringField("kind", rc.kind().id());
            g.writeStringField("service", rc.service());
            g.writeStringField("host", rc.host());
            g.writeStringField("caller", rc.caller());
            g.writeStringField("callee", rc.callee());
            g.writeStringField("version", rc.version());
            g.writeEndObject();
            g.writeStringField("start", i.start().toString());
            g.writeStringField("end", i.end().toString());
            g.writeArrayFieldStart("affected");
            for (AffectedService a : i.affected()) {
                g.writeStartObject();
                g.writeStringField("service", a.service());
                g.writeStringField("host", a.host());
                g.writeStringField("role", a.role().name().toLowerCase(Locale.ROOT));
                g.writeStringField("start", a.start().toString());
                g.writeStringField("end", a.end().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cascade");
            for (CascadeEdge e : i.cascade()) {
                g.writeStartObject();
                g.writeStringField("callee", e.callee());
                g.writeStringField("caller", e.caller());
                g.writeStringField("lag", e.lag().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!truth.faults().isEmpty()) {
            // Written only when there are faults, so that a dataset without them keeps its bytes.
            g.writeArrayFieldStart("faults");
            for (Fault f : truth.faults()) {
                g.writeStartObject();
                g.writeStringField("id", f.id());
                g.writeStringField("kind", f.kind().id());
                g.writeStringField("service", f.service());
                g.writeStringField("host", f.host());
                g.writeStringField("start", f.start().toString());
                g.writeStringField("end", f.end().toString());
                if (!f.offset().isZero()) {
                    g.writeStringField("offset", f.offset().toString());
                }
                stringArray(g, "files", f.files());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static RootCause rootCause(JsonNode r) throws IOException {
        try {
            return new RootCause(RootCause.Kind.parse(text(r, "kind")), optionalText(r, "service"),
                    optionalText(r, "host"), optionalText(r, "caller"), optionalText(r, "callee"),
                    optionalText(r, "version"));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Decodes a ground truth.
     *
     * @param json the bytes of {@code ground_truth.json}
     * @return the ground truth
     * @throws IOException when the JSON is malformed or a field is missing
     */
    public static GroundTruth readGroundTruth(byte[] json) throws IOException {
        JsonNode root = Reader.MAPPER.readTree(json);
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode i : required(root, "incidents")) {
            List<AffectedService> affected = new ArrayList<>();
            for (JsonNode a : required(i, "affected")) {
                affected.add(new AffectedService(text(a, "service"), optionalText(a, "host"),
                        AffectedService.Role.valueOf(text(a, "role").toUpperCase(Locale.ROOT)),
                        instant(a, "start"), instant(a, "end")));
            }
            List<CascadeEdge> cascade = new ArrayList<>();
            for (JsonNode e : required(i, "cascade")) {
                cascade.add(new CascadeEdge(text(e, "callee"), text(e, "caller"), duration(e, "lag")));
            }
            String service = text(i, "root_cause_service");
            String host = optionalText(i, "root_cause_host");
            // A ground truth written before root causes had kinds names a service, or a host of it.
            RootCause cause = i.has("root_cause") ? rootCause(i.get("root_cause")) : RootCause.of(service, host);
            String id = text(i, "id");
            AnomalyType type = AnomalyType.parse(text(i, "type"));
            Instant start = instant(i, "start");
            Instant end = instant(i, "end");
            try {
                incidents.add(new Incident(id, type, service, host, start, end, affected, cascade, cause));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        List<Fault> faults = new ArrayList<>();
        if (root.has("faults")) {
            for (JsonNode f : root.get("faults")) {
                FaultKind kind;
                try {
                    kind = FaultKind.parse(text(f, "kind"));
                } catch (IllegalArgumentException e) {
                    throw new IOException("faults: " + e.getMessage(), e);
                }
                faults.add(new Fault(text(f, "id"), kind, text(f, "service"), text(f, "host"), instant(f, "start"),
                        instant(f, "end"), f.has("offset") ? duration(f, "offset") : Duration.ZERO,
                        strings(required(f, "files"))));
            }
        }
        return new GroundTruth(instant(root, "start"), instant(root, "end"), incidents, faults);
    }

    // ---------------------------------------------------------------- manifest

    /**
     * Encodes a manifest.
     *
     * @param manifest the manifest
     * @return the bytes of {@code manifest.json}
     */
    public static byte[] writeManifest(Manifest manifest) {
        return document(g -> {
            g.writeStartObject();
            g.writeNumberField("format_version", manifest.formatVersion());
            g.writeStringField("generator_version", manifest.generatorVersion());
            g.writeNumberField("seed", manifest.seed());
            g.writeStringField("start", manifest.start().toString());
            g.writeStringField("end", manifest.end().toString());
            g.writeNumberField("total_records", manifest.totalRecords());
            g.writeNumberField("total_bytes", manifest.totalBytes());
            if (!Double.isNaN(manifest.trafficScale())) {
                g.writeNumberField("traffic_scale", manifest.trafficScale());
            }
            g.writeObjectFieldStart("files");
            for (Map.Entry<String, Manifest.FileEntry> f : new java.util.TreeMap<>(manifest.files()).entrySet()) {
                g.writeObjectFieldStart(f.getKey());
                DatasetFormat format = f.getValue().format();
                if (format != null && format != DatasetFormat.JSONL) {
                    // A JSONL file's format is the default, and is not written: manifests of JSONL
                    // datasets are what they were before there were formats.
                    g.writeStringField("format", format.id());
                }
                g.writeNumberField("records", f.getValue().records());
                g.writeNumberField("bytes", f.getValue().bytes());
                g.writeStringField("sha256", f.getValue().sha256());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeFieldName("spec");
            writeSpec(g, manifest.spec());
            g.writeEndObject();
        });
    }

    /**
     * Encodes a shard's {@code shard.json}: the manifest its files would have alone, and the part
     * of the dataset it holds under {@code "shard"}.
     *
     * @param manifest the shard's manifest: the dataset's spec, seed and times, the shard's files
     * @param part the part
     * @return the JSON bytes
     */
    public static byte[] writeShard(Manifest manifest, ShardPart part) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Reader.MAPPER.readTree(writeManifest(manifest));
            com.fasterxml.jackson.databind.node.ObjectNode shard = root.putObject("shard");
            shard.put("index", part.index());
            shard.put("count", part.count());
            shard.put("first_chunk", part.firstChunk());
            shard.put("end_chunk", part.endChunk());
            shard.put("chunks", part.chunks());
            if (part.openMetricsSegments() != null) {
                com.fasterxml.jackson.databind.node.ArrayNode a = shard.putArray("openmetrics_segments");
                for (long[] row : part.openMetricsSegments()) {
                    com.fasterxml.jackson.databind.node.ArrayNode r = a.addArray();
                    for (long v : row) {
                        r.add(v);
                    }
                }
            }
            return document(g -> Reader.MAPPER.writeTree(g, root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the part of a {@code shard.json}; its manifest is read by {@link #readManifest}.
     *
     * @param json the file's bytes
     * @return the part
     * @throws IOException when the JSON is malformed or the part is missing or inconsistent
     */
    public static ShardPart readShard(byte[] json) throws IOException {
        JsonNode root = Reader.MAPPER.readTree(json);
        JsonNode shard = required(root, "shard");
        long[][] segments = null;
        JsonNode seg = shard.get("openmetrics_segments");
        if (seg != null && !seg.isNull()) {
            if (!seg.isArray() || seg.size() < 2) {
                throw new IOException("field 'shard.openmetrics_segments' is not an array of rows");
            }
            segments = new long[seg.size()][];
            long previous = 0;
            for (int k = 0; k < segments.length; k++) {
                JsonNode row = seg.get(k);
                if (!row.isArray() || row.size() != (k == segments.length - 1 ? 2 : seg.get(0).size())) {
                    throw new IOException("field 'shard.openmetrics_segments' row " + k + " is not an array of the"
                            + " family's offsets: " + row);
                }
                segments[k] = new long[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    long v = row.get(j).asLong();
                    if (!row.get(j).canConvertToLong() || v < previous) {
                        throw new IOException("field 'shard.openmetrics_segments' has an offset out of order: " + v);
                    }
                    segments[k][j] = v;
                    previous = v;
                }
            }
        }
        ShardPart part = new ShardPart((int) number(shard, "index"), (int) number(shard, "count"),
                (int) number(shard, "first_chunk"), (int) number(shard, "end_chunk"), (int) number(shard, "chunks"),
                segments);
        if (part.count() < 1 || part.index() < 0 || part.index() >= part.count() || part.chunks() < 1
                || !ShardPart.of(part.index(), part.count(), part.chunks()).sameChunks(part)) {
            throw new IOException("field 'shard' is not a shard of a plan: " + shard);
        }
        return part;
    }

    /**
     * Decodes a manifest.
     *
     * @param json the bytes of {@code manifest.json}
     * @return the manifest
     * @throws IOException when the JSON is malformed or a field is missing
     */
    public static Manifest readManifest(byte[] json) throws IOException {
        JsonNode root = Reader.MAPPER.readTree(json);
        long format = number(root, "format_version");
        if (format != Manifest.FORMAT_VERSION) {
            throw new IOException("format_version: " + format + " is not read by this release, which reads format "
                    + Manifest.FORMAT_VERSION + (format < Manifest.FORMAT_VERSION
                    ? "; format 1 was written before the telemetry came from one request population: regenerate"
                    + " the dataset" : "; it was written by a newer melt: read it with that one"));
        }
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = required(root, "files").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode fileFormat = f.getValue().get("format");
            files.put(f.getKey(), fileFormat == null
                    ? Manifest.FileEntry.named(number(f.getValue(), "records"), number(f.getValue(), "bytes"),
                            text(f.getValue(), "sha256"), f.getKey())
                    : new Manifest.FileEntry(number(f.getValue(), "records"), number(f.getValue(), "bytes"),
                            text(f.getValue(), "sha256"), fileFormat(f.getKey(), fileFormat.asText())));
        }
        JsonNode scale = root.get("traffic_scale");
        double trafficScale = Double.NaN; // absent from format-2 manifests written before the field: unknown
        if (scale != null && !scale.isNull()) {
            if (!scale.isNumber() || !(scale.asDouble() > 0)) {
                throw new IOException("field 'traffic_scale' is not a positive number: " + scale);
            }
            trafficScale = scale.asDouble();
        }
        return new Manifest((int) number(root, "format_version"), text(root, "generator_version"),
                number(root, "seed"), readSpec(required(root, "spec")), instant(root, "start"),
                instant(root, "end"), files, trafficScale);
    }

    // ---------------------------------------------------------------- spec

    /**
     * Encodes a spec alone: the object {@code manifest.json} holds under {@code spec}.
     *
     * @param spec the spec
     * @return the bytes of a spec file
     */
    public static byte[] writeSpecDocument(GenerationConfig spec) {
        return document(g -> writeSpec(g, spec));
    }

    /**
     * Decodes a spec file: a spec object as {@link #writeSpecDocument} writes it, or a whole
     * manifest, whose {@code spec} is taken.
     *
     * @param json the bytes of the file
     * @return the spec
     * @throws IOException when the JSON is malformed, a field is missing or a value is refused
     */
    public static GenerationConfig readSpecDocument(byte[] json) throws IOException {
        JsonNode root = Reader.MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object");
        }
        return readSpec(root.has("spec") ? root.get("spec") : root);
    }

    private static DatasetFormat fileFormat(String file, String name) throws IOException {
        try {
            return DatasetFormat.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("files." + file + "." + e.getMessage(), e);
        }
    }

    private static void writeSpec(JsonGenerator g, GenerationConfig c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("seed", c.seed());
        g.writeStringField("start_time", c.startTime().toString());
        g.writeStringField("duration", c.duration() == null ? null : c.duration().toString());
        g.writeStringField("size", c.size() == null ? null : c.size().toString());
        g.writeObjectFieldStart("call_graph");
        for (Map.Entry<String, List<String>> e : c.callGraph().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String callee : e.getValue()) {
                g.writeString(callee);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        stringArray(g, "hosts", c.hosts());
        g.writeNumberField("hosts_per_service", c.hostsPerService());
        stringArray(g, "environments", c.environments());
        g.writeStringField("metrics_interval", c.metricsInterval().toString());
        g.writeStringField("logs_interval", c.logsInterval().toString());
        g.writeNumberField("request_rate", c.requestRate());
        g.writeNumberField("trace_sampling", c.traceSampling());
        g.writeStringField("events_interval", c.eventsInterval().toString());
        g.writeNumberField("error_rate", c.errorRate());
        g.writeNumberField("debug_log_ratio", c.debugLogRatio());
        g.writeNumberField("missing_span_rate", c.missingSpanRate());
        List<String> anomalies = new ArrayList<>();
        c.anomalies().forEach(a -> anomalies.add(a.id()));
        stringArray(g, "anomalies", anomalies);
        AnomalyConfig a = c.anomalyConfig();
        g.writeObjectFieldStart("anomaly_config");
        g.writeStringField("difficulty", a.difficulty().name().toLowerCase(Locale.ROOT));
        g.writeStringField("warm_up", a.warmUp() == null ? null : a.warmUp().toString());
        g.writeBooleanField("allow_overlap", a.allowOverlap());
        g.writeBooleanField("benign_patterns", a.benignPatterns());
        g.writeObjectFieldStart("types");
        for (Map.Entry<AnomalyType, AnomalyConfig.Settings> e : a.allSettings().entrySet()) {
            AnomalyConfig.Settings s = e.getValue();
            g.writeObjectFieldStart(e.getKey().id());
            g.writeNumberField("probability", s.probability());
            g.writeStringField("min_duration", s.minDuration().toString());
            g.writeStringField("max_duration", s.maxDuration().toString());
            g.writeNumberField("intensity", s.intensity());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        if (!c.faults().isEmpty()) {
            // Written only when faults are requested, so that other specs keep their bytes.
            List<String> faults = new ArrayList<>();
            c.faults().forEach(f -> faults.add(f.id()));
            stringArray(g, "faults", faults);
        }
        if (c.isTwin()) {
            // Written only for twins, so that other specs keep their bytes.
            stringArray(g, "without", c.without());
        }
        if (!c.formats().equals(java.util.EnumSet.of(DatasetFormat.JSONL))) {
            // Written only when not the default, so that JSONL specs read as they did before formats.
            List<String> formats = new ArrayList<>();
            c.formats().forEach(f -> formats.add(f.id()));
            stringArray(g, "formats", formats);
        }
        g.writeEndObject();
    }

    private static GenerationConfig readSpec(JsonNode s) throws IOException {
        if (s.has("traces_interval")) {
            throw new IOException("traces_interval: is no longer a setting (format 1); traces are the sampled share"
                    + " of the requests: remove it, and set request_rate and trace_sampling instead");
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = required(s, "call_graph").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            graph.put(e.getKey(), strings(e.getValue()));
        }
        List<AnomalyType> anomalies = new ArrayList<>();
        for (String id : strings(required(s, "anomalies"))) {
            anomalies.add(AnomalyType.parse(id));
        }
        JsonNode a = required(s, "anomaly_config");
        AnomalyConfig.Builder ab = AnomalyConfig.builder()
                .difficulty(Difficulty.valueOf(text(a, "difficulty").toUpperCase(Locale.ROOT)))
                .warmUp(optionalText(a, "warm_up") == null ? null : duration(a, "warm_up"))
                .allowOverlap(required(a, "allow_overlap").asBoolean())
                .benignPatterns(required(a, "benign_patterns").asBoolean());
        Iterator<Map.Entry<String, JsonNode>> types = required(a, "types").fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> e = types.next();
            JsonNode t = e.getValue();
            ab.settings(AnomalyType.parse(e.getKey()), new AnomalyConfig.Settings(required(t, "probability").asDouble(),
                    duration(t, "min_duration"), duration(t, "max_duration"), required(t, "intensity").asDouble()));
        }
        List<DatasetFormat> formats = new ArrayList<>();
        if (s.has("formats")) {
            try {
                for (String id : strings(s.get("formats"))) {
                    formats.add(DatasetFormat.parse(id));
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        } else {
            formats.add(DatasetFormat.JSONL);
        }
        List<FaultKind> faults = new ArrayList<>();
        if (s.has("faults")) {
            try {
                for (String id : strings(s.get("faults"))) {
                    faults.add(FaultKind.parse(id));
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        try {
            return GenerationConfig.builder()
                    .formats(formats)
                    .faults(faults)
                    .seed(number(s, "seed"))
                    .startTime(instant(s, "start_time"))
                    .duration(optionalText(s, "duration") == null ? null : duration(s, "duration"))
                    .size(optionalText(s, "size") == null ? null : DataSize.parse(text(s, "size")))
                    .callGraph(graph)
                    .hosts(strings(required(s, "hosts")))
                    .hostsPerService((int) number(s, "hosts_per_service"))
                    .environments(strings(required(s, "environments")))
                    .metricsInterval(duration(s, "metrics_interval"))
                    .logsInterval(duration(s, "logs_interval"))
                    .requestRate(required(s, "request_rate").asDouble())
                    .traceSampling(required(s, "trace_sampling").asDouble())
                    .eventsInterval(duration(s, "events_interval"))
                    .errorRate(required(s, "error_rate").asDouble())
                    .debugLogRatio(required(s, "debug_log_ratio").asDouble())
                    .missingSpanRate(required(s, "missing_span_rate").asDouble())
                    .anomalies(anomalies)
                    .anomalyConfig(ab.build())
                    .without(s.has("without") ? strings(s.get("without")) : List.of())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IOException("spec: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IOException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new IOException("field '" + field + "' is not a string: " + value);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long number(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.canConvertToLong()) {
            throw new IOException("field '" + field + "' is not a whole number: " + value);
        }
        return value.asLong();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Instant instant(JsonNode node, String field) throws IOException {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new IOException("field '" + field + "' is not an RFC 3339 instant: " + text);
        }
    }

    private static Duration duration(JsonNode node, String field) throws IOException {
        String text = text(node, field);
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IOException("field '" + field + "' is not an ISO 8601 duration: " + text);
        }
    }
}
