package dev.melt.generator;

import java.time.Instant;

/**
 * What every record of every signal has in common: a time, the service and host it is about,
 * and its label from the ground truth.
 */
public interface TelemetryRecord {

    /**
     * Returns the signal this record belongs to.
     *
     * @return the signal
     */
    Signal signal();

    /**
     * Returns the instant of the record: the sample time of a metric, the time of an event or
     * log, the start time of a span.
     *
     * @return the record's instant
     */
    Instant timestamp();

    /**
     * Returns the service the record is about.
     *
     * @return the service name, or {@code null} for a record that concerns no single service
     */
    String service();

    /**
     * Returns the host the record is about.
     *
     * @return the host name, or {@code null} when the record names none
     */
    String host();

    /**
     * Tells whether the ground truth labels this record as part of an incident.
     *
     * @return the {@code anomaly} field
     */
    boolean anomaly();

    /**
     * Returns the id of the incident this record belongs to.
     *
     * @return the {@code incident_id} field, or {@code null} when {@link #anomaly()} is false
     */
    String incidentId();
}
