package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuSpikeTest {

    private final CpuSpike spike = new CpuSpike();

    @Test
    void hitsOneHostOfAnyServiceAndReachesCallersTwoToEightSecondsLater() {
        assertThat(spike.hitsOneHost()).isTrue();
        assertThat(spike.prefersInnerServices()).isFalse();
        assertThat(spike.takesRootDown()).isFalse();
        assertThat(spike.followedBy()).isNull();
        IncidentStrategiesTest.assertLagsBetween(spike, 2000, 8000);
    }

    @Test
    void logsCpuThrottlingOnTheRootAndSlowUpstreamCallsOnCallersAndRaisesAHighCpuWarning() {
        assertThat(spike.warnLines(true)).hasSize(3).isNotSameAs(IncidentStrategy.GENERIC_WARN);
        assertThat(spike.warnLines(false)).isSameAs(IncidentStrategy.UPSTREAM_WARN);
    }
}
