package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@code network_delay}: the network between a service and one of its callees gets slow. The root
 * cause is the edge (caller to callee), not a service.
 *
 * <p>Root (the caller): each of its calls to the callee takes a round trip of
 * {@code I d max(20 ms, m)} longer, {@code m} the callee's median server span (80 ms or four
 * medians at the defaults), log-normal with sigma 0.25, half before the callee's span starts and
 * half after it ends. So the caller's spans and latency metrics grow by that much per call and its
 * slow-request WARN lines follow, a few more of its requests miss their deadline; the callee's own
 * spans, metrics and logs stay as they are (it is not affected, nor labelled). Callers of the caller,
 * 1–3 s later (latency travels with synchronous calls): slower by what their slow callee adds.
 */
final class NetworkDelay extends IncidentStrategy {

    private static final JsonText[] WARN_ROOT = JsonText.of("upstream round-trip time above threshold",
            "slow response from upstream: time on the wire, not in the upstream handler",
            "upstream call took longer than its server reported");

    @Override
    public AnomalyType type() {
        return AnomalyType.NETWORK_DELAY;
    }

    @Override
    public boolean hitsAnEdge() {
        return true;
    }

    @Override
    public long cascadeLagMillis(UniformRandomProvider rng) {
        return 1000 + rng.nextLong(3) * 1000;
    }

    /** A congested or rerouted link: quick to build up, steady with the traffic, quick to clear. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle(0.05, 0.20, 0.05, 0.20, 0.15);
    }

    /**
     * The round trip the network adds to each call on the edge of an incident, ms.
     *
     * @param e the effect of a window of the incident
     * @return {@code I d max(20, callee's median server span)}
     */
    static double addedRoundTripMs(IncidentEffect e) {
        return e.intensity * Math.max(20, e.baselineMedianMs(e.edgeCallee));
    }

    @Override
    public void effect(IncidentEffect e) {
        int s = e.service;
        double added = addedRoundTripMs(e);
        double rootBase = e.baselineMedianMs(e.rootService);
        // One call to the callee per request of the caller, as a rough guide to how much slower it is.
        double rootFactor = (rootBase + added) / rootBase;
        double ratio = e.endToEndMs(s, e.rootService, rootFactor) / e.baselineMedianMs(s);
        e.errorProbability = e.baseError(s) + Math.min(0.05, 0.005 * (ratio - 1));
        e.mode = FailureMode.UPSTREAM_SLOW;
        if (e.root) {
            // The spans grow by the requests' own time on the wire; the model's median (the
            // threshold of slow-request lines) stays, so the slow calls show as slow requests.
            e.edgeDelayMs = added;
        } else {
            e.latencyFactor = ratio;
        }
    }

    @Override
    public JsonText[] warnLines(boolean root) {
        return root ? WARN_ROOT : UPSTREAM_WARN;
    }
}
