package dev.melt.generator;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of an incident's cascade: the {@code caller} started to suffer {@code lag} after
 * its {@code callee} did.
 *
 * @param callee the service the incident came from
 * @param caller the service that calls {@code callee} and was hit in turn
 * @param lag the delay between the callee's and the caller's onset
 */
public record CascadeEdge(String callee, String caller, Duration lag) {

    /**
     * Creates a cascade edge.
     *
     * @param callee the service the incident came from
     * @param caller the calling service it spread to
     * @param lag the onset delay, not negative
     */
    public CascadeEdge {
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(lag, "lag");
        if (lag.isNegative()) {
            throw new IllegalArgumentException("cascade lag from " + callee + " to " + caller + " is negative: " + lag);
        }
    }
}
