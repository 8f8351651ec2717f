package dev.melt.generator.internal.encode;

/**
 * Where the trace generator puts spans: {@link #begin}, further tags with {@code field}, then
 * {@link #end(boolean, String)}. An encoder implements it ({@link SpanWriter} for
 * {@code traces.jsonl}). Operations and origins are handles encoded once per plan
 * ({@link Operation}, {@link Origin}); ids are numbers, never strings; calls allocate nothing.
 */
public interface SpanSink {

    /** An operation's name, encoded once by the encoder ({@link SpanWriter#operation}). */
    final class Operation {
        final byte[] bytes;

        Operation(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * A host and its service, the span's origin (the host is the first tag), encoded once by the
     * encoder ({@link SpanWriter#origin}).
     */
    final class Origin {
        final byte[] bytes;

        Origin(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * Starts a span; its tags after {@code host} follow.
     *
     * @param traceId the trace id
     * @param spanId the span id, not 0
     * @param parentSpanId the parent's span id, or 0 for a root span
     * @param operation the operation
     * @param startMicros the start, in microseconds since the epoch
     * @param durationMicros the duration in microseconds
     * @param origin the service and host that recorded the span
     * @return this sink
     */
    SpanSink begin(TraceId traceId, long spanId, long parentSpanId, Operation operation, long startMicros,
                   long durationMicros, Origin origin);

    /**
     * Adds a tag of an encoded name and value.
     *
     * @param name the tag name
     * @param value the value
     * @return this sink
     */
    SpanSink field(JsonText name, JsonText value);

    /**
     * Adds a whole-number tag of an encoded name.
     *
     * @param name the tag name
     * @param value the value
     * @return this sink
     */
    SpanSink field(JsonText name, long value);

    /**
     * Ends the span.
     *
     * @param error whether the span failed
     * @param incidentId the incident labelling the span, or {@code null}
     */
    void end(boolean error, String incidentId);
}
