package dev.melt.generator.internal.encode;

/**
 * Where the log and trace generators put log lines: a {@code begin}, further metadata with
 * {@code field}, then {@link #end(String)}. An encoder implements it ({@link LogWriter} for
 * {@code logs.jsonl}). Levels, services, hosts, messages and field names are handles encoded once
 * per plan ({@link Head}, {@link Host}, {@link JsonText}), so that a line costs array copies and
 * the JIT, with one implementation loaded, inlines the calls.
 */
public interface LogSink {

    /**
     * A level and a service, encoded once by the encoder ({@link LogWriter#head}).
     */
    final class Head {
        final byte[] bytes;

        Head(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * A logging host, the first metadata field, encoded once by the encoder
     * ({@link LogWriter#host}), in the forms a line logged inside a span and outside one need.
     */
    final class Host {
        final byte[] inSpan;
        final byte[] background;

        Host(byte[] inSpan, byte[] background) {
            this.inSpan = inSpan;
            this.background = background;
        }
    }

    /**
     * Starts a line logged inside a span; metadata fields after {@code host} follow.
     *
     * @param epochMillis when it was logged
     * @param head the level and the logging service
     * @param message the message
     * @param traceId the span's trace id
     * @param spanId the span's id, not 0
     * @param host the logging host
     * @return this sink
     */
    LogSink begin(long epochMillis, Head head, JsonText message, TraceId traceId, long spanId, Host host);

    /**
     * Starts a line logged inside a span whose message is a text, a whole number and a text,
     * such as {@code Slow request: GET /cart took 812 ms}.
     *
     * @param epochMillis when it was logged
     * @param head the level and the logging service
     * @param messagePrefix the text before the number
     * @param messageNumber the number
     * @param messageSuffix the text after the number
     * @param traceId the span's trace id
     * @param spanId the span's id, not 0
     * @param host the logging host
     * @return this sink
     */
    LogSink begin(long epochMillis, Head head, JsonText messagePrefix, long messageNumber, JsonText messageSuffix,
                  TraceId traceId, long spanId, Host host);

    /**
     * Starts a background line, outside any span; metadata fields after {@code host} follow.
     *
     * @param epochMillis when it was logged
     * @param head the level and the logging service
     * @param message the message
     * @param host the logging host
     * @return this sink
     */
    LogSink begin(long epochMillis, Head head, JsonText message, Host host);

    /**
     * Adds a metadata field of an encoded name and value.
     *
     * @param name the field name
     * @param value the value
     * @return this sink
     */
    LogSink field(JsonText name, JsonText value);

    /**
     * Adds a whole-number metadata field of an encoded name.
     *
     * @param name the field name
     * @param value the value
     * @return this sink
     */
    LogSink field(JsonText name, long value);

    /**
     * Ends the line.
     *
     * @param incidentId the incident labelling the record, or {@code null} when it is normal
     */
    void end(String incidentId);
}
