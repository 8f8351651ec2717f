package dev.melt.generator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.internal.plan.IncidentScheduler;
import dev.melt.generator.internal.plan.Topology;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FleetModelTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private static FleetModel model(GenerationConfig config, Duration duration) {
        Topology topology = Topology.of(config);
        GroundTruth truth = IncidentScheduler.schedule(config, topology, START, START.plus(duration));
        return FleetModel.of(config, topology, truth);
    }

    private static GenerationConfig all(long seed, Difficulty difficulty) {
        return GenerationConfig.builder().seed(seed).anomalies(AnomalyType.values())
                .anomalyConfig(AnomalyConfig.builder().difficulty(difficulty).build()).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void baselinesStayBelievableEverywhereOutsideIncidents(long seed) {
        FleetModel model = model(all(seed, Difficulty.NORMAL), Duration.ofDays(2));
        HostState st = new HostState();
        Topology topology = Topology.of(GenerationConfig.defaults());
        for (int h = 0; h < topology.hosts().size(); h++) {
            int service = topology.hosts().get(h).serviceIndex();
            for (long t = START.toEpochMilli(); t < START.plus(Duration.ofDays(2)).toEpochMilli(); t += 20_000) {
                model.evaluate(h, t, st);
                assertThat(st.cpuPercent).isBetween(0.0, 100.0);
                assertThat(st.memoryPercent).isBetween(1.0, 99.0);
                assertThat(st.ownLatencyMedianMs).isPositive();
                assertThat(st.latencyMedianMs).isPositive();
                double p99OverP50 = st.latencyQuantileMs(2.326) / st.latencyQuantileMs(0);
                // A latency spike widens its root's spread (its tail moves more than its median).
                assertThat(p99OverP50).isBetween(3.0, st.window < 0 ? 6.0 : 10.0);
                assertThat(st.errorProbability).isBetween(0.0, 1.0);
                if (st.window < 0) {
                    assertThat(st.cpuPercent).as("baseline cpu").isLessThan(80);
                    assertThat(st.errorProbability).as("baseline error rate").isLessThan(0.1);
                    assertThat(st.latencyMedianMs / model.baselineLatencyMedianMs(service)).as("baseline latency")
                            .isLessThan(3.0);
                    assertThat(st.incidentId).isNull();
                    assertThat(st.down).isFalse();
                }
            }
        }
    }

    @Test
    void baseErrorRateIsNearTheConfiguredRate() {
        FleetModel model = model(GenerationConfig.builder().errorRate(0.02).build(), Duration.ofHours(6));
        HostState st = new HostState();
        double sum = 0;
        int n = 0;
        for (long t = START.toEpochMilli(); t < START.plus(Duration.ofHours(6)).toEpochMilli(); t += 10_000) {
            for (int h = 0; h < 12; h++) {
                model.evaluate(h, t, st);
                sum += st.errorProbability;
                n++;
            }
        }
        assertThat(sum / n).isBetween(0.014, 0.026);
    }

    @Test
    void cpuFollowsTrafficAndMemoryDriftsUpThenDropsAtRestarts() {
        GenerationConfig config = GenerationConfig.builder().seed(3).build();
        FleetModel model = model(config, Duration.ofDays(3));
        HostState st = new HostState();
        // Tuesday: mean CPU at 14:00 above the mean at 03:00 across all hosts.
        double night = 0;
        double peak = 0;
        for (int h = 0; h < 12; h++) {
            for (int m = 0; m < 30; m++) {
                model.evaluate(h, START.plus(Duration.ofHours(27)).plus(Duration.ofMinutes(m)).toEpochMilli(), st);
                night += st.cpuPercent;
                model.evaluate(h, START.plus(Duration.ofHours(38)).plus(Duration.ofMinutes(m)).toEpochMilli(), st);
                peak += st.cpuPercent;
            }
        }
        assertThat(peak).isGreaterThan(1.3 * night);
        // Every deployment restarts the service's hosts: memory right after is below memory right before.
        assertThat(model.benign().deployments()).isNotEmpty();
        Topology topology = Topology.of(config);
        for (BenignSchedule.Deployment d : model.benign().deployments()) {
            int h = topology.services().get(d.service()).hosts().get(0).index();
            model.evaluate(h, d.at() - 1000, st);
            double before = st.memoryPercent;
            model.evaluate(h, d.at() + 1000, st);
            assertThat(st.memoryPercent).as("memory across %s", d).isLessThan(before);
        }
        // Between restarts memory climbs.
        long[] restarts = model.restarts(0);
        model.evaluate(0, START.toEpochMilli(), st);
        double first = st.memoryPercent;
        long next = restarts.length > 1 ? restarts[1] : START.plus(Duration.ofDays(3)).toEpochMilli();
        model.evaluate(0, Math.min(next - 1000, START.plus(Duration.ofHours(10)).toEpochMilli()), st);
        assertThat(st.memoryPercent).isGreaterThan(first - 3);
    }

    @Test
    void deploymentsOfASpanAreThoseStartingInIt() {
        FleetModel model = model(GenerationConfig.builder().seed(6).build(), Duration.ofDays(7));
        List<BenignSchedule.Deployment> all = model.benign().deployments();
        assertThat(all).hasSizeGreaterThan(3);
        long first = all.get(0).at();
        long[][] spans = {{first, first + 1}, {first - 1, first}, {first + 1, all.get(3).at()},
            {all.get(1).at(), all.get(3).at() + 1}, {Long.MIN_VALUE, Long.MAX_VALUE}, {first + 5, first + 5},
            {all.get(3).at(), all.get(1).at()}};
        for (long[] span : spans) {
            assertThat(model.benign().deployments(span[0], span[1])).as("[%d, %d)", span[0], span[1])
                    .containsExactlyElementsOf(all.stream().filter(d -> d.at() >= span[0] && d.at() < span[1]).toList());
        }
    }

    @Test
    void batchJobsRaiseCpuAtTheirFixedTimes() {
        FleetModel model = model(GenerationConfig.builder().seed(5).build(), Duration.ofDays(2));
        assertThat(model.benign().batchJobs()).isNotEmpty();
        HostState st = new HostState();
        for (BenignSchedule.BatchJob job : model.benign().batchJobs()) {
            long runStart = START.toEpochMilli() + job.periodMillis() + job.offsetMillis();
            double during = 0;
            double before = 0;
            for (int i = 0; i < 10; i++) {
                model.evaluate(job.host(), runStart + job.durationMillis() / 2 + i * 1000, st);
                during += st.cpuPercent;
                model.evaluate(job.host(), runStart - 10 * 60_000L + i * 1000, st);
                before += st.cpuPercent;
            }
            assertThat(during - before).as("%s", job).isGreaterThan(10 * job.cpuPoints() * 0.4);
        }
    }

    @Test
    void benignPatternsOffMeansFlatTrafficNoDeploymentsNoJobs() {
        GenerationConfig config = GenerationConfig.builder()
                .anomalyConfig(AnomalyConfig.builder().benignPatterns(false).build()).build();
        FleetModel model = model(config, Duration.ofDays(2));
        assertThat(model.benign().deployments()).isEmpty();
        assertThat(model.benign().batchJobs()).isEmpty();
        assertThat(model.traffic().at(START.plus(Duration.ofHours(14)).toEpochMilli())).isEqualTo(1.0);
    }

    @Test
    void evaluationIsPureWhateverTheOrder() {
        FleetModel a = model(all(42, Difficulty.NORMAL), Duration.ofHours(12));
        FleetModel b = model(all(42, Difficulty.NORMAL), Duration.ofHours(12));
        Random random = new Random(3);
        HostState x = new HostState();
        HostState y = new HostState();
        for (int i = 0; i < 2000; i++) {
            int h = random.nextInt(12);
            long t = START.toEpochMilli() + (long) (random.nextDouble() * Duration.ofHours(12).toMillis());
            a.evaluate(random.nextInt(12), START.toEpochMilli() + random.nextInt(1_000_000), x);
            a.evaluate(h, t, x);
            b.evaluate(h, t, y);
            assertThat(x.cpuPercent).isEqualTo(y.cpuPercent);
            assertThat(x.latencyMedianMs).isEqualTo(y.latencyMedianMs);
            assertThat(x.errorProbability).isEqualTo(y.errorProbability);
            assertThat(x.memoryPercent).isEqualTo(y.memoryPercent);
            assertThat(x.incidentId).isEqualTo(y.incidentId);
            // A fresh state remembers nothing: what x and y remember must change no value.
            HostState fresh = new HostState();
            b.evaluate(h, t, fresh);
            assertThat(x.cpuPercent).isEqualTo(fresh.cpuPercent);
            assertThat(x.latencyMedianMs).isEqualTo(fresh.latencyMedianMs);
            assertThat(x.traffic).isEqualTo(fresh.traffic);
            assertThat(x.memoryPercent).isEqualTo(fresh.memoryPercent);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 77})
    void everyIncidentShowsItsSignatureOnTheRootAndItsCallers(long seed) {
        GenerationConfig config = all(seed, Difficulty.NORMAL);
        Topology topology = Topology.of(config);
        FleetModel model = model(config, Duration.ofHours(8));
        HostState st = new HostState();
        for (Incident incident : model.truth().incidents()) {
            for (AffectedService a : incident.affected()) {
                int s = topology.service(a.service()).index();
                for (Topology.Host host : topology.services().get(s).hosts()) {
                    if (a.host() != null && !a.host().equals(host.name())) {
                        continue;
                    }
                    long from = a.start().toEpochMilli();
                    long span = a.end().toEpochMilli() - from;
                    double errors = 0;
                    int n = 0;
                    for (long t = from; t < a.end().toEpochMilli(); t += 5000) {
                        model.evaluate(host.index(), t, st);
                        assertThat(st.incidentId).isEqualTo(incident.id());
                        assertThat(st.role).isEqualTo(a.role());
                        // The plateau: past the longest ramp (35% of the window), before the longest recovery (30%).
                        if (t >= from + span * 36 / 100 && t < from + span * 69 / 100) {
                            assertSignature(model, incident.type(), a.role(), s, st);
                            errors += st.errorProbability;
                            n++;
                        }
                    }
                    if (incident.type() == AnomalyType.ERROR_BURST && n > 0) {
                        // Intermittent: the error probability comes in waves; its plateau's mean is high.
                        double base = model.baselineErrorProbability(s);
                        assertThat(errors / n).isGreaterThanOrEqualTo(a.role() == AffectedService.Role.ROOT_CAUSE
                                ? 0.2 : base * 1.3);
                    }
                }
            }
        }
    }

    private static void assertSignature(FleetModel model, AnomalyType type, AffectedService.Role role, int s,
                                        HostState st) {
        boolean root = role == AffectedService.Role.ROOT_CAUSE;
        double latencyRatio = st.latencyMedianMs / model.baselineLatencyMedianMs(s);
        double base = model.baselineErrorProbability(s);
        switch (type) {
            case CPU_SPIKE:
                if (root) {
                    // 84-93% at the defaults, with a baseline's noise and a ±10% wobble on the way.
                    assertThat(st.cpuPercent).isBetween(75.0, 97.0);
                    assertThat(latencyRatio).isGreaterThan(1.1);
                } else {
                    // A caller's own CPU is untouched; its calls to the saturated host are slower.
                    assertThat(st.cpuPercent).isLessThan(80.0);
                    assertThat(latencyRatio).isGreaterThan(0.95);
                    assertThat(st.failureMode.blamesCallee()).isTrue();
                }
                assertThat(st.refusedCallWaitMs).isZero();
                break;
            case SERVICE_OUTAGE:
                if (root) {
                    assertThat(st.down).isTrue();
                    assertThat(st.errorProbability).isEqualTo(1.0);
                    assertThat(st.servedShare).isLessThan(0.2);
                } else {
                    assertThat(st.errorProbability).isGreaterThan(0.3);
                    assertThat(latencyRatio).isGreaterThan(1.2);
                    // Waiting on refused calls is a caller's own time; the callee leaves no span.
                    assertThat(st.refusedCallWaitMs).isGreaterThan(model.baselineLatencyMedianMs(s));
                }
                break;
            case LATENCY_SPIKE:
                // 5x by default, wobbling by about ±20%.
                assertThat(latencyRatio).isGreaterThanOrEqualTo(root ? 3.0 : 1.01);
                break;
            case ERROR_BURST:
                assertThat(st.errorProbability).isGreaterThan(base);
                break;
            case NETWORK_DELAY:
                // The root is the caller of the sick edge: its calls to one callee take longer.
                assertThat(st.edgeLoss).isZero();
                assertThat(st.cpuPercent).isLessThan(80.0);
                if (root) {
                    assertThat(st.edgeCallee).isNotNegative();
                    assertThat(st.edgeDelayMs).isGreaterThan(50.0); // 4 x at least 20 ms, wobbling
                } else {
                    assertThat(st.edgeCallee).isEqualTo(-1);
                    assertThat(latencyRatio).isGreaterThan(1.01);
                }
                break;
            case PACKET_LOSS:
                assertThat(st.edgeDelayMs).isZero();
                assertThat(st.failureMode.blamesCallee()).isTrue();
                assertThat(st.propagation).isPositive();
                assertThat(st.errorProbability).isGreaterThan(base);
                if (root) {
                    assertThat(st.edgeCallee).isNotNegative();
                    assertThat(st.edgeLoss).isGreaterThan(0.1); // 30%, wobbling by about ±40%
                    assertThat(st.failureMode).isEqualTo(FailureMode.NETWORK_LOSS);
                } else {
                    assertThat(st.edgeCallee).isEqualTo(-1);
                    assertThat(st.edgeLoss).isZero();
                }
                break;
            default:
                throw new AssertionError(type);
        }
    }

    @Test
    void difficultyMakesIncidentsSubtlerOrLouder() {
        double[] cpu = new double[3];
        double[] latency = new double[3];
        double[] errors = new double[3];
        Difficulty[] levels = {Difficulty.SUBTLE, Difficulty.NORMAL, Difficulty.LOUD};
        for (int k = 0; k < 3; k++) {
            GenerationConfig config = all(42, levels[k]);
            Topology topology = Topology.of(config);
            FleetModel model = model(config, Duration.ofHours(8));
            HostState st = new HostState();
            for (Incident i : model.truth().incidents()) {
                AffectedService root = i.affected().get(0);
                int s = topology.service(root.service()).index();
                int h = root.host() == null ? topology.services().get(s).hosts().get(0).index()
                        : topology.services().get(s).host(root.host()).index();
                // The middle of the window, on the plateau.
                model.evaluate(h, root.start().toEpochMilli() + (root.end().toEpochMilli() - root.start().toEpochMilli()) / 2, st);
                switch (i.type()) {
                    case CPU_SPIKE: cpu[k] = st.cpuPercent; break;
                    case LATENCY_SPIKE: latency[k] = st.latencyMedianMs / model.baselineLatencyMedianMs(s); break;
                    case ERROR_BURST: errors[k] = st.errorProbability; break;
                    default: break;
                }
            }
        }
        assertThat(cpu[0]).isLessThan(cpu[1]);
        assertThat(cpu[1]).isLessThan(cpu[2]);
        assertThat(latency[0]).isLessThan(latency[1]);
        assertThat(latency[1]).isLessThan(latency[2]);
        assertThat(errors[0]).isLessThan(errors[1]);
        assertThat(errors[1]).isLessThan(errors[2]);
        assertThat(latency[0]).isGreaterThan(2.0);
        assertThat(errors[0]).isGreaterThanOrEqualTo(0.1);
    }

}
