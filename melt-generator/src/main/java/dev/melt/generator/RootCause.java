package dev.melt.generator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an incident's root cause is: a whole service, one host of a service, the network between a
 * calling service and one of its callees (an edge of the call graph), or one deployed version of a
 * service. Written in {@code ground_truth.json} as the {@code root_cause} object of an incident,
 * every field present, {@code null} where the kind does not use it:
 *
 * <pre>{@code
 * "root_cause" : { "kind" : "edge", "service" : null, "host" : null,
 *                  "caller" : "api", "callee" : "db", "version" : null }
 * }</pre>
 *
 * <p>Which fields a kind uses, and must have:
 * <ul>
 *   <li>{@link Kind#SERVICE}: {@code service};</li>
 *   <li>{@link Kind#HOST}: {@code service} and {@code host};</li>
 *   <li>{@link Kind#EDGE}: {@code caller} and {@code callee}, the calls from {@code caller} to
 *       {@code callee} (directed: the reverse edge is another one);</li>
 *   <li>{@link Kind#VERSION}: {@code service} and {@code version}.</li>
 * </ul>
 *
 * @param kind what the root cause is
 * @param service the service, for every kind but {@link Kind#EDGE}; {@code null} for an edge
 * @param host the host, for {@link Kind#HOST} only
 * @param caller the calling service, for {@link Kind#EDGE} only
 * @param callee the called service, for {@link Kind#EDGE} only
 * @param version the deployed version, for {@link Kind#VERSION} only
 */
public record RootCause(Kind kind, String service, String host, String caller, String callee, String version) {

    /** The kinds of root cause. */
    public enum Kind {
        /** Every host of one service. */
        SERVICE,
        /** One host of one service. */
        HOST,
        /** The calls from one service to one of its callees: the network between them. */
        EDGE,
        /** One deployed version of a service. */
        VERSION;

        /** @return the spelling in {@code ground_truth.json}, for example {@code edge} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a kind from its spelling in {@code ground_truth.json}, case tolerated.
         *
         * @param text the spelling
         * @return the kind
         * @throws IllegalArgumentException naming the value and the accepted kinds
         */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("root_cause.kind: unknown kind '" + text + "'; accepted: "
                    + Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Creates a root cause, checking that exactly the fields of its kind are set.
     *
     * @param kind what the root cause is
     * @param service the service, or {@code null} for an edge
     * @param host the host of a {@link Kind#HOST}, else {@code null}
     * @param caller the caller of an {@link Kind#EDGE}, else {@code null}
     * @param callee the callee of an {@link Kind#EDGE}, else {@code null}
     * @param version the version of a {@link Kind#VERSION}, else {@code null}
     * @throws IllegalArgumentException when a field the kind needs is missing or one it does not
     *     use is set
     */
    public RootCause {
        Objects.requireNonNull(kind, "kind");
        need(kind, "service", service, kind != Kind.EDGE);
        need(kind, "host", host, kind == Kind.HOST);
        need(kind, "caller", caller, kind == Kind.EDGE);
        need(kind, "callee", callee, kind == Kind.EDGE);
        need(kind, "version", version, kind == Kind.VERSION);
        if (kind == Kind.EDGE && caller.equals(callee)) {
            throw new IllegalArgumentException("root cause of kind edge: caller and callee are the same service '"
                    + caller + "'; an edge joins two services");
        }
    }

    private static void need(Kind kind, String field, String value, boolean used) {
        if (used && (value == null || value.isEmpty())) {
            throw new IllegalArgumentException("root cause of kind " + kind.id() + " needs a " + field);
        }
        if (!used && value != null) {
            throw new IllegalArgumentException("root cause of kind " + kind.id() + " has no " + field
                    + " (got '" + value + "')");
        }
    }

    /**
     * A whole service.
     *
     * @param service the service
     * @return the root cause
     */
    public static RootCause service(String service) {
        return new RootCause(Kind.SERVICE, service, null, null, null, null);
    }

    /**
     * One host of a service.
     *
     * @param service the service
     * @param host its host
     * @return the root cause
     */
    public static RootCause host(String service, String host) {
        return new RootCause(Kind.HOST, service, host, null, null, null);
    }

    /**
     * The calls from one service to another.
     *
     * @param caller the calling service
     * @param callee the called service
     * @return the root cause
     */
    public static RootCause edge(String caller, String callee) {
        return new RootCause(Kind.EDGE, null, null, caller, callee, null);
    }

    /**
     * One deployed version of a service.
     *
     * @param service the service
     * @param version the version
     * @return the root cause
     */
    public static RootCause version(String service, String version) {
        return new RootCause(Kind.VERSION, service, null, null, null, version);
    }

    /**
     * Returns the root cause of a ground truth written before root causes had kinds: the host
     * when there is one, otherwise the service.
     *
     * @param service the {@code root_cause_service}
     * @param host the {@code root_cause_host}, or {@code null}
     * @return the root cause
     */
    public static RootCause of(String service, String host) {
        return host == null ? service(service) : host(service, host);
    }

    /**
     * Returns the service where an incident with this root cause shows first: the service, or the
     * caller of an edge (the callee of an edge does not see the trouble: its own spans stay normal).
     *
     * @return the service
     */
    public String originService() {
        return kind == Kind.EDGE ? caller : service;
    }

    /** @return {@code api}, {@code api (host api-02)}, {@code api -> db} or {@code api@1.4.2} */
    @Override
    public String toString() {
        return switch (kind) {
            case SERVICE -> service;
            case HOST -> service + " (host " + host + ")";
            case EDGE -> caller + " -> " + callee;
            case VERSION -> service + "@" + version;
        };
    }
}
