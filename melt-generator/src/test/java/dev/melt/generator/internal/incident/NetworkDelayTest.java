package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.RootCause;
import dev.melt.generator.internal.model.FailureMode;
import org.junit.jupiter.api.Test;

class NetworkDelayTest {

    private final NetworkDelay delay = new NetworkDelay();

    @Test
    void hitsAnEdgeAndTravelsWithSynchronousCallsToTheCallersCallers() {
        assertThat(delay.type()).isEqualTo(AnomalyType.NETWORK_DELAY);
        assertThat(delay.hitsAnEdge()).isTrue();
        assertThat(delay.hitsOneHost()).isFalse();
        assertThat(delay.takesRootDown()).isFalse();
        assertThat(delay.followedBy()).isNull();
        IncidentStrategiesTest.assertLagsBetween(delay, 1000, 3000);
    }

    @Test
    void theCallerLogsSlowRoundTripsItsCallersSlowUpstreams() {
        assertThat(delay.warnLines(true)).hasSize(3).isNotSameAs(IncidentStrategy.GENERIC_WARN);
        assertThat(delay.warnLines(false)).isSameAs(IncidentStrategy.UPSTREAM_WARN);
    }

    @Test
    void theCallsOnTheEdgeSlowDownInProportionToTheDifficulty() {
        double[] added = new double[3];
        Difficulty[] levels = {Difficulty.SUBTLE, Difficulty.NORMAL, Difficulty.LOUD};
        for (int k = 0; k < levels.length; k++) {
            EdgeModel.Middle m = EdgeModel.middle(AnomalyType.NETWORK_DELAY, levels[k], 4);
            RootCause rc = m.incident().rootCause();
            assertThat(rc.kind()).isEqualTo(RootCause.Kind.EDGE);
            assertThat(m.caller().incidentId).isEqualTo(m.incident().id());
            assertThat(m.caller().edgeCallee).isEqualTo(m.topology().service(rc.callee()).index());
            assertThat(m.caller().edgeLoss).isZero();
            assertThat(m.caller().failureMode).isEqualTo(FailureMode.UPSTREAM_SLOW);
            added[k] = m.caller().edgeDelayMs;
        }
        // 4 x at least 20 ms at normal; the wobble is the same at each level (same seed).
        assertThat(added[1]).isGreaterThanOrEqualTo(0.7 * 80);
        assertThat(added[0] / added[1]).isCloseTo(0.5, within(1e-9));
        assertThat(added[2] / added[1]).isCloseTo(1.5, within(1e-9));
    }
}
