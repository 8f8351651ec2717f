package dev.melt.generator.internal.model;

import java.util.List;

/**
 * What goes wrong when a request fails, so that span status codes, error tags, log levels,
 * messages and error codes fit the cause: background errors look like a healthy service's
 * (the odd unhandled exception, shed request or timeout; client errors are {@link #CLIENT}), an outage gives connection refused and 503s, its
 * callers 502/504 and open circuit breakers, an error burst one dominant cause.
 */
public enum FailureMode {
    /** The server errors (5xx) of a healthy service. */
    BACKGROUND(List.of(
            new Cause(500, "INTERNAL_ERROR", "Unhandled exception in request handler"),
            new Cause(503, "OVERLOADED", "Request shed: concurrency limit reached"),
            new Cause(504, "UPSTREAM_TIMEOUT", "Downstream call timed out after 2000 ms"))),
    /** The server errors (5xx) of a healthy service that calls no other service. */
    BACKGROUND_LEAF(List.of(
            new Cause(500, "INTERNAL_ERROR", "Unhandled exception in request handler"),
            new Cause(503, "OVERLOADED", "Request shed: concurrency limit reached"))),
    /**
     * Client errors (4xx): the request was wrong, not the service. They are not errors of the
     * span or of {@code error_rate}, as OpenTelemetry's HTTP conventions leave 4xx of a server
     * span unset; they show in {@code http.status_code} only.
     */
    CLIENT(List.of(
            new Cause(400, "VALIDATION_FAILED", "Request validation failed: required field missing"),
            new Cause(401, "UNAUTHENTICATED", "Missing or expired credentials"),
            new Cause(404, "NOT_FOUND", "Requested resource not found"),
            new Cause(409, "CONFLICT", "Optimistic lock conflict, client should retry"))),
    /** CPU saturated: work queues up and requests are rejected or time out. */
    CPU_SATURATION(List.of(
            new Cause(503, "THREAD_POOL_EXHAUSTED", "Worker pool exhausted, request rejected"),
            new Cause(504, "REQUEST_TIMEOUT", "Request timed out waiting for a worker thread"))),
    /** The service itself is down. */
    SERVICE_DOWN(List.of(
            new Cause(503, "CONNECTION_REFUSED", "connect: connection refused"),
            new Cause(503, "SERVICE_UNAVAILABLE", "Service unavailable: no healthy instance"))),
    /** A service this one calls is down: its calls are refused or fail. */
    UPSTREAM_DOWN(List.of(
            new Cause(502, "UPSTREAM_CONNECTION_REFUSED", "Upstream call failed: connection refused"),
            new Cause(502, "UPSTREAM_ERROR", "Upstream call failed with HTTP 5xx"))),
    /** The service is slow and requests miss their deadline. */
    SLOW(List.of(new Cause(504, "DEADLINE_EXCEEDED", "Request exceeded its deadline"))),
    /** A service this one calls is slow. */
    UPSTREAM_SLOW(List.of(new Cause(504, "UPSTREAM_TIMEOUT", "Upstream call exceeded its deadline"))),
    /** Error burst caused by an exhausted database connection pool. */
    BURST_CONNECTION_POOL(List.of(
            new Cause(500, "DB_POOL_EXHAUSTED", "Cannot acquire database connection from pool within 5000 ms"))),
    /** Error burst caused by a bug reached by some requests. */
    BURST_EXCEPTION(List.of(
            new Cause(500, "NULL_POINTER", "NullPointerException in request handler"))),
    /** Error burst caused by lock contention in the data store. */
    BURST_DEADLOCK(List.of(
            new Cause(500, "DEADLOCK_DETECTED", "Deadlock detected, transaction rolled back"))),
    /** Error burst caused by a downstream provider throttling. */
    BURST_RATE_LIMITED(List.of(
            new Cause(503, "RATE_LIMITED", "Upstream provider rate limit exceeded (HTTP 429), request failed"))),
    /** A service this one calls is failing. */
    UPSTREAM_ERRORS(List.of(
            new Cause(502, "UPSTREAM_ERROR", "Upstream call failed with HTTP 5xx"))),
    /** The network to a service this one calls loses packets: some calls get no answer and time out. */
    NETWORK_LOSS(List.of(
            new Cause(504, "UPSTREAM_NO_RESPONSE", "Upstream call timed out after 1000 ms: no response received"))),
    ;

    /**
     * One cause of a failed request.
     *
     * @param id the cause's number, 0 to {@link #count()} - 1 in declaration order, so encoders
     *     can look up what they made of it in an array
     * @param httpStatus the HTTP status the request ends with
     * @param errorCode the error code logs carry
     * @param message the log message
     */
    public record Cause(int id, int httpStatus, String errorCode, String message) {
        private static int declared;

        Cause(int httpStatus, String errorCode, String message) {
            this(declared++, httpStatus, errorCode, message);
        }

        /** @return how many causes there are */
        public static int count() {
            return declared;
        }
    }

    /** The cause of a caller's failure when its callee refused the connection. */
    public static final Cause UPSTREAM_REFUSED = UPSTREAM_DOWN.causes[0];
    /** The cause of a caller's failure when its callee failed. */
    public static final Cause UPSTREAM_FAILED = UPSTREAM_DOWN.causes[1];
    /** The cause of a caller's failure when its call got no answer (a lost packet). */
    public static final Cause NETWORK_TIMEOUT = NETWORK_LOSS.causes[0];

    private final Cause[] causes;

    FailureMode(List<Cause> causes) {
        this.causes = causes.toArray(new Cause[0]);
    }

    /**
     * Picks a cause.
     *
     * @param u a uniform draw in [0, 1)
     * @return one of this mode's causes
     */
    public Cause cause(double u) {
        return causes[Math.min(causes.length - 1, (int) (u * causes.length))];
    }

    /**
     * Tells whether this mode blames a callee, so a caller fails because a call it made failed.
     *
     * @return {@code true} for the upstream modes of cascades
     */
    public boolean blamesCallee() {
        return this == UPSTREAM_DOWN || this == UPSTREAM_ERRORS || this == NETWORK_LOSS;
    }

    /** @return every cause of this mode */
    public List<Cause> causes() {
        return List.of(causes);
    }
}
