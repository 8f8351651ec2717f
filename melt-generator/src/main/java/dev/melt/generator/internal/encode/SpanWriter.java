package dev.melt.generator.internal.encode;

/**
 * Writes lines of {@code traces.jsonl}: {@code {"trace_id":…,"span_id":…,"parent_span_id":…,
 * "operation_name":…,"start_time":…,"duration":…,"service":…,"tags":{…},"status":…,"anomaly":…}}.
 * Call {@link #begin} with an {@link SpanSink.Operation} and an {@link SpanSink.Origin} (encoded once per operation and
 * per host; the host is the first tag), add further tags with {@code field}, then
 * {@link #end(boolean, String)}.
 */
public final class SpanWriter extends FieldWriter<SpanWriter> implements SpanSink {

    private static final byte[] TRACE_ID = ascii("{\"trace_id\":\"");
    private static final byte[] SPAN_ID = ascii("\",\"span_id\":\"");
    private static final byte[] PARENT = ascii("\",\"parent_span_id\":\"");
    private static final byte[] NO_PARENT = ascii("\",\"parent_span_id\":null");
    private static final byte[] OPERATION = ascii(",\"operation_name\":");
    private static final byte[] START = ascii(",\"start_time\":");
    private static final byte[] DURATION = ascii(",\"duration\":");
    private static final byte[] SERVICE = ascii(",\"service\":");
    private static final byte[] TAGS = ascii(",\"tags\":{");
    private static final byte[] HOST_TAG = ascii("\"host\":");
    private static final byte[] STATUS_OK = ascii("},\"status\":\"ok\",");
    private static final byte[] STATUS_ERROR = ascii("},\"status\":\"error\",");
    private static final byte[] STATUS_OK_ENDING_NORMALLY = endingNormally(STATUS_OK);

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    public SpanWriter(int initialCapacity) {
        super(initialCapacity);
    }

    /**
     * Encodes an operation name for {@link #begin}.
     *
     * @param name the operation, e.g. {@code GET /cart}
     * @return the encoded operation
     */
    public static Operation operation(JsonText name) {
        return new Operation(template(OPERATION, name, START));
    }

    /**
     * Encodes where spans come from, for {@link #begin}.
     *
     * @param service the service
     * @param host the host, written as the first tag, {@code host}
     * @return the encoded origin
     */
    public static Origin origin(JsonText service, JsonText host) {
        return new Origin(template(SERVICE, service, TAGS, HOST_TAG, host));
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
     * @return this writer
     */
    @Override
    public SpanWriter begin(TraceId traceId, long spanId, long parentSpanId, Operation operation, long startMicros,
                            long durationMicros, Origin origin) {
        ids(traceId, spanId, parentSpanId, startMicros);
        out.raw(operation.bytes).timestampMicros(startMicros).raw(DURATION).number(durationMicros).raw(origin.bytes);
        continueFields();
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

    /**
     * Closes the tags, writes the status and the label, and ends the line.
     *
     * @param error whether the span failed
     * @param incidentId the incident labelling the span, or {@code null}
     */
    @Override
    public void end(boolean error, String incidentId) {
        if (!error && incidentId == null) {
            endNormalLine(STATUS_OK_ENDING_NORMALLY);
            return;
        }
        out.raw(error ? STATUS_ERROR : STATUS_OK);
        endLine(false, incidentId);
    }
}
