package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorBurstTest {

    private final ErrorBurst burst = new ErrorBurst();

    @Test
    void reachesCallersTenToFortyFiveSecondsLaterAsRetryBudgetsRunDry() {
        assertThat(burst.hitsOneHost()).isFalse();
        assertThat(burst.prefersInnerServices()).isTrue();
        assertThat(burst.takesRootDown()).isFalse();
        assertThat(burst.followedBy()).isNull();
        IncidentStrategiesTest.assertLagsBetween(burst, 10_000, 45_000);
    }

    @Test
    void raisesAnErrorRateWarningWithGenericLogs() {
        assertThat(burst.warnLines(true)).isSameAs(IncidentStrategy.GENERIC_WARN);
        assertThat(burst.warnLines(false)).isSameAs(IncidentStrategy.UPSTREAM_WARN);
    }
}
