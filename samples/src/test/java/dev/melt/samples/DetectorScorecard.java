package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.AnomalyType.SERVICE_OUTAGE;
import static dev.melt.generator.Difficulty.NORMAL;
import static dev.melt.generator.Difficulty.SUBTLE;

import dev.melt.assertions.Evaluation;
import dev.melt.assertions.RcaEvaluation;
import dev.melt.assertions.RootCauseRanking;
import dev.melt.assertions.Scorecard;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.MeltData;
import dev.melt.junit.MeltDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The scorecard of the samples: every detector and the RCA engine over five seeds of each
 * incident type, at normal and at subtle difficulty, and five quiet datasets, in one
 * {@link Scorecard} (printed, published as the report entry {@code melt.scorecard} and written to
 * {@code target/scorecard.md} and {@code .csv}). It generates 45 datasets, so it runs only on demand:
 *
 * <pre>
 * mvn -B -o -pl samples -am verify -Dsamples.scorecard=true -Dtest=DetectorScorecard -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It fails when a detector falls below the recall measured when it was tuned, or raises more
 * than one false alarm per two hours of quiet fleet.
 */
@EnabledIfSystemProperty(named = "samples.scorecard", matches = "true")
class DetectorScorecard {

    /** The samples' detectors by name, each run over a whole dataset; CalibrationScorecard uses them too. */
    static final Map<String, Function<MeltData, List<Alert>>> DETECTORS = new LinkedHashMap<>();
    private static final Map<String, Duration> TOLERANCES = new LinkedHashMap<>();
    private static final Scorecard CARD = Scorecard.create();
    /** Per type and difficulty: {incidents, root causes ranked first, ranked in the top 3}. */
    private static final Map<String, double[]> RCA = new TreeMap<>();

    static {
        DETECTORS.put("metrics cpu_usage", data -> {
            try (var metrics = data.metrics()) {
                return MetricSpikeDetector.cpu().detect(metrics);
            }
        });
        DETECTORS.put("metrics latency_p95", data -> {
            try (var metrics = data.metrics()) {
                return MetricSpikeDetector.latency().detect(metrics);
            }
        });
        DETECTORS.put("logs error ratio", data -> {
            try (var logs = data.logs()) {
                return new LogErrorBurstDetector().detect(logs);
            }
        });
        DETECTORS.put("traces errors+median", data -> {
            try (var spans = data.traces()) {
                return new TraceWindowDetector().detect(spans);
            }
        });
        TOLERANCES.put("metrics cpu_usage", CpuAndLatencySpikeTest.TOLERANCE);
        TOLERANCES.put("metrics latency_p95", CpuAndLatencySpikeTest.TOLERANCE);
        TOLERANCES.put("logs error ratio", ErrorBurstInLogsTest.TOLERANCE);
        TOLERANCES.put("traces errors+median", OutageAndLatencyInTracesTest.TOLERANCE);
    }

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2, 3, 4, 5}, anomalies = {CPU_SPIKE, SERVICE_OUTAGE, LATENCY_SPIKE, ERROR_BURST},
            difficulties = {NORMAL, SUBTLE}, size = "15MB", duration = "1h")
    void scoreIncidents(MeltData data, AnomalyType type, Difficulty difficulty, long seed) {
        DETECTORS.keySet().forEach(name -> CARD.add(name, type, difficulty, seed, evaluate(name, data)));
        scoreRca(data, type.id() + " " + difficulty.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2, 3, 4, 5}, size = "15MB", duration = "1h")
    void scoreQuietFleet(MeltData data, long seed) {
        DETECTORS.keySet().forEach(name -> CARD.add(name + " (quiet fleet)", seed, evaluate(name, data)));
    }

    private static Evaluation evaluate(String detector, MeltData data) {
        return Evaluation.of(Alerts.toDetections(DETECTORS.get(detector).apply(data)), data.groundTruth(),
                ScoringOptions.defaults().withTolerance(TOLERANCES.get(detector)));
    }

    @AfterAll
    static void printAndCheck(TestReporter reporter) throws IOException {
        System.out.print(CARD.toMarkdown());
        CARD.publish(reporter::publishEntry);
        CARD.write(Path.of("target", "scorecard.md"));
        CARD.write(Path.of("target", "scorecard.csv"));
        RCA.forEach((type, r) -> System.out.printf(Locale.ROOT, "rca / %-24s AC@1 %.2f  AC@3 %.2f%n", type,
                r[1] / r[0], r[2] / r[0]));
        assertThat(CARD).cell("metrics cpu_usage", CPU_SPIKE, NORMAL).hasMeanRecallAtLeast(1.0);
        // 6 of 7 on the format-2 generator (2026-12-03): one seed with two spikes has one missed, mean 0.90.
        assertThat(CARD).cell("metrics latency_p95", LATENCY_SPIKE, NORMAL).hasMeanRecallAtLeast(0.85);
        assertThat(CARD).cell("logs error ratio", ERROR_BURST, NORMAL).hasMeanRecallAtLeast(0.8);
        assertThat(CARD).cell("logs error ratio", SERVICE_OUTAGE, NORMAL).hasMeanRecallAtLeast(1.0);
        assertThat(CARD).cell("traces errors+median", SERVICE_OUTAGE, NORMAL).hasMeanRecallAtLeast(0.8);
        for (String detector : DETECTORS.keySet()) {
            assertThat(CARD).cell(detector + " (quiet fleet)").hasMeanFalseAlarmsPerHourAtMost(0.5);
        }
    }

    private static synchronized void scoreRca(MeltData data, String cell) {
        Map<String, List<String>> ranked;
        try (var spans = data.traces()) {
            ranked = new TraceRootCauseRanker().rank(spans, RootCauseRankingTest.incidentWindows(data));
        }
        RcaEvaluation rca = RcaEvaluation.of(RootCauseRanking.of(ranked), data.groundTruth());
        double[] r = RCA.computeIfAbsent(cell, t -> new double[3]);
        r[0] += rca.incidentCount();
        r[1] += rca.topKAccuracy(1) * rca.incidentCount();
        r[2] += rca.topKAccuracy(3) * rca.incidentCount();
    }
}
