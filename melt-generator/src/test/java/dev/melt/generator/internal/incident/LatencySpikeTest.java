package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyType;
import org.junit.jupiter.api.Test;

class LatencySpikeTest {

    private final LatencySpike spike = new LatencySpike();

    @Test
    void travelsWithSynchronousCallsAndIsOftenFollowedByAnErrorBurst() {
        assertThat(spike.hitsOneHost()).isFalse();
        assertThat(spike.prefersInnerServices()).isTrue();
        assertThat(spike.takesRootDown()).isFalse();
        assertThat(spike.followedBy()).isEqualTo(AnomalyType.ERROR_BURST);
        IncidentStrategiesTest.assertLagsBetween(spike, 1000, 3000);
    }

    @Test
    void theRootLogsSlownessItsCallersSlowUpstreams() {
        assertThat(spike.warnLines(true)).hasSize(3).isNotSameAs(IncidentStrategy.GENERIC_WARN);
        assertThat(spike.warnLines(false)).isSameAs(IncidentStrategy.UPSTREAM_WARN);
    }
}
