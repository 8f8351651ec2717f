package dev.melt.generator.internal.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.melt.generator.EventRecord;
import dev.melt.generator.LogRecord;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.SpanRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one JSON object of a signal file into a record, reading tokens straight from a streaming
 * parser (no intermediate tree). Unknown fields are skipped, so newer files stay readable; a
 * missing or mistyped field fails with an {@link IOException} that names it.
 *
 * @param <T> the record type
 */
@FunctionalInterface
interface RecordParser<T> {

    /**
     * Parses the object whose {@code START_OBJECT} the parser has just read.
     *
     * @param p the parser
     * @return the record
     * @throws IOException when the object is malformed or a field is missing or mistyped
     */
    T parse(JsonParser p) throws IOException;

    /** Parses {@code metrics.jsonl} lines. */
    RecordParser<MetricRecord> METRIC = p -> {
        Fields f = Fields.read(p);
        return new MetricRecord(f.instant("timestamp"), f.text("metric_name"), f.number("value"), f.labels(),
                f.anomaly(), f.incidentId());
    };

    /** Parses {@code events.jsonl} lines. */
    RecordParser<EventRecord> EVENT = p -> {
        Fields f = Fields.read(p);
        return new EventRecord(f.instant("timestamp"), f.text("event_type"), f.text("severity"), f.text("source"),
                f.text("message"), f.object("metadata"), f.anomaly(), f.incidentId());
    };

    /** Parses {@code logs.jsonl} lines. */
    RecordParser<LogRecord> LOG = p -> {
        Fields f = Fields.read(p);
        return new LogRecord(f.instant("timestamp"), f.text("level"), f.text("service"), f.text("message"),
                f.nullableText("trace_id"), f.nullableText("span_id"), f.object("metadata"), f.anomaly(),
                f.incidentId());
    };

    /** Parses {@code traces.jsonl} lines. */
    RecordParser<SpanRecord> SPAN = p -> {
        Fields f = Fields.read(p);
        return new SpanRecord(f.text("trace_id"), f.text("span_id"), f.nullableText("parent_span_id"),
                f.text("operation_name"), f.instant("start_time"), f.whole("duration"), f.text("service"),
                f.object("tags"), f.text("status"), f.anomaly(), f.incidentId());
    };

    /** The fields of one object: scalars by name, nested objects as maps. */
    final class Fields {
        private static final Object NULL = new Object();
        private final Map<String, Object> values = new java.util.HashMap<>(16);

        static Fields read(JsonParser p) throws IOException {
            Fields f = new Fields();
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                f.values.put(name, t == JsonToken.START_OBJECT ? readObject(p) : scalar(p, t, name));
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("expected a field name, found " + p.currentToken());
            }
            return f;
        }

        private static Map<String, Object> readObject(JsonParser p) throws IOException {
            Map<String, Object> out = new LinkedHashMap<>();
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                Object v = scalar(p, t, name);
                out.put(name, v == NULL ? null : v);
            }
            return Collections.unmodifiableMap(out);
        }

        private static Object scalar(JsonParser p, JsonToken t, String name) throws IOException {
            if (t == null) {
                throw new IOException("line ends inside field '" + name + "'");
            }
            switch (t) {
                case VALUE_STRING:
                    return p.getText();
                case VALUE_NUMBER_INT:
                    return p.getLongValue();
                case VALUE_NUMBER_FLOAT:
                    return p.getDoubleValue();
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return NULL;
                default:
                    throw new IOException("field '" + name + "' holds " + t
                            + "; expected a string, number, boolean or null");
            }
        }

        private Object get(String name) throws IOException {
            Object v = values.get(name);
            if (v == null) {
                throw new IOException("missing field '" + name + "'");
            }
            return v;
        }

        /** The value of a field that must be of a type, described as {@code what} in the error. */
        private <T> T typed(String name, Class<T> type, String what) throws IOException {
            Object v = get(name);
            if (!type.isInstance(v)) {
                throw new IOException("field '" + name + "' is not " + what + ": " + shown(v));
            }
            return type.cast(v);
        }

        String text(String name) throws IOException {
            return typed(name, String.class, "a string");
        }

        String nullableText(String name) throws IOException {
            return get(name) == NULL ? null : text(name);
        }

        double number(String name) throws IOException {
            return typed(name, Number.class, "a number").doubleValue();
        }

        long whole(String name) throws IOException {
            return typed(name, Long.class, "a whole number");
        }

        Instant instant(String name) throws IOException {
            String text = text(name);
            try {
                return Rfc3339.parse(text);
            } catch (DateTimeParseException e) {
                throw new IOException("field '" + name + "' is not an RFC 3339 timestamp: " + text);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String name) throws IOException {
            Object v = get(name);
            if (!(v instanceof Map)) {
                throw new IOException("field '" + name + "' is not an object");
            }
            return (Map<String, Object>) v;
        }

        Map<String, String> labels() throws IOException {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : object("labels").entrySet()) {
                out.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString());
            }
            return Collections.unmodifiableMap(out);
        }

        boolean anomaly() throws IOException {
            return typed("anomaly", Boolean.class, "a boolean");
        }

        String incidentId() throws IOException {
            Object v = values.get("incident_id");
            return v == null || v == NULL ? null : text("incident_id");
        }

        private static String shown(Object v) {
            return v == NULL ? "null" : v instanceof String ? '"' + (String) v + '"' : String.valueOf(v);
        }
    }
}
