package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.RootCause;
import dev.melt.generator.internal.model.FailureMode;
import org.junit.jupiter.api.Test;

class PacketLossTest {

    private final PacketLoss loss = new PacketLoss();

    @Test
    void hitsAnEdgeAndReachesTheCallersCallersFiveToTwentySecondsLater() {
        assertThat(loss.type()).isEqualTo(AnomalyType.PACKET_LOSS);
        assertThat(loss.hitsAnEdge()).isTrue();
        assertThat(loss.hitsOneHost()).isFalse();
        assertThat(loss.takesRootDown()).isFalse();
        assertThat(loss.followedBy()).isNull();
        IncidentStrategiesTest.assertLagsBetween(loss, 5000, 20000);
    }

    @Test
    void theCallerLogsUpstreamTimeoutsItsCallersFailingUpstreams() {
        assertThat(loss.warnLines(true)).hasSize(3).isNotSameAs(IncidentStrategy.GENERIC_WARN);
        assertThat(loss.warnLines(false)).isSameAs(IncidentStrategy.UPSTREAM_WARN);
        assertThat(FailureMode.NETWORK_LOSS.blamesCallee()).isTrue();
        assertThat(FailureMode.NETWORK_TIMEOUT.errorCode()).isEqualTo("UPSTREAM_NO_RESPONSE");
        assertThat(FailureMode.NETWORK_TIMEOUT.httpStatus()).isEqualTo(504);
    }

    @Test
    void theShareOfLossyCallsGrowsWithTheDifficulty() {
        double[] share = new double[3];
        Difficulty[] levels = {Difficulty.SUBTLE, Difficulty.NORMAL, Difficulty.LOUD};
        for (int k = 0; k < levels.length; k++) {
            EdgeModel.Middle m = EdgeModel.middle(AnomalyType.PACKET_LOSS, levels[k], 4);
            RootCause rc = m.incident().rootCause();
            assertThat(rc.kind()).isEqualTo(RootCause.Kind.EDGE);
            assertThat(m.caller().edgeCallee).isEqualTo(m.topology().service(rc.callee()).index());
            assertThat(m.caller().edgeDelayMs).isZero();
            assertThat(m.caller().failureMode).isEqualTo(FailureMode.NETWORK_LOSS);
            assertThat(m.caller().propagation).isPositive();
            share[k] = m.caller().edgeLoss;
        }
        // min(0.9, 0.3 d) times the incident's strength at that instant, the same at every level.
        assertThat(share[1]).isBetween(0.3 * 0.5, 0.3 * 1.5);
        assertThat(share[0] / share[1]).isCloseTo(0.5, within(1e-9));
        assertThat(share[2] / share[1]).isCloseTo(1.5, within(1e-9));
    }
}
