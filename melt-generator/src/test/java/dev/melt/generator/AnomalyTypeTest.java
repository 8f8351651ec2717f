package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AnomalyTypeTest {

    @ParameterizedTest
    @EnumSource(AnomalyType.class)
    void cliSpellingRoundTrips(AnomalyType type) {
        assertThat(type.id()).matches("[a-z_]+");
        assertThat(AnomalyType.parse(type.id())).isSameAs(type);
        assertThat(AnomalyType.parse(type.name())).isSameAs(type);
        assertThat(AnomalyType.parse(" " + type.id().replace('_', '-').toUpperCase() + " ")).isSameAs(type);
    }

    @Test
    void unknownNameListsTheAcceptedOnes() {
        assertThatThrownBy(() -> AnomalyType.parse("cpu_spik"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anomalies: unknown anomaly type 'cpu_spik'; accepted: "
                        + "cpu_spike, service_outage, latency_spike, error_burst, network_delay, packet_loss");
    }
}
