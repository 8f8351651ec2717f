package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@code cpu_spike}: one host of the root-cause service saturates.
 *
 * <p>Root host: CPU moves {@code 1 - e^(-0.55 I d)} of the way from its mean to 100% (84–93% at
 * the defaults), capped at 93% plus ±2% noise; latency and errors rise with saturation. Callers,
 * on every host (any request may be routed to the sick host), 2–8 s later as the queue builds up:
 * their calls to the root service are slower by the root host's extra own time times the share of
 * calls routed to it (1 / its hosts); their own time and CPU are untouched. Any service may be the
 * root cause, entry services as likely as the others.
 */
final class CpuSpike extends IncidentStrategy {

    private static final JsonText[] WARN_CPU = JsonText.of("CPU throttling detected, request queue growing",
            "event loop lag above 200 ms", "worker pool saturated, queueing requests");

    @Override
    public AnomalyType type() {
        return AnomalyType.CPU_SPIKE;
    }

    @Override
    public boolean hitsOneHost() {
        return true;
    }

    @Override
    public boolean prefersInnerServices() {
        return false;
    }

    @Override
    public long cascadeLagMillis(UniformRandomProvider rng) {
        // Slowness builds as the saturated host's queue grows, then travels with the calls.
        return 2000 + rng.nextLong(7) * 1000;
    }

    /** A runaway process or a load surge builds for minutes; once killed or shed, CPU falls back fast. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle(0.15, 0.35, 0.05, 0.15, 0.10);
    }

    @Override
    public void effect(IncidentEffect e) {
        int rootService = e.rootService;
        double plateau = e.rootHostCpuPlateau(e.intensity);
        if (e.root) {
            e.cpuPlateau = plateau;
            e.mode = FailureMode.CPU_SATURATION;
        } else {
            // Only calls routed to the saturated host get slower, by what its own time grows.
            double share = 1.0 / e.hostCount(rootService);
            double rootE2e = e.baselineMedianMs(rootService);
            double factor = 1 + share * e.ownMedianMs(rootService) * (IncidentEffect.saturation(plateau) - 1) / rootE2e;
            e.latencyFactor = e.endToEndMs(e.service, rootService, factor) / e.baselineMedianMs(e.service);
            e.mode = FailureMode.UPSTREAM_ERRORS;
            e.propagation = 0.5;
        }
    }

    @Override
    public JsonText[] warnLines(boolean root) {
        // A caller's CPU is untouched: it sees slow calls, not throttling.
        return root ? WARN_CPU : UPSTREAM_WARN;
    }

}
