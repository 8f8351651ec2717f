package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import dev.melt.generator.internal.plan.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@code error_burst}: the root-cause service fails many requests for one cause.
 *
 * <p>Root: error probability {@code min(0.95, I d)} (30% at the defaults) with one cause per
 * incident (connection pool, exception, deadlock, throttling). Callers at hop {@code k}, 10–45 s
 * later as retry budgets run dry: the excess over their base rate times {@code 0.5^k}.
 */
final class ErrorBurst extends IncidentStrategy {

    /** The causes, one of which is picked per incident. */
    private static final FailureMode[] CAUSES = {FailureMode.BURST_CONNECTION_POOL, FailureMode.BURST_EXCEPTION,
        FailureMode.BURST_DEADLOCK, FailureMode.BURST_RATE_LIMITED};

    @Override
    public AnomalyType type() {
        return AnomalyType.ERROR_BURST;
    }

    @Override
    public long cascadeLagMillis(UniformRandomProvider rng) {
        return 10_000 + rng.nextLong(36) * 1000;
    }

    /** A bad code path or an exhausted pool fails at once and intermittently, and stops with the fix. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle(0.02, 0.10, 0.05, 0.15, 0.60);
    }

    @Override
    public void effect(IncidentEffect e) {
        int s = e.service;
        double p = Math.min(0.95, Math.max(1.5 * e.baseError(s), e.intensity));
        int rootService = e.rootService;
        double rootP = Math.min(0.95, Math.max(1.5 * e.baseError(rootService), e.intensity));
        e.errorProbability = e.root ? p : e.baseError(s) + (rootP - e.baseError(rootService)) * Math.pow(0.5, e.hop);
        e.latencyFactor = 1.05;
        // Callers wait only through the root's slower spans.
        e.ownFactor = e.root ? 1.05 : 1;
        int cause = (int) (RandomStreams.uniform(RandomStreams.key(e.seed, "burst-cause"),
                e.incident.id().hashCode()) * CAUSES.length);
        e.mode = e.root ? CAUSES[cause] : FailureMode.UPSTREAM_ERRORS;
        e.propagation = e.root ? 0 : 0.5;
    }
}
