package dev.melt.generator.internal.io;

/**
 * Writes lines of {@code traces.jsonl}: {@code {"trace_id":…,"span_id":…,"parent_span_id":…,
 * "operation_name":…,"start_time":…,"duration":…,"service":…,"tags":{…},"status":…,"anomaly":…}}.
 * Call {@link #begin}, add tags with {@code field}, then {@link #end(boolean, String)}.
 */
public final class SpanWriter extends FieldWriter<SpanWriter> {

    private static final byte[] TRACE_ID = ascii("{\"trace_id\":\"");
    private static final byte[] SPAN_ID = ascii("\",\"span_id\":\"");
    private static final byte[] PARENT = ascii("\",\"parent_span_id\":\"");
    private static final byte[] NO_PARENT = ascii("\",\"parent_span_id\":null");
    private static final byte[] OPERATION = ascii(",\"operation_name\":");
    private static final byte[] START = ascii(",\"start_time\":");
    private static final byte[] DURATION = ascii(",\"duration\":");
    private static final byte[] SERVICE = ascii(",\"service\":");
    private static final byte[] TAGS = ascii(",\"tags\":{");
    private static final byte[] STATUS_OK = ascii("},\"status\":\"ok\",");
    private static final byte[] STATUS_ERROR = ascii("},\"status\":\"error\",");

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    public SpanWriter(int initialCapacity) {
        super(initialCapacity);
    }

    /**
     * Starts a span; tags follow.
     *
     * @param traceId the trace id
     * @param spanId the span id, not 0
     * @param parentSpanId the parent's span id, or 0 for a root span
     * @param operationName the operation
     * @param startMicros the start, in microseconds since the epoch
     * @param durationMicros the duration in microseconds
     * @param service the service that recorded the span
     * @return this writer
     */
    public SpanWriter begin(TraceId traceId, long spanId, long parentSpanId, JsonText operationName, long startMicros,
                            long durationMicros, JsonText service) {
        ids(traceId, spanId, parentSpanId, startMicros);
        out.raw(OPERATION).string(operationName);
        times(startMicros, durationMicros).raw(SERVICE).string(service).raw(TAGS);
        openFields();
        return this;
    }

    private void ids(TraceId traceId, long spanId, long parentSpanId, long startMicros) {
        startLine(Math.floorDiv(startMicros, 1000L));
        out.raw(TRACE_ID);
        traceId.writeHex(out);
        out.raw(SPAN_ID).hex16(spanId);
        if (parentSpanId == 0) {
            out.raw(NO_PARENT);
        } else {
            out.raw(PARENT).hex16(parentSpanId).raw('"');
        }
    }

    private JsonBuffer times(long startMicros, long durationMicros) {
        return out.raw(START).timestampMicros(startMicros).raw(DURATION).number(durationMicros);
    }

    /**
     * Closes the tags, writes the status and the label, and ends the line.
     *
     * @param error whether the span failed
     * @param incidentId the incident labelling the span, or {@code null}
     */
    public void end(boolean error, String incidentId) {
        out.raw(error ? STATUS_ERROR : STATUS_OK);
        endLine(false, incidentId);
    }
}
