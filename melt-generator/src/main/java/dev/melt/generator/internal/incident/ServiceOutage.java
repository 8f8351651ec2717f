package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@code service_outage}: the root-cause service goes down.
 *
 * <p>Root: every request fails (share {@code min(1, I d)}), 85% are refused before reaching it,
 * CPU falls to idle, memory to a fresh process; its hosts restart when it ends, announced by a
 * restart or rollback event. Callers at hop {@code k}, 5–30 s later as retries and connection
 * pools give out: {@code 0.8 * 0.75^(k-1) * d} of their requests fail (502) and their server spans
 * take {@code 1.5 * 0.7^(k-1) * d} times their median longer. In spans that time is the direct
 * callers' wait on refused calls (timeouts, retries), their own time since the dead callee leaves
 * no span; callers further up are slower only through their child spans.
 */
final class ServiceOutage extends IncidentStrategy {

    @Override
    public AnomalyType type() {
        return AnomalyType.SERVICE_OUTAGE;
    }

    @Override
    public long cascadeLagMillis(UniformRandomProvider rng) {
        return 5000 + rng.nextLong(26) * 1000;
    }

    /** A crash is abrupt; the restart at the end is not: instances come back, warm up, take traffic. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle(0, 0, 0.10, 0.20, 0.05);
    }

    @Override
    public void effect(IncidentEffect e) {
        int s = e.service;
        double d = e.difficulty;
        if (e.root) {
            double failing = Math.min(1, e.intensity);
            e.down = failing >= 1;
            e.servedShare = e.down ? IncidentEffect.DOWN_SERVED_SHARE : 1;
            e.errorProbability = failing;
            e.latencyFactor = e.down ? 0.1 : 1;
            e.ownFactor = e.latencyFactor;
            e.mode = FailureMode.SERVICE_DOWN;
        } else {
            int hop = e.hop;
            double base = e.baseError(s);
            double e2eBase = e.baselineMedianMs(s);
            double share = Math.min(0.97, 0.8 * Math.pow(0.75, hop - 1) * d * Math.min(1, e.configuredIntensity));
            e.errorProbability = base + (1 - base) * share;
            // The root fails every call; further up, each hop passes on 0.75 of its callee's failures.
            e.propagation = hop <= 1 ? share : Math.min(0.97, 0.75 * d);
            double penalty = e2eBase * 1.5 * Math.pow(0.7, hop - 1) * d;
            e.latencyFactor = (e2eBase + penalty) / e2eBase;
            // The wait is spent on refused calls (most calls to a dead service are refused);
            // callers further up wait only through their slower child spans, never in their own time.
            e.refusedCallWaitMs = e2eBase * 1.5 * d / (1 - IncidentEffect.DOWN_SERVED_SHARE);
            e.mode = FailureMode.UPSTREAM_DOWN;
        }
    }

    @Override
    public boolean takesRootDown() {
        return true;
    }

}
