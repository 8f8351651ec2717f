package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.model.IncidentEffect;
import dev.melt.generator.internal.plan.RandomStreams;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class IncidentStrategiesTest {

    @Test
    void everyTypeHasExactlyTheStrategyOfItsType() {
        for (AnomalyType type : AnomalyType.values()) {
            assertThat(IncidentStrategies.standard().of(type).type()).isEqualTo(type);
        }
        assertThat(IncidentStrategies.standard().all()).extracting(IncidentStrategy::type)
                .containsExactly(AnomalyType.values());
    }

    @Test
    void replacingAStrategyLeavesTheOthersAndTheStandardSetAlone() {
        Dummy dummy = new Dummy();
        IncidentStrategies replaced = IncidentStrategies.standard().replacing(dummy);
        assertThat(replaced.of(AnomalyType.ERROR_BURST)).isSameAs(dummy);
        assertThat(replaced.of(AnomalyType.CPU_SPIKE)).isSameAs(IncidentStrategies.standard().of(AnomalyType.CPU_SPIKE));
        assertThat(IncidentStrategies.standard().of(AnomalyType.ERROR_BURST)).isInstanceOf(ErrorBurst.class);
    }

    @Test
    void aTypeWithoutStrategyFailsNamingTheType() {
        List<IncidentStrategy> missing = List.of(new CpuSpike(), new ServiceOutage(), new LatencySpike());
        assertThatThrownBy(() -> IncidentStrategies.index(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("error_burst has no incident strategy");
    }

    @Test
    void aTypeRegisteredTwiceFailsNamingBothClasses() {
        List<IncidentStrategy> twice = List.of(new CpuSpike(), new ServiceOutage(), new LatencySpike(),
                new ErrorBurst(), new Dummy());
        assertThatThrownBy(() -> IncidentStrategies.index(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("error_burst has two strategies")
                .hasMessageContaining(ErrorBurst.class.getName())
                .hasMessageContaining(Dummy.class.getName());
    }

    /**
     * Lag draws of a strategy: every one is whole seconds within [min, max] and both ends occur.
     */
    static void assertLagsBetween(IncidentStrategy strategy, long minMillis, long maxMillis) {
        UniformRandomProvider rng = RandomStreams.stream(7L, "lag-test");
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < 2000; i++) {
            long lag = strategy.cascadeLagMillis(rng);
            assertThat(lag % 1000).isZero();
            lo = Math.min(lo, lag);
            hi = Math.max(hi, lag);
        }
        assertThat(lo).isEqualTo(minMillis);
        assertThat(hi).isEqualTo(maxMillis);
    }

    /** A second strategy for a type that has one. */
    private static final class Dummy extends IncidentStrategy {
        @Override
        public AnomalyType type() {
            return AnomalyType.ERROR_BURST;
        }

        @Override
        public long cascadeLagMillis(UniformRandomProvider rng) {
            return 0;
        }

        @Override
        public void effect(IncidentEffect e) {
        }
    }
}
