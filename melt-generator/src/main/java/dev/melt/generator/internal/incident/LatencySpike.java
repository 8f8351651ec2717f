package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@code latency_spike}: the root-cause service gets slow.
 *
 * <p>Root: server spans {@code max(1.1, I d)} times slower (5x at the defaults), a few more
 * timeouts. Callers, 1–3 s later (latency travels with synchronous calls): slower by exactly what
 * their slow callee adds. Half of the spikes are followed on the same service by an
 * {@link ErrorBurst} when both types are requested.
 */
final class LatencySpike extends IncidentStrategy {

    private static final JsonText[] WARN_SLOW = JsonText.of("response time above SLO threshold",
            "slow query detected", "request queue depth above threshold");

    @Override
    public AnomalyType type() {
        return AnomalyType.LATENCY_SPIKE;
    }

    @Override
    public long cascadeLagMillis(UniformRandomProvider rng) {
        return 1000 + rng.nextLong(3) * 1000;
    }

    @Override
    public AnomalyType followedBy() {
        return AnomalyType.ERROR_BURST;
    }

    /** A slow dependency or a lock convoy builds up, wobbles as load varies, and drains as the queue empties. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle(0.10, 0.30, 0.10, 0.30, 0.20);
    }

    @Override
    public void effect(IncidentEffect e) {
        int s = e.service;
        double m = Math.max(1.1, e.intensity);
        double e2eBase = e.baselineMedianMs(s);
        double ratio = e.endToEndMs(s, e.rootService, m) / e2eBase;
        e.latencyFactor = ratio;
        e.ownFactor = e.root ? (e2eBase * m - e.calleeMedianMs(s)) / e.ownMedianMs(s) : 1;
        e.errorProbability = e.baseError(s) + Math.min(0.05, 0.005 * (ratio - 1));
        e.mode = e.root ? FailureMode.SLOW : FailureMode.UPSTREAM_SLOW;
        // The slowest requests slow down most: p99 moves about 1.4 times as far as p50.
        e.tailWidening = e.root ? 0.3 : 0;
    }

    @Override
    public JsonText[] warnLines(boolean root) {
        return root ? WARN_SLOW : UPSTREAM_WARN;
    }

}
