package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenerationConfigTest {

    @Test
    void defaultsAreThoseOfAProductionLikeFleet() {
        GenerationConfig c = GenerationConfig.defaults();
        assertThat(c.seed()).isEqualTo(42L);
        assertThat(c.startTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(c.size()).isEqualTo(DataSize.parse("10MB"));
        assertThat(c.duration()).isNull();
        assertThat(c.metricsInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.logsInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.requestRate()).isEqualTo(20.0);
        assertThat(c.traceSampling()).isEqualTo(0.05);
        assertThat(c.eventsInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.errorRate()).isEqualTo(0.004);
        assertThat(c.debugLogRatio()).isEqualTo(0.0);
        assertThat(c.missingSpanRate()).isEqualTo(0.02);
        assertThat(c.services()).containsExactly("web", "api", "auth", "payment", "database", "cache");
        assertThat(c.callGraph()).containsEntry("web", List.of("api")).containsEntry("payment", List.of("database"));
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void faultsWithoutJsonlNameTheFaultsAsTheCliSpellsThem() {
        assertThatThrownBy(() -> GenerationConfig.builder().faults(java.util.EnumSet.of(FaultKind.GAP,
                FaultKind.CLOCK_SKEW)).formats(DatasetFormat.OTLP).build())
                .hasMessage("faults: gap,clock_skew is not accepted; expected no faults, or a spec whose formats include"
                        + " jsonl (faults change the JSONL files only)");
    }

    @Test
    void aDurationAloneLeavesTheSizeToTheTraffic() {
        GenerationConfig c = GenerationConfig.builder().duration(Duration.ofHours(2)).build();
        assertThat(c.size()).isNull();
        assertThat(c.duration()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void servicesWithoutCallsFormABinaryTree() {
        GenerationConfig c = GenerationConfig.builder().services("a", "b", "c", "d").build();
        assertThat(c.callGraph()).containsExactly(
                Map.entry("a", List.of("b", "c")), Map.entry("b", List.of("d")),
                Map.entry("c", List.of()), Map.entry("d", List.of()));
    }

    @Test
    void equalSpecsAreEqualAndToBuilderRoundTrips() {
        GenerationConfig c = GenerationConfig.builder().seed(7).size("5MB")
                .anomalies(AnomalyType.ERROR_BURST, AnomalyType.CPU_SPIKE).build();
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c.toBuilder().seed(8).build()).isNotEqualTo(c);
        assertThat(c.formats()).containsExactly(DatasetFormat.JSONL);
        GenerationConfig both = c.toBuilder().formats(DatasetFormat.OPENMETRICS, DatasetFormat.JSONL).build();
        assertThat(both).isNotEqualTo(c);
        assertThat(both.toBuilder().build()).isEqualTo(both);
        assertThat(both.formats()).containsExactly(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS);
    }

    @Test
    void formatNamesParseInAnyCaseAndABadOneIsNamed() {
        assertThat(DatasetFormat.parseList("OpenMetrics,jsonl"))
                .containsExactly(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS);
        assertThat(DatasetFormat.parseList("OTLP , jsonl"))
                .containsExactly(DatasetFormat.JSONL, DatasetFormat.OTLP);
        assertThatThrownBy(() -> DatasetFormat.parseList("jsonl,otlp-proto"))
                .hasMessage("format: 'otlp-proto' is not accepted; expected one or more of jsonl, openmetrics, otlp,"
                        + " comma-separated");
    }

    static Stream<Arguments> badSpecs() {
        Map<String, List<String>> cycle = new LinkedHashMap<>();
        cycle.put("a", List.of("b"));
        cycle.put("b", List.of("c"));
        cycle.put("c", List.of("a"));
        Map<String, List<String>> dangling = new LinkedHashMap<>();
        dangling.put("a", List.of("ghost"));
        return Stream.of(
                bad(b -> b.duration(Duration.ofMinutes(-5)), "duration: PT-5M is not accepted; expected a positive duration"),
                bad(b -> b.duration(Duration.ZERO), "duration: PT0S is not accepted"),
                bad(b -> b.errorRate(1.5), "errorRate: 1.5 is not accepted; expected a share from 0 up to"),
                bad(b -> b.errorRate(Double.NaN), "errorRate: NaN is not accepted"),
                bad(b -> b.debugLogRatio(-0.1), "debugLogRatio: -0.1 is not accepted; expected a share from 0 to 1"),
                bad(b -> b.missingSpanRate(1.0), "missingSpanRate: 1 is not accepted"),
                bad(b -> b.metricsInterval(Duration.ofMillis(10)), "metricsInterval: PT0.01S is not accepted; expected a duration from PT1S to PT1H"),
                bad(b -> b.hostsPerService(0), "hostsPerService: 0 is not accepted; expected a whole number from 1 to 64"),
                bad(b -> b.services(List.of("Web Server")), "services: Web Server is not accepted; expected names"),
                bad(b -> b.services(List.of("a", "a")), "services: [a, a] is not accepted; expected distinct service names"),
                bad(b -> b.environments(List.of()), "environments: [] is not accepted; expected at least one name"),
                bad(b -> b.hosts(List.of("h1", "h1")), "hosts: [h1, h1] is not accepted; expected distinct host names"),
                bad(b -> b.callGraph(cycle), "callGraph: a -> b -> c -> a is not accepted; expected a call graph without cycles"),
                bad(b -> b.callGraph(dangling), "callGraph: a -> ghost is not accepted; expected callees that are services too"),
                bad(b -> b.formats(), "formats: [] is not accepted; expected one or more of jsonl, openmetrics, otlp"),
                bad(b -> b.formats(java.util.Arrays.asList(DatasetFormat.JSONL, null)),
                        "formats: [JSONL, null] is not accepted; expected one or more of jsonl, openmetrics, otlp"));
    }

    private static Arguments bad(UnaryOperator<GenerationConfig.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void invalidValuesAreRejectedNamingFieldValueAndWhatIsAccepted(UnaryOperator<GenerationConfig.Builder> change,
                                                                   String message) {
        assertThatThrownBy(() -> change.apply(GenerationConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anomalySettingsAreValidated() {
        assertThatThrownBy(() -> AnomalyConfig.builder().probability(AnomalyType.CPU_SPIKE, 2))
                .hasMessageStartingWith("probability: 2.0 is not accepted");
        assertThatThrownBy(() -> AnomalyConfig.builder()
                .duration(AnomalyType.CPU_SPIKE, Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .hasMessageStartingWith("maxDuration: PT1M is not accepted; expected at least minDuration (PT5M)");
        assertThatThrownBy(() -> AnomalyConfig.builder().intensity(AnomalyType.ERROR_BURST, 0))
                .hasMessageStartingWith("intensity: 0.0 is not accepted");
        assertThat(AnomalyConfig.defaults().settings(AnomalyType.SERVICE_OUTAGE).maxDuration())
                .isEqualTo(Duration.ofMinutes(30));
    }
}
