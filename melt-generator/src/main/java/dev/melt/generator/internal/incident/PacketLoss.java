package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@code packet_loss}: the network between a service and one of its callees loses packets. The
 * root cause is the edge (caller to callee), not a service.
 *
 * <p>Root (the caller): a share {@code min(0.9, I d)} of its calls to the callee (30% at the
 * defaults) lose a packet. Half are retransmitted after 200–400 ms (again, three times as
 * long in all, at the same probability), so the callee's span starts late; the other half never
 * reach the callee, and the caller waits out its 1 s client timeout and fails the call with a 504
 * {@code UPSTREAM_NO_RESPONSE}, retried once in half the cases. A request whose call failed fails
 * with probability 0.8 (retries and fallbacks absorb the rest). The caller's error rate and latency
 * rise and its logs tell of upstream timeouts; the callee sees a few fewer calls, its own spans and
 * metrics unchanged (it is not affected, nor labelled). Callers of the caller, 5–20 s later as
 * their retry budgets run out, fail when their call to it failed with probability 0.5.
 */
final class PacketLoss extends IncidentStrategy {

    private static final JsonText[] WARN_ROOT = JsonText.of("upstream call timed out, retrying",
            "TCP retransmissions to upstream above threshold", "no response from upstream within 1000 ms");

    @Override
    public AnomalyType type() {
        return AnomalyType.PACKET_LOSS;
    }

    @Override
    public boolean hitsAnEdge() {
        return true;
    }

    @Override
    public long cascadeLagMillis(UniformRandomProvider rng) {
        return 5000 + rng.nextLong(16) * 1000;
    }

    /** A flapping link or a full buffer: it starts abruptly and comes in bursts. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle(0.02, 0.10, 0.05, 0.15, 0.40);
    }

    /**
     * The share of calls on the edge that lose a packet.
     *
     * @param e the effect of a window of the incident
     * @return {@code min(0.9, I d)}
     */
    static double lossShare(IncidentEffect e) {
        return Math.min(0.9, e.intensity);
    }

    @Override
    public void effect(IncidentEffect e) {
        int s = e.service;
        double loss = lossShare(e);
        // Half of the lossy calls time out, half of those twice, 0.8 of them fail the request:
        // the level of the background ERROR lines.
        double failing = loss / 2 * 0.75 * 0.8;
        if (e.root) {
            e.edgeLoss = loss;
            e.mode = FailureMode.NETWORK_LOSS;
            e.propagation = 0.8;
            e.errorProbability = e.baseError(s) + (1 - e.baseError(s)) * failing;
        } else {
            e.mode = FailureMode.UPSTREAM_ERRORS;
            e.propagation = 0.5;
            e.errorProbability = e.baseError(s) + failing * Math.pow(0.5, e.hop);
        }
    }

    @Override
    public JsonText[] warnLines(boolean root) {
        return root ? WARN_ROOT : UPSTREAM_WARN;
    }
}
