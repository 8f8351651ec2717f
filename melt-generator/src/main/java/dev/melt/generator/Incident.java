package dev.melt.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One injected incident of the {@link GroundTruth}.
 *
 * @param id a stable id such as {@code inc-0001}, carried by every labelled record as {@code incident_id}
 * @param type what kind of incident it is
 * @param rootCauseService the service where the incident starts
 * @param rootCauseHost the host of the root-cause service where it starts, or {@code null} when
 *     the incident hits every host of the service
 * @param start the onset on the root cause (inclusive)
 * @param end the end on the root cause (exclusive)
 * @param affected the root cause and every service the incident cascades to, each with its own window
 * @param cascade the edges along which the incident spread, from a callee to its caller
 */
public record Incident(String id, AnomalyType type, String rootCauseService, String rootCauseHost,
                       Instant start, Instant end, List<AffectedService> affected, List<CascadeEdge> cascade) {

    /**
     * Creates an incident; lists are copied.
     *
     * @param id the incident id
     * @param type the incident type
     * @param rootCauseService the root-cause service
     * @param rootCauseHost the root-cause host, or {@code null}
     * @param start the onset (inclusive)
     * @param end the end (exclusive)
     * @param affected the affected services
     * @param cascade the cascade edges
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rootCauseService, "rootCauseService");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        affected = List.copyOf(affected);
        cascade = List.copyOf(cascade);
    }

    /**
     * Returns how long the incident lasts on its root cause.
     *
     * @return {@code end - start}
     */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /**
     * Returns the earliest start and latest end over all affected windows.
     *
     * @return the first instant any affected service shows the incident
     */
    public Instant firstAffected() {
        return affected.stream().map(AffectedService::start).min(Instant::compareTo).orElse(start);
    }

    /**
     * Returns the latest end over all affected windows.
     *
     * @return the instant the last affected service recovers (exclusive)
     */
    public Instant lastAffected() {
        return affected.stream().map(AffectedService::end).max(Instant::compareTo).orElse(end);
    }
}
