package dev.melt.assertions;

import dev.melt.generator.Incident;
import dev.melt.generator.RootCause;
import java.util.Objects;

/**
 * One entry of a root-cause ranking: a service, optionally narrowed to a host or to a deployed
 * version, or an edge of the call graph (the calls from one service to another).
 *
 * <p>A candidate names an incident's root cause ({@link #isRootCauseOf}) when:
 * <ul>
 *   <li>the incident's root cause is an {@linkplain RootCause.Kind#EDGE edge}: the candidate is the
 *       same edge, same caller and same callee (a service, even the caller, is not the edge);</li>
 *   <li>otherwise: the candidate is not an edge, names the root cause's service, and the same host
 *       when both name a host, and the same version when both name a version (a whole service
 *       names each of its hosts and versions).</li>
 * </ul>
 *
 * @param cause what the candidate suspects
 */
public record RootCauseCandidate(RootCause cause) {

    /**
     * Creates a candidate.
     *
     * @param cause what the candidate suspects
     */
    public RootCauseCandidate {
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * Creates a service candidate, or a host candidate when {@code host} is not {@code null}.
     *
     * @param service the suspected service
     * @param host the suspected host, or {@code null}
     */
    public RootCauseCandidate(String service, String host) {
        this(RootCause.of(Objects.requireNonNull(service, "service"), host));
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
     * Creates an edge candidate: the calls from {@code caller} to {@code callee}, as in a
     * {@code network_delay} or {@code packet_loss} incident.
     *
     * @param caller the calling service
     * @param callee the called service
     * @return the candidate
     */
    public static RootCauseCandidate edge(String caller, String callee) {
        return new RootCauseCandidate(RootCause.edge(caller, callee));
    }

    /**
     * Creates a version candidate: one deployed version of a service.
     *
     * @param service the suspected service
     * @param version the suspected version
     * @return the candidate
     */
    public static RootCauseCandidate version(String service, String version) {
        return new RootCauseCandidate(RootCause.version(service, version));
    }

    /**
     * Returns a copy narrowed to a host.
     *
     * @param hostName the suspected host
     * @return the copy
     * @throws IllegalArgumentException when this candidate is not a whole service
     */
    public RootCauseCandidate onHost(String hostName) {
        if (cause.kind() != RootCause.Kind.SERVICE) {
            throw new IllegalArgumentException("onHost: only a service candidate narrows to a host, not " + this);
        }
        return new RootCauseCandidate(RootCause.host(cause.service(), Objects.requireNonNull(hostName, "host")));
    }

    /** @return the suspected service, or {@code null} for an edge */
    public String service() {
        return cause.service();
    }

    /** @return the suspected host, or {@code null} when the candidate names none */
    public String host() {
        return cause.host();
    }

    /**
     * Tells whether this candidate names the incident's root cause (see the class comment).
     *
     * @param incident the incident
     * @return {@code true} when the candidate is the root cause
     */
    public boolean isRootCauseOf(Incident incident) {
        RootCause truth = incident.rootCause();
        boolean edge = cause.kind() == RootCause.Kind.EDGE;
        if (edge || truth.kind() == RootCause.Kind.EDGE) {
            return edge && truth.kind() == RootCause.Kind.EDGE
                    && cause.caller().equals(truth.caller()) && cause.callee().equals(truth.callee());
        }
        return cause.service().equals(truth.service())
                && agree(cause.host(), truth.host()) && agree(cause.version(), truth.version());
    }

    private static boolean agree(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    /** @return {@code service}, {@code service (host h)}, {@code caller -> callee} or {@code service@version} */
    @Override
    public String toString() {
        return cause.toString();
    }
}
