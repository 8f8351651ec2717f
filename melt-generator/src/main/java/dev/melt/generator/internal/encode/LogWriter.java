package dev.melt.generator.internal.encode;

/**
 * Writes lines of {@code logs.jsonl}: {@code {"timestamp":…,"level":…,"service":…,"message":…,
 * "trace_id":…,"span_id":…,"metadata":{…},"anomaly":…}}. Call {@code begin} with a {@link LogSink.Head} and a
 * {@link LogSink.Host} (encoded once per level and service, and per host; the host is the first metadata
 * field), add further metadata with {@code field}, then {@link #end(String)}.
 */
public final class LogWriter extends FieldWriter<LogWriter> implements LogSink {

    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");
    private static final byte[] LEVEL = ascii(",\"level\":");
    private static final byte[] SERVICE = ascii(",\"service\":");
    private static final byte[] MESSAGE = ascii(",\"message\":");
    private static final byte[] TRACE_ID = ascii(",\"trace_id\":\"");
    private static final byte[] SPAN_ID = ascii("\",\"span_id\":\"");
    private static final byte[] NO_TRACE = ascii(",\"trace_id\":null,\"span_id\":null");
    private static final byte[] METADATA = ascii(",\"metadata\":{");
    private static final byte[] SPAN_ID_END = ascii("\"");
    private static final byte[] HOST_FIELD = ascii("\"host\":");

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    public LogWriter(int initialCapacity) {
        super(initialCapacity);
    }

    /** Bytes of the background lines (outside any span) since the last reset. */
    private long backgroundBytes;
    /** Where the background line being written starts, or -1 while a span's line is written. */
    private int backgroundStart = -1;

    @Override
    public void reset() {
        super.reset();
        backgroundBytes = 0;
        backgroundStart = -1;
    }

    /**
     * Returns how many of the bytes written since the last {@link #reset()} belong to background
     * lines, logged outside any span: the planner sizes them apart, as they follow time rather
     * than traffic.
     *
     * @return the bytes of background lines
     */
    public long backgroundBytes() {
        return backgroundBytes;
    }

    /**
     * Encodes a level and a service for {@code begin}.
     *
     * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     * @param service the logging service
     * @return the encoded head
     */
    public static Head head(JsonText level, JsonText service) {
        return new Head(template(LEVEL, level, SERVICE, service, MESSAGE));
    }

    /**
     * Encodes a host for {@code begin}.
     *
     * @param host the logging host, written as the first metadata field, {@code host}
     * @return the encoded host
     */
    public static Host host(JsonText host) {
        return new Host(template(SPAN_ID_END, METADATA, HOST_FIELD, host), template(NO_TRACE, METADATA, HOST_FIELD, host));
    }

    /**
     * Starts a log line logged inside a span; metadata fields after {@code host} follow.
     *
     * @param epochMillis when it was logged
     * @param head the level and the logging service
     * @param message the message
     * @param traceId the span's trace id, or {@code null} for a request whose trace was not sampled
     * @param spanId the span's id, not 0 (ignored without a trace id)
     * @param host the logging host
     * @return this writer
     */
    @Override
    public LogWriter begin(long epochMillis, Head head, JsonText message, TraceId traceId, long spanId, Host host) {
        head(epochMillis, head).string(message);
        return ids(traceId, spanId, host);
    }

    /**
     * Starts a log line logged inside a span whose message is a text, a whole number and a text,
     * such as {@code Slow request: GET /cart took 812 ms}, encoded without building the string.
     *
     * @param epochMillis when it was logged
     * @param head the level and the logging service
     * @param messagePrefix the text before the number
     * @param messageNumber the number
     * @param messageSuffix the text after the number
     * @param traceId the span's trace id, or {@code null} for a request whose trace was not sampled
     * @param spanId the span's id, not 0 (ignored without a trace id)
     * @param host the logging host
     * @return this writer
     */
    @Override
    public LogWriter begin(long epochMillis, Head head, JsonText messagePrefix, long messageNumber, JsonText messageSuffix,
                           TraceId traceId, long spanId, Host host) {
        head(epochMillis, head).string(messagePrefix, messageNumber, messageSuffix);
        return ids(traceId, spanId, host);
    }

    /**
     * Starts a background log line, outside any span; metadata fields after {@code host} follow.
     *
     * @param epochMillis when it was logged
     * @param head the level and the logging service
     * @param message the message
     * @param host the logging host
     * @return this writer
     */
    @Override
    public LogWriter begin(long epochMillis, Head head, JsonText message, Host host) {
        backgroundStart = out.size();
        head(epochMillis, head).string(message).raw(host.background);
        continueFields();
        return this;
    }

    private LogWriter ids(TraceId traceId, long spanId, Host host) {
        if (traceId == null) {
            // A request's line whose trace was not sampled: no trace context, yet request bytes.
            out.raw(host.background);
            continueFields();
            return this;
        }
        out.raw(TRACE_ID);
        traceId.writeHex(out);
        out.raw(SPAN_ID).hex16(spanId).raw(host.inSpan);
        continueFields();
        return this;
    }

    /** Writes the line up to the message's value, which the caller writes next. */
    private JsonBuffer head(long epochMillis, Head head) {
        startLine(epochMillis);
        return out.raw(TIMESTAMP).timestampMillis(epochMillis).raw(head.bytes);
    }

    /**
     * Closes the metadata and the line.
     *
     * @param incidentId the incident labelling the record, or {@code null} when it is normal
     */
    @Override
    public void end(String incidentId) {
        endLine(true, incidentId);
        if (backgroundStart >= 0) {
            backgroundBytes += out.size() - backgroundStart;
            backgroundStart = -1;
        }
    }
}
