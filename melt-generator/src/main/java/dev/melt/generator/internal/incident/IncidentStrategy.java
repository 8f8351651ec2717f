package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.model.IncidentEffect;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Everything one incident type means, in one place: how the scheduler places it and spreads it to
 * callers, what it does to the hosts of each affected service (and so to the request population
 * that metrics, spans and logs are drawn from), the WARN lines it adds to the logs and the alert
 * it raises. The generation code never asks which type an incident is; it asks the type's
 * strategy ({@link IncidentStrategies#of}). Strategies are stateless and shared by every plan.
 *
 * <p>Adding a type: see docs/incidents.md, "Adding an incident type".
 */
public abstract class IncidentStrategy {

    /** WARN lines of a root cause whose type has no lines of its own. */
    static final JsonText[] GENERIC_WARN = JsonText.of("slow garbage collection pause",
            "connection pool nearly exhausted", "retrying request to upstream");
    /** WARN lines of the callers of a failing service. */
    static final JsonText[] UPSTREAM_WARN = JsonText.of("retrying request to upstream",
            "upstream latency above threshold", "circuit breaker half-open, probing upstream");

    /** @return the public name of the type this strategy implements */
    public abstract AnomalyType type();

    // ----- schedule -----

    /**
     * Tells whether the incident hits one host of its root-cause service (a CPU spike) rather than
     * every host. The scheduler draws the host only for such types.
     *
     * @return {@code true} for one host
     */
    public boolean hitsOneHost() {
        return false;
    }

    /**
     * Tells whether the root cause is an edge of the call graph, the calls from a service to one of
     * its callees, rather than a service or host: the scheduler then draws the caller among the
     * services that call another (weighted as {@link #prefersInnerServices()} says) and the callee
     * among its callees. The caller's window is the root-cause window; the callee is not affected.
     *
     * @return {@code true} for network incidents
     */
    public boolean hitsAnEdge() {
        return false;
    }

    /**
     * Tells whether services that have callers are three times as likely as entry services to be
     * the root cause.
     *
     * @return {@code true} to weight inner services
     */
    public boolean prefersInnerServices() {
        return true;
    }

    /**
     * Draws the lag with which a caller starts to show the incident after its callee: the cascade
     * rule of the type.
     *
     * @param rng the scheduler's stream
     * @return the lag, whole seconds in ms
     */
    public abstract long cascadeLagMillis(UniformRandomProvider rng);

    /**
     * Returns the type that follows this one, half of the time, on the same service when both are
     * requested (an error burst after a latency spike), or {@code null}.
     *
     * @return the follow-up type, or {@code null}
     */
    public AnomalyType followedBy() {
        return null;
    }

    // ----- world -----

    /**
     * How an incident of this type unfolds inside each affected window: the share of the window
     * its effects take to build up, the share at its end over which they recover, and how much
     * they wobble on the way (the relative amplitude of a smooth noise on their strength).
     *
     * @return the life cycle; by default a ramp over 10–30% of the window, a recovery over the
     *     last 10–25%, a wobble of ±15%
     */
    public Lifecycle lifecycle() {
        return Lifecycle.DEFAULT;
    }

    /**
     * The shape of an incident's life in a window: ramp-up and recovery as ranges of shares of the
     * window (drawn per incident from the seed), and the wobble's relative amplitude.
     *
     * @param rampMin the shortest ramp-up, as a share of the window
     * @param rampMax the longest ramp-up
     * @param recoveryMin the shortest recovery at the window's end
     * @param recoveryMax the longest recovery
     * @param wobble the relative amplitude of the strength's noise
     */
    public record Lifecycle(double rampMin, double rampMax, double recoveryMin, double recoveryMax, double wobble) {
        /** The default shape. */
        public static final Lifecycle DEFAULT = new Lifecycle(0.10, 0.30, 0.10, 0.25, 0.15);
    }

    /**
     * Works out what one affected window does to its service: sets the output fields of the
     * effect from its inputs. Called once per window when the model is built, never per record.
     *
     * @param e the window's effect to fill
     */
    public abstract void effect(IncidentEffect e);

    /**
     * Tells whether the root cause goes down: its requests are refused (the request counter stops
     * counting them), its hosts restart when it ends, and a recovery event (restart or rollback)
     * closes it.
     *
     * @return {@code true} for outages
     */
    public boolean takesRootDown() {
        return false;
    }

    // ----- logs -----

    /**
     * Returns the WARN lines a service logs in the background during the incident.
     *
     * @param root whether the service is the root cause
     * @return the messages, encoded once
     */
    public JsonText[] warnLines(boolean root) {
        return root ? GENERIC_WARN : UPSTREAM_WARN;
    }

}
