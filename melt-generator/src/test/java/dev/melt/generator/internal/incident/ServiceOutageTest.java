package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceOutageTest {

    private final ServiceOutage outage = new ServiceOutage();

    @Test
    void takesEveryHostOfAnInnerServiceDownAndReachesCallersFiveToThirtySecondsLater() {
        assertThat(outage.hitsOneHost()).isFalse();
        assertThat(outage.prefersInnerServices()).isTrue();
        assertThat(outage.takesRootDown()).isTrue();
        assertThat(outage.followedBy()).isNull();
        IncidentStrategiesTest.assertLagsBetween(outage, 5000, 30_000);
    }

    @Test
    void theRootIsDownCriticallyAndItsCallersSeeErrors() {
        assertThat(outage.warnLines(true)).isSameAs(IncidentStrategy.GENERIC_WARN);
        assertThat(outage.warnLines(false)).isSameAs(IncidentStrategy.UPSTREAM_WARN);
    }
}
