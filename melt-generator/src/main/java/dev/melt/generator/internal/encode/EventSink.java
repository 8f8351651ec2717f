package dev.melt.generator.internal.encode;

/**
 * Where the events generator puts its events: {@link #begin}, metadata with {@code field}, then
 * {@link #end(String)}. An encoder implements it ({@link EventWriter} for {@code events.jsonl}).
 * Events are few, so their fields are plain strings.
 */
public interface EventSink {

    /**
     * Starts an event; metadata fields follow.
     *
     * @param epochMillis when it happened
     * @param eventType for example {@code deployment}
     * @param severity {@code info}, {@code warning}, {@code error} or {@code critical}
     * @param source what emitted it
     * @param message the message
     * @return this sink
     */
    EventSink begin(long epochMillis, String eventType, String severity, String source, String message);

    /**
     * Adds a string metadata field.
     *
     * @param name the field name
     * @param value the value; {@code null} for none
     * @return this sink
     */
    EventSink field(String name, String value);

    /**
     * Adds a whole-number metadata field.
     *
     * @param name the field name
     * @param value the value
     * @return this sink
     */
    EventSink field(String name, long value);

    /**
     * Ends the event.
     *
     * @param incidentId the incident labelling the record, or {@code null} when it is normal
     */
    void end(String incidentId);
}
