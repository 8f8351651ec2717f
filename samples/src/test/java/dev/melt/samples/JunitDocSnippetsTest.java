package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.melt.assertions.Detection;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.junit.MeltDataset;
import dev.melt.junit.MeltDatasets;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The code of docs/junit.md. Each region between {@code // tag::NAME[]} and {@code // end::NAME[]}
 * is a snippet of the guide; {@code DocSnippetsTest} fails when a snippet there is not the code here.
 */
class JunitDocSnippetsTest {

    static List<Detection> cpuAlerts(MeltData data) {
        try (Stream<MetricRecord> metrics = data.metrics()) {
            return Alerts.toDetections(MetricSpikeDetector.cpu().detect(metrics));
        }
    }

    // tag::parameter[]
    @Test
    void findsTheCpuSpike(@MeltDataset(size = "15MB", duration = "1h", anomalies = CPU_SPIKE, seed = 1) MeltData data) {
        List<Detection> detections = cpuAlerts(data);

        assertThat(detections).withTolerance(Duration.ofMinutes(1)).against(data)
                .detectsEvery(CPU_SPIKE)
                .hasPrecisionAtLeast(0.9);
    }
    // end::parameter[]

    // tag::class[]
    @MeltDataset(size = "15MB", duration = "1h", anomalies = CPU_SPIKE, seed = 1)
    @Nested
    class OnTheSameDataset {

        @Test
        void theDatasetAndItsTruth(MeltData data, GroundTruth truth) {
            assertThat(cpuAlerts(data)).withTolerance(Duration.ofMinutes(1)).against(truth)
                    .detectsEveryIncident();
        }

        @Test
        void aPathNeedsItsOwnSpec(@MeltDataset(size = "1MB", seed = 1) Path directory, MeltData data) {
            assertTrue(Files.isRegularFile(directory.resolve("manifest.json")));
            assertTrue(Files.isDirectory(data.directory()));
        }
    }
    // end::class[]

    // tag::scenario[]
    @Retention(RUNTIME)
    @Target({PARAMETER, METHOD, TYPE, FIELD})
    @MeltDataset(size = "2MB", anomalies = {CPU_SPIKE, LATENCY_SPIKE}, difficulty = Difficulty.SUBTLE,
            services = {"checkout", "payment", "stock"}, startTime = "2024-03-04T06:00:00Z")
    @interface SubtleCheckoutIncident {
    }

    @Test
    void seesEveryIncidentOfTheScenario(@SubtleCheckoutIncident GroundTruth truth) {
        Set<AnomalyType> types = truth.incidents().stream().map(Incident::type).collect(Collectors.toSet());
        assertEquals(Set.of(CPU_SPIKE, LATENCY_SPIKE), types);
    }
    // end::scenario[]

    // tag::sweep[]
    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2}, anomalies = CPU_SPIKE, size = "15MB", duration = "1h")
    void findsTheCpuSpikeOnEverySeed(MeltData data, AnomalyType type, long seed) {
        assertThat(cpuAlerts(data)).withTolerance(Duration.ofMinutes(1)).against(data)
                .detectsEvery(type);
    }
    // end::sweep[]
}
