package dev.melt.generator;

import java.time.Instant;
import java.util.Objects;

/**
 * A service that shows an incident, with its own window and its role in the incident.
 *
 * @param service the affected service
 * @param host the affected host, or {@code null} when every host of the service is affected
 * @param role whether the service is the root cause or a caller the incident cascaded to
 * @param start when the service starts to show the incident (inclusive)
 * @param end when the service recovers (exclusive)
 */
public record AffectedService(String service, String host, Role role, Instant start, Instant end) {

    /** The part a service plays in an incident. */
    public enum Role {
        /** The service where the incident was injected. */
        ROOT_CAUSE,
        /** A caller (direct or transitive) that suffers because the root cause does. */
        CASCADE
    }

    /**
     * Creates an affected window.
     *
     * @param service the affected service
     * @param host the affected host, or {@code null} for every host
     * @param role the role
     * @param start the start (inclusive)
     * @param end the end (exclusive)
     */
    public AffectedService {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("affected window of " + service + " ends (" + end
                    + ") before it starts (" + start + ")");
        }
    }

    /**
     * Tells whether a record with these coordinates lies in this window.
     *
     * @param service the service of the record
     * @param host the host of the record, or {@code null} when the record has none
     * @param at the timestamp of the record
     * @return {@code true} when the service matches, the host matches (or this window covers
     *     every host) and {@code start <= at < end}
     */
    public boolean covers(String service, String host, Instant at) {
        return this.service.equals(service)
                && (this.host == null || this.host.equals(host))
                && !at.isBefore(start) && at.isBefore(end);
    }
}
