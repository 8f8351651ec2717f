package dev.melt.generator.internal.encode;

/**
 * Writes lines of {@code events.jsonl}: {@code {"timestamp":…,"event_type":…,"severity":…,
 * "source":…,"message":…,"metadata":{…},"anomaly":…}}. Call {@link #begin}, add metadata with
 * {@code field}, then {@link #end(String)}.
 */
public final class EventWriter extends FieldWriter<EventWriter> implements EventSink {

    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");
    private static final byte[] EVENT_TYPE = ascii(",\"event_type\":");
    private static final byte[] SEVERITY = ascii(",\"severity\":");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] MESSAGE = ascii(",\"message\":");
    private static final byte[] METADATA = ascii(",\"metadata\":{");

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    public EventWriter(int initialCapacity) {
        super(initialCapacity);
    }

    /**
     * Starts an event; metadata fields follow.
     *
     * @param epochMillis when it happened
     * @param eventType for example {@code deployment}
     * @param severity {@code info}, {@code warning}, {@code error} or {@code critical}
     * @param source what emitted it
     * @param message the message
     * @return this writer
     */
    @Override
    public EventWriter begin(long epochMillis, String eventType, String severity, String source, String message) {
        startLine(epochMillis);
        out.raw(TIMESTAMP).timestampMillis(epochMillis).raw(EVENT_TYPE).string(eventType).raw(SEVERITY)
                .string(severity).raw(SOURCE).string(source).raw(MESSAGE).string(message).raw(METADATA);
        openFields();
        return this;
    }

    /**
     * Closes the metadata and the line.
     *
     * @param incidentId the incident labelling the record, or {@code null} when it is normal
     */
    @Override
    public void end(String incidentId) {
        endLine(true, incidentId);
    }
}
