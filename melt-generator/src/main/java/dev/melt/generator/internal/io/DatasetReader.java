package dev.melt.generator.internal.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.melt.generator.EventRecord;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.LogRecord;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.Signal;
import dev.melt.generator.SpanRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Opens dataset directories; the implementation behind {@link MeltData#open(Path)}. */
public final class DatasetReader implements MeltData {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path directory;
    private final Manifest manifest;
    private final GroundTruth groundTruth;

    private DatasetReader(Path directory, Manifest manifest, GroundTruth groundTruth) {
        this.directory = directory;
        this.manifest = manifest;
        this.groundTruth = groundTruth;
    }

    /**
     * Opens a dataset directory: reads the manifest and the ground truth; record files are read
     * lazily by the streams.
     *
     * @param directory the directory
     * @return the dataset
     * @throws IOException when the directory has no manifest (it is not a complete dataset), or
     *     the manifest or ground truth cannot be read; the message names the file
     */
    public static MeltData open(Path directory) throws IOException {
        Path manifestFile = directory.resolve(DatasetWriter.MANIFEST);
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "not a dataset directory: it does not exist");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null,
                    "not a complete dataset: " + DatasetWriter.MANIFEST + " is missing (it is written last)");
        }
        Manifest manifest;
        try {
            manifest = DatasetJson.readManifest(Files.readAllBytes(manifestFile));
        } catch (IOException e) {
            throw new IOException(manifestFile + ": " + e.getMessage(), e);
        }
        Path truthFile = directory.resolve(DatasetWriter.GROUND_TRUTH);
        GroundTruth truth;
        try {
            truth = DatasetJson.readGroundTruth(Files.readAllBytes(truthFile));
        } catch (IOException e) {
            throw new IOException(truthFile + ": " + e.getMessage(), e);
        }
        return new DatasetReader(directory, manifest, truth);
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    @Override
    public GroundTruth groundTruth() {
        return groundTruth;
    }

    @Override
    public Stream<MetricRecord> metrics() {
        return lines(Signal.METRICS, DatasetReader::metric);
    }

    @Override
    public Stream<EventRecord> events() {
        return lines(Signal.EVENTS, DatasetReader::event);
    }

    @Override
    public Stream<LogRecord> logs() {
        return lines(Signal.LOGS, DatasetReader::log);
    }

    @Override
    public Stream<SpanRecord> traces() {
        return lines(Signal.TRACES, DatasetReader::span);
    }

    /** Turns one parsed line into a record. */
    @FunctionalInterface
    private interface LineParser<T> {
        T parse(JsonNode line) throws IOException;
    }

    private <T> Stream<T> lines(Signal signal, LineParser<T> parser) {
        Path file = directory.resolve(signal.fileName());
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be opened: " + e.getMessage(), e);
        }
        Manifest.FileEntry entry = manifest.file(signal);
        long expected = entry == null ? -1 : entry.records();
        Iterator<T> records = new Iterator<>() {
            private long lineNumber;
            private T next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    advance();
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T value = next;
                next = null;
                return value;
            }

            private void advance() {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ":" + (lineNumber + 1) + ": " + e.getMessage(), e);
                }
                if (line == null) {
                    done = true;
                    if (expected >= 0 && lineNumber != expected) {
                        throw new UncheckedIOException(new IOException(file + ": has " + lineNumber
                                + " lines but the manifest lists " + expected + "; the file is truncated or altered"));
                    }
                    return;
                }
                lineNumber++;
                try {
                    next = parser.parse(MAPPER.readTree(line));
                } catch (IOException | RuntimeException e) {
                    String cause = e.getMessage() == null ? e.toString() : e.getMessage().split("\n", 2)[0];
                    throw new UncheckedIOException(new IOException(file + ":" + lineNumber
                            + ": malformed or truncated line: " + cause, e));
                }
            }
        };
        Stream<T> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(records,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
        return stream.onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static MetricRecord metric(JsonNode n) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object(n, "labels").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        JsonNode value = field(n, "value");
        if (!value.isNumber()) {
            throw new IOException("field 'value' is not a number: " + value);
        }
        return new MetricRecord(instant(n, "timestamp"), text(n, "metric_name"), value.asDouble(),
                Collections.unmodifiableMap(labels), anomaly(n), incidentId(n));
    }

    private static EventRecord event(JsonNode n) throws IOException {
        return new EventRecord(instant(n, "timestamp"), text(n, "event_type"), text(n, "severity"),
                text(n, "source"), text(n, "message"), map(object(n, "metadata")), anomaly(n), incidentId(n));
    }

    private static LogRecord log(JsonNode n) throws IOException {
        return new LogRecord(instant(n, "timestamp"), text(n, "level"), text(n, "service"), text(n, "message"),
                nullableText(n, "trace_id"), nullableText(n, "span_id"), map(object(n, "metadata")), anomaly(n),
                incidentId(n));
    }

    private static SpanRecord span(JsonNode n) throws IOException {
        JsonNode duration = field(n, "duration");
        if (!duration.canConvertToLong()) {
            throw new IOException("field 'duration' is not a whole number of microseconds: " + duration);
        }
        return new SpanRecord(text(n, "trace_id"), text(n, "span_id"), nullableText(n, "parent_span_id"),
                text(n, "operation_name"), instant(n, "start_time"), duration.asLong(), text(n, "service"),
                map(object(n, "tags")), text(n, "status"), anomaly(n), incidentId(n));
    }

    private static JsonNode field(JsonNode n, String name) throws IOException {
        JsonNode v = n.get(name);
        if (v == null) {
            throw new IOException("missing field '" + name + "'");
        }
        return v;
    }

    private static JsonNode object(JsonNode n, String name) throws IOException {
        JsonNode v = field(n, name);
        if (!v.isObject()) {
            throw new IOException("field '" + name + "' is not an object");
        }
        return v;
    }

    private static String text(JsonNode n, String name) throws IOException {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IOException("field '" + name + "' is not a string: " + v);
        }
        return v.asText();
    }

    private static String nullableText(JsonNode n, String name) throws IOException {
        JsonNode v = field(n, name);
        return v.isNull() ? null : text(n, name);
    }

    private static Instant instant(JsonNode n, String name) throws IOException {
        String text = text(n, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("field '" + name + "' is not an RFC 3339 timestamp: " + text);
        }
    }

    private static boolean anomaly(JsonNode n) throws IOException {
        JsonNode v = field(n, "anomaly");
        if (!v.isBoolean()) {
            throw new IOException("field 'anomaly' is not a boolean: " + v);
        }
        return v.asBoolean();
    }

    private static String incidentId(JsonNode n) throws IOException {
        JsonNode v = n.get("incident_id");
        return v == null || v.isNull() ? null : text(n, "incident_id");
    }

    private static Map<String, Object> map(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isTextual()) {
                value = v.asText();
            } else if (v.isIntegralNumber()) {
                value = v.asLong();
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else {
                value = v.toString();
            }
            out.put(e.getKey(), value);
        }
        return Collections.unmodifiableMap(out);
    }
}
