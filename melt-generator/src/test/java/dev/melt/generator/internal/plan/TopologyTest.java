package dev.melt.generator.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.GenerationConfig;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void defaultFleetHasTwoHostsPerServiceAndCallersDerivedFromTheCallGraph() {
        Topology t = Topology.of(GenerationConfig.defaults());
        assertThat(t.services()).extracting(Topology.Service::name)
                .containsExactly("web", "api", "auth", "payment", "database", "cache");
        assertThat(t.hosts()).hasSize(12);
        assertThat(t.service("payment").hosts()).extracting(Topology.Host::name)
                .containsExactly("payment-01", "payment-02");
        assertThat(t.service("database").callers()).containsExactly(t.service("payment").index());
        assertThat(t.entryServices()).extracting(Topology.Service::name).containsExactly("web");
        assertThat(t.service("web").depth()).isZero();
        assertThat(t.service("database").depth()).isEqualTo(3);
    }

    @Test
    void generatedHostNamesAreZeroPaddedToTwoDigitsAsWithPercent02d() {
        Topology t = Topology.of(GenerationConfig.builder().services("a").hostsPerService(10).build());
        assertThat(t.service("a").hosts()).extracting(Topology.Host::name)
                .startsWith("a-01", "a-02").endsWith("a-09", "a-10");
        for (int v : new int[] {0, 7, 12, 99, 100, 12345}) {
            assertThat(Topology.zeroPadded(v, 2)).isEqualTo(String.format("%02d", v));
            assertThat(Topology.zeroPadded(v, 4)).isEqualTo(String.format("%04d", v));
        }
    }

    @Test
    void givenHostsAreDealtRoundRobinAndEnvironmentsToHosts() {
        GenerationConfig c = GenerationConfig.builder().services("a", "b")
                .hosts(List.of("h1", "h2", "h3")).environments(List.of("prod", "staging")).build();
        Topology t = Topology.of(c);
        assertThat(t.service("a").hosts()).extracting(Topology.Host::name).containsExactly("h1", "h3");
        assertThat(t.service("b").hosts()).extracting(Topology.Host::name).containsExactly("h2");
        assertThat(t.hosts()).extracting(Topology.Host::environment).containsExactly("prod", "staging", "prod");
    }

    @Test
    void aServiceFindsOnlyItsOwnHostsByName() {
        GenerationConfig c = GenerationConfig.builder().services("a", "b")
                .hosts(List.of("h1", "h2", "h3")).build();
        Topology t = Topology.of(c);
        Topology.Host h3 = t.service("a").host("h3");
        assertThat(h3.name()).isEqualTo("h3");
        assertThat(t.hosts().get(h3.index())).isSameAs(h3);
        assertThat(h3.serviceIndex()).isEqualTo(t.service("a").index());
        assertThatThrownBy(() -> t.service("a").host("h2")).isInstanceOf(NoSuchElementException.class);
    }
}
