package dev.melt.assertions;

import dev.melt.generator.Incident;
import java.util.Objects;

/**
 * One entry of a root-cause ranking: a service, optionally narrowed to a host.
 *
 * @param service the suspected service
 * @param host the suspected host, or {@code null} when the candidate is the whole service
 */
public record RootCauseCandidate(String service, String host) {

    /**
     * Creates a candidate.
     *
     * @param service the suspected service
     * @param host the suspected host, or {@code null}
     */
    public RootCauseCandidate {
        Objects.requireNonNull(service, "service");
    }

    /**
     * Creates a service-level candidate.
     *
     * @param service the suspected service
     * @return the candidate
     */
    public static RootCauseCandidate service(String service) {
        return new RootCauseCandidate(service, null);
    }

    /**
     * Returns a copy narrowed to a host.
     *
     * @param hostName the suspected host
     * @return the copy
     */
    public RootCauseCandidate onHost(String hostName) {
        return new RootCauseCandidate(service, Objects.requireNonNull(hostName, "host"));
    }

    /**
     * Tells whether this candidate names the incident's root cause: the same service, and the
     * same host when both the candidate and the incident name one.
     *
     * @param incident the incident
     * @return {@code true} when the candidate is the root cause
     */
    public boolean isRootCauseOf(Incident incident) {
        return service.equals(incident.rootCauseService())
                && (host == null || incident.rootCauseHost() == null || host.equals(incident.rootCauseHost()));
    }

    /** @return {@code service} or {@code service (host h)} */
    @Override
    public String toString() {
        return host == null ? service : service + " (host " + host + ")";
    }
}
