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
 * @param rootCauseService the service where the incident starts: the root-cause service, or the
 *     caller of a root-cause edge (the first service whose telemetry shows it)
 * @param rootCauseHost the host of the root-cause service where it starts, or {@code null} when
 *     the incident hits every host of the service
 * @param start the onset on the root cause (inclusive)
 * @param end the end on the root cause (exclusive)
 * @param affected the root cause and every service the incident cascades to, each with its own window
 * @param cascade the edges along which the incident spread, from a callee to its caller
 * @param rootCause what the root cause is: the service or host above, or an edge from
 *     {@code rootCauseService} to one of its callees, or a version of {@code rootCauseService}
 */
public record Incident(String id, AnomalyType type, String rootCauseService, String rootCauseHost,
                       Instant start, Instant end, List<AffectedService> affected, List<CascadeEdge> cascade,
                       RootCause rootCause) {

    /**
     * Creates an incident whose root cause is its service, or its host when it names one; lists are
     * copied.
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
    public Incident(String id, AnomalyType type, String rootCauseService, String rootCauseHost,
                    Instant start, Instant end, List<AffectedService> affected, List<CascadeEdge> cascade) {
        this(id, type, rootCauseService, rootCauseHost, start, end, affected, cascade,
                RootCause.of(Objects.requireNonNull(rootCauseService, "rootCauseService"), rootCauseHost));
    }

    /**
     * Creates an incident; lists are copied. The root cause must agree with
     * {@code rootCauseService} and {@code rootCauseHost}: its {@linkplain RootCause#originService()
     * origin service} is {@code rootCauseService}, and its host is {@code rootCauseHost}.
     *
     * @param id the incident id
     * @param type the incident type
     * @param rootCauseService the root-cause service
     * @param rootCauseHost the root-cause host, or {@code null}
     * @param start the onset (inclusive)
     * @param end the end (exclusive)
     * @param affected the affected services
     * @param cascade the cascade edges
     * @param rootCause the root cause
     * @throws IllegalArgumentException when the root cause disagrees with the root-cause service or host
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rootCauseService, "rootCauseService");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(rootCause, "rootCause");
        if (!rootCause.originService().equals(rootCauseService) || !Objects.equals(rootCause.host(), rootCauseHost)) {
            throw new IllegalArgumentException("incident " + id + ": root cause " + rootCause
                    + " disagrees with root_cause_service '" + rootCauseService + "' and root_cause_host '"
                    + rootCauseHost + "'");
        }
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
