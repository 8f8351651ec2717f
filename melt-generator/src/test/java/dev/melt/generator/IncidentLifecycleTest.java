package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents unfold instead of stepping: their effects build up over the first part of the window,
 * wobble on the plateau, and recover at its end, on the metrics the root cause's requests and
 * hosts produce. Windows of 20 to 30 minutes at 30 s metrics give 40 to 60 samples each, so each
 * phase is measured on several samples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentLifecycleTest {

    /** The types whose life cycle on their root's metrics this class checks; network types are NetworkIncidentsTest's. */
    private static final AnomalyType[] TYPES = {AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE,
        AnomalyType.LATENCY_SPIKE, AnomalyType.ERROR_BURST};

    private MeltData data;
    private List<MetricRecord> metrics;

    @BeforeAll
    void generate(@TempDir Path temp) throws IOException {
        AnomalyConfig.Builder anomalies = AnomalyConfig.builder();
        for (AnomalyType type : TYPES) {
            anomalies.duration(type, Duration.ofMinutes(20), Duration.ofMinutes(30));
        }
        GenerationConfig spec = GenerationConfig.builder().seed(3).duration(Duration.ofHours(6)).requestRate(20)
                .hostsPerService(1).anomalies(TYPES).anomalyConfig(anomalies.build()).build();
        Path dir = temp.resolve("unfolding");
        new MeltGenerator(spec).generate(dir);
        data = MeltData.open(dir);
        try (Stream<MetricRecord> m = data.metrics()) {
            metrics = m.collect(Collectors.toList());
        }
        for (AnomalyType type : TYPES) {
            assertThat(data.groundTruth().incidentsOf(type)).as("incidents of %s", type).isNotEmpty();
        }
    }

    /** The mean of a metric of the incident's root service over a part of its window, from {@code a} to {@code b}. */
    private double phase(Incident i, String metric, double a, double b) {
        long start = i.start().toEpochMilli();
        long span = i.end().toEpochMilli() - start;
        Instant from = Instant.ofEpochMilli(start + (long) (a * span));
        Instant to = Instant.ofEpochMilli(start + (long) (b * span));
        List<Double> values = new ArrayList<>();
        for (MetricRecord m : metrics) {
            if (m.metricName().equals(metric) && m.service().equals(i.rootCauseService())
                    && (i.rootCauseHost() == null || i.rootCauseHost().equals(m.host()))
                    && !m.timestamp().isBefore(from) && m.timestamp().isBefore(to)) {
                values.add(m.value());
            }
        }
        assertThat(values).as("%s of %s from %s to %s of its window", metric, i.id(), a, b).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void cpuOfACpuSpikeBuildsUpForMinutesAndFallsBackAtTheEnd() {
        for (Incident i : data.groundTruth().incidentsOf(AnomalyType.CPU_SPIKE)) {
            double plateau = phase(i, "cpu_usage", 0.45, 0.75);
            assertThat(plateau).isGreaterThan(80);
            // A ramp of 15-35% of the window: its first twentieth is far below the plateau.
            assertThat(phase(i, "cpu_usage", 0, 0.05)).as("onset of %s", i.id()).isLessThan(plateau - 20);
            assertThat(phase(i, "cpu_usage", 0.97, 1)).as("recovery of %s", i.id()).isLessThan(plateau - 5);
        }
    }

    @Test
    void latencyOfALatencySpikeRampsUpAndDrains() {
        for (Incident i : data.groundTruth().incidentsOf(AnomalyType.LATENCY_SPIKE)) {
            double plateau = phase(i, "latency_p50", 0.4, 0.7);
            assertThat(phase(i, "latency_p50", 0, 0.04)).as("onset of %s", i.id()).isLessThan(0.7 * plateau);
            assertThat(phase(i, "latency_p50", 0.96, 1)).as("recovery of %s", i.id()).isLessThan(0.7 * plateau);
        }
    }

    @Test
    void aLatencySpikeMovesTheTailMoreThanTheMedian() {
        for (Incident i : data.groundTruth().incidentsOf(AnomalyType.LATENCY_SPIKE)) {
            double spread = phase(i, "latency_p99", 0.4, 0.7) / phase(i, "latency_p50", 0.4, 0.7);
            // The same service in the hour before the incident.
            long hour = 3_600_000L;
            Incident before = new Incident(i.id(), i.type(), i.rootCauseService(), i.rootCauseHost(),
                    i.start().minusMillis(hour), i.start(), i.affected(), i.cascade());
            double baseline = phase(before, "latency_p99", 0, 1) / phase(before, "latency_p50", 0, 1);
            assertThat(spread).as("p99/p50 of %s against the hour before", i.id()).isGreaterThan(1.25 * baseline);
        }
    }

    @Test
    void anErrorBurstIsIntermittentOnItsPlateau() {
        for (Incident i : data.groundTruth().incidentsOf(AnomalyType.ERROR_BURST)) {
            // From one interval to the next its error rate varies far more than the binomial
            // sampling of that interval's requests would make a steady rate vary.
            long start = i.start().toEpochMilli();
            long span = i.end().toEpochMilli() - start;
            double seconds = data.manifest().spec().metricsInterval().toSeconds();
            List<double[]> samples = new ArrayList<>();
            java.util.Map<Instant, Double> rate = new java.util.HashMap<>();
            for (MetricRecord m : metrics) {
                long t = m.timestamp().toEpochMilli();
                if (m.service().equals(i.rootCauseService()) && t >= start + span * 15 / 100 && t < start + span * 85 / 100) {
                    if (m.metricName().equals("request_rate")) {
                        rate.put(m.timestamp(), m.value() * seconds);
                    } else if (m.metricName().equals("error_rate")) {
                        samples.add(new double[] {t, m.value() / 100});
                    }
                }
            }
            assertThat(samples).hasSizeGreaterThan(20);
            double mean = samples.stream().mapToDouble(x -> x[1]).average().orElseThrow();
            double observed = samples.stream().mapToDouble(x -> (x[1] - mean) * (x[1] - mean)).sum() / (samples.size() - 1);
            double binomial = samples.stream().mapToDouble(x -> mean * (1 - mean)
                    / rate.get(Instant.ofEpochMilli((long) x[0]))).average().orElseThrow();
            assertThat(observed / binomial).as("variance of the error rate of %s over its sampling variance", i.id())
                    .isGreaterThan(2.0);
        }
    }

    @Test
    void anOutageRecoversAfterItsRestartInsideTheWindow() {
        for (Incident i : data.groundTruth().incidentsOf(AnomalyType.SERVICE_OUTAGE)) {
            double down = phase(i, "request_rate", 0.1, 0.7);
            // The last 10-20% of the window is the recovery: instances take traffic again.
            assertThat(phase(i, "request_rate", 0.95, 1)).as("requests at the end of %s", i.id())
                    .isGreaterThan(2 * down);
            assertThat(phase(i, "error_rate", 0.95, 1)).as("errors at the end of %s", i.id()).isLessThan(60);
            assertThat(phase(i, "error_rate", 0.1, 0.7)).isEqualTo(100.0);
        }
    }
}
