package dev.melt.generator.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IncidentSchedulerTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private static GroundTruth schedule(GenerationConfig config, Duration duration) {
        return IncidentScheduler.schedule(config, Topology.of(config), START, START.plus(duration));
    }

    private static GenerationConfig all(long seed) {
        return GenerationConfig.builder().seed(seed).anomalies(AnomalyType.values()).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void everyRequestedTypeOccursAfterTheWarmUpInsideTheDataset(long seed) {
        GroundTruth truth = schedule(all(seed), Duration.ofHours(6));

        for (AnomalyType type : AnomalyType.values()) {
            assertThat(truth.incidentsOf(type)).as("incidents of %s", type).isNotEmpty();
        }
        for (Incident i : truth.incidents()) {
            assertThat(i.start()).isAfterOrEqualTo(START.plus(Duration.ofMinutes(30)));
            assertThat(i.end()).isAfter(i.start()).isBeforeOrEqualTo(truth.end());
            for (AffectedService a : i.affected()) {
                assertThat(a.start()).isAfterOrEqualTo(i.start());
                assertThat(a.end()).isAfter(a.start()).isBeforeOrEqualTo(truth.end());
            }
            AnomalyConfig.Settings s = AnomalyConfig.defaults().settings(i.type());
            assertThat(i.duration()).isBetween(s.minDuration(), s.maxDuration());
        }
    }

    @Test
    void derivedWarmUpIsAFifthOfAShortDataset() {
        GroundTruth truth = schedule(all(7), Duration.ofMinutes(100));

        assertThat(truth.incidents()).allSatisfy(i -> assertThat(i.start()).isAfterOrEqualTo(START.plus(Duration.ofMinutes(20))));
        assertThat(IncidentScheduler.warmUp(AnomalyConfig.defaults(), Duration.ofMinutes(100))).isEqualTo(Duration.ofMinutes(20));
        assertThat(IncidentScheduler.warmUp(AnomalyConfig.defaults(), Duration.ofHours(10))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void configuredWarmUpIsRespected() {
        GenerationConfig config = all(9).toBuilder()
                .anomalyConfig(AnomalyConfig.builder().warmUp(Duration.ofHours(2)).build()).build();

        assertThat(schedule(config, Duration.ofHours(4)).incidents())
                .allSatisfy(i -> assertThat(i.firstAffected()).isAfterOrEqualTo(START.plus(Duration.ofHours(2))));
    }

    @Test
    void aWarmUpAsLongAsTheDatasetIsRejectedNamingTheField() {
        GenerationConfig config = all(9).toBuilder()
                .anomalyConfig(AnomalyConfig.builder().warmUp(Duration.ofHours(2)).build()).build();

        assertThatThrownBy(() -> schedule(config, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("warmUp: PT2H is not accepted");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 42, 99})
    void windowsOnOneServiceNeverOverlap(long seed) {
        GenerationConfig config = all(seed).toBuilder().anomalyConfig(AnomalyConfig.builder()
                .probability(AnomalyType.CPU_SPIKE, 0.5).probability(AnomalyType.ERROR_BURST, 0.5).build()).build();
        GroundTruth truth = schedule(config, Duration.ofHours(12));

        List<AffectedService> all = new ArrayList<>();
        truth.incidents().forEach(i -> all.addAll(i.affected()));
        assertThat(truth.incidents().size()).isGreaterThan(4);
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                AffectedService x = all.get(a);
                AffectedService y = all.get(b);
                if (x.service().equals(y.service())) {
                    assertThat(x.start().isBefore(y.end()) && y.start().isBefore(x.end()))
                            .as("%s overlaps %s", x, y).isFalse();
                }
            }
        }
    }

    @Test
    void overlapsAppearWhenAllowedAndManyIncidentsAreAsked() {
        AnomalyConfig.Builder b = AnomalyConfig.builder().allowOverlap(true);
        for (AnomalyType t : AnomalyType.values()) {
            b.probability(t, 1.0);
        }
        GenerationConfig config = all(3).toBuilder().anomalyConfig(b.build()).build();
        GroundTruth truth = schedule(config, Duration.ofHours(24));

        boolean overlap = false;
        List<AffectedService> all = new ArrayList<>();
        truth.incidents().forEach(i -> all.addAll(i.affected()));
        for (AffectedService x : all) {
            for (AffectedService y : all) {
                overlap |= x != y && x.service().equals(y.service()) && x.start().isBefore(y.end())
                        && y.start().isBefore(x.end());
            }
        }
        assertThat(overlap).isTrue();
    }

    @Test
    void theScheduleIsAFunctionOfTheSeed() {
        assertThat(schedule(all(42), Duration.ofHours(6))).isEqualTo(schedule(all(42), Duration.ofHours(6)));
        assertThat(schedule(all(42), Duration.ofHours(6))).isNotEqualTo(schedule(all(43), Duration.ofHours(6)));
    }

    @Test
    void idsFollowStartOrder() {
        GroundTruth truth = schedule(all(11), Duration.ofHours(24));

        for (int i = 0; i < truth.incidents().size(); i++) {
            assertThat(truth.incidents().get(i).id()).isEqualTo(String.format("inc-%04d", i + 1));
            if (i > 0) {
                assertThat(truth.incidents().get(i).start()).isAfterOrEqualTo(truth.incidents().get(i - 1).start());
            }
        }
    }

    @Test
    void cpuSpikesHitOneHostOfTheRootAndCascadeToEveryHostOfItsCallers() {
        GroundTruth truth = schedule(GenerationConfig.builder().seed(5).anomalies(AnomalyType.CPU_SPIKE).build(),
                Duration.ofHours(6));
        Topology topology = Topology.of(GenerationConfig.defaults());

        int cascaded = 0;
        for (Incident i : truth.incidents()) {
            assertThat(i.rootCauseHost()).isNotNull();
            assertThat(topology.service(i.rootCauseService()).hosts()).anyMatch(h -> h.name().equals(i.rootCauseHost()));
            assertThat(i.affected().get(0)).satisfies(a -> {
                assertThat(a.role()).isEqualTo(AffectedService.Role.ROOT_CAUSE);
                assertThat(a.host()).isEqualTo(i.rootCauseHost());
            });
            List<String> expected = new ArrayList<>();
            collectCallers(topology, topology.service(i.rootCauseService()).index(), expected);
            assertThat(i.affected().stream().skip(1).map(AffectedService::service))
                    .containsExactlyInAnyOrderElementsOf(expected);
            for (AffectedService a : i.affected().subList(1, i.affected().size())) {
                assertThat(a.role()).isEqualTo(AffectedService.Role.CASCADE);
                assertThat(a.host()).as("a caller's requests may reach the sick host from any of its hosts").isNull();
            }
            for (CascadeEdge e : i.cascade()) {
                assertThat(topology.service(e.callee()).callers()).contains(topology.service(e.caller()).index());
                // Slowness builds up on the saturated host, then travels with the calls: 2-8 s per hop.
                assertThat(e.lag()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
                assertThat(affected(i, e.caller()).start()).isEqualTo(affected(i, e.callee()).start().plus(e.lag()));
            }
            cascaded += i.cascade().isEmpty() ? 0 : 1;
        }
        assertThat(cascaded).isPositive();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void outagesCascadeToEveryTransitiveCallerLaterAndInOrder(long seed) {
        GenerationConfig config = GenerationConfig.builder().seed(seed).anomalies(AnomalyType.SERVICE_OUTAGE).build();
        Topology topology = Topology.of(config);
        Incident outage = schedule(config, Duration.ofHours(6)).incidentsOf(AnomalyType.SERVICE_OUTAGE).get(0);

        assertThat(outage.rootCauseHost()).isNull();
        assertThat(outage.affected().get(0).role()).isEqualTo(AffectedService.Role.ROOT_CAUSE);
        assertThat(outage.affected().get(0).service()).isEqualTo(outage.rootCauseService());
        // Every transitive caller of the root is affected, later than the service it got it from.
        List<String> expected = new ArrayList<>();
        collectCallers(topology, topology.service(outage.rootCauseService()).index(), expected);
        assertThat(outage.affected().stream().skip(1).map(AffectedService::service)).containsExactlyInAnyOrderElementsOf(expected);
        for (CascadeEdge e : outage.cascade()) {
            assertThat(topology.service(e.callee()).callers()).contains(topology.service(e.caller()).index());
            AffectedService callee = affected(outage, e.callee());
            AffectedService caller = affected(outage, e.caller());
            assertThat(e.lag()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));
            assertThat(caller.start()).isEqualTo(callee.start().plus(e.lag()));
            assertThat(caller.role()).isEqualTo(AffectedService.Role.CASCADE);
        }
        assertThat(outage.cascade()).hasSize(expected.size());
    }

    private static void collectCallers(Topology topology, int service, List<String> out) {
        for (int caller : topology.services().get(service).callers()) {
            String name = topology.services().get(caller).name();
            if (!out.contains(name)) {
                out.add(name);
                collectCallers(topology, caller, out);
            }
        }
    }

    private static AffectedService affected(Incident i, String service) {
        return i.affected().stream().filter(a -> a.service().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void aShortDatasetStillHoldsOneOfEachTypeWithDurationsClamped() {
        GroundTruth truth = schedule(all(21), Duration.ofMinutes(12));

        assertThat(truth.incidents()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(truth.incidents()).allSatisfy(i -> assertThat(i.lastAffected()).isBeforeOrEqualTo(truth.end()));
    }

    @Test
    void noAnomaliesMeansNoIncidents() {
        assertThat(schedule(GenerationConfig.defaults(), Duration.ofHours(1)).incidents()).isEmpty();
    }

    @Test
    void randomSchedulesAgreeWithTheIndex() {
        Random random = new Random(1);
        for (long seed = 0; seed < 10; seed++) {
            GenerationConfig config = all(seed);
            Topology topology = Topology.of(config);
            GroundTruth truth = schedule(config, Duration.ofHours(8));
            IncidentIndex index = new IncidentIndex(truth, topology);
            for (int k = 0; k < 5000; k++) {
                int host = random.nextInt(topology.hosts().size() + 1) - 1;
                int service = host >= 0 ? topology.hosts().get(host).serviceIndex() : random.nextInt(topology.services().size());
                long t = truth.start().toEpochMilli() + (long) (random.nextDouble() * Duration.ofHours(8).toMillis());
                String expected = truth.incidentAt(topology.services().get(service).name(),
                        host < 0 ? null : topology.hosts().get(host).name(), Instant.ofEpochMilli(t))
                        .map(Incident::id).orElse(null);
                assertThat(index.incidentAt(service, host, t)).isEqualTo(expected);
            }
            // Boundaries: start inclusive, end exclusive.
            for (Incident i : truth.incidents()) {
                for (AffectedService a : i.affected()) {
                    int s = topology.service(a.service()).index();
                    int h = a.host() == null ? topology.services().get(s).hosts().get(0).index()
                            : topology.services().get(s).host(a.host()).index();
                    assertThat(index.incidentAt(s, h, a.start().toEpochMilli())).isEqualTo(i.id());
                    assertThat(index.incidentAt(s, h, a.end().toEpochMilli() - 1)).isEqualTo(i.id());
                    assertThat(index.incidentAt(s, h, a.end().toEpochMilli())).isNotEqualTo(i.id());
                }
            }
        }
    }

    @Test
    void latencySpikesAreOftenFollowedByAnErrorBurstOnTheSameService() {
        int spikes = 0;
        int followed = 0;
        for (long seed = 1; seed <= 20; seed++) {
            GroundTruth truth = schedule(all(seed), Duration.ofHours(6));
            for (Incident spike : truth.incidentsOf(AnomalyType.LATENCY_SPIKE)) {
                spikes++;
                followed += truth.incidentsOf(AnomalyType.ERROR_BURST).stream().anyMatch(b -> b.start().equals(spike.end())
                        && b.rootCauseService().equals(spike.rootCauseService())) ? 1 : 0;
            }
        }
        assertThat(followed).isBetween(spikes / 5, spikes * 4 / 5);
    }
}
