package dev.melt.samples;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.AnomalyType.SERVICE_OUTAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.assertions.Evaluation;
import dev.melt.assertions.RcaEvaluation;
import dev.melt.assertions.RootCauseRanking;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.MeltData;
import dev.melt.junit.MeltDatasets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The scorecard of the samples: every detector and the RCA engine over five seeds of each
 * incident type, at normal and at subtle difficulty, and five quiet datasets, summed up in one
 * table per detector and type. It generates 45 datasets, so it runs only on demand:
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

    private static final Map<String, Function<MeltData, List<Alert>>> DETECTORS = new LinkedHashMap<>();
    private static final Map<String, Duration> TOLERANCES = new LinkedHashMap<>();
    /** Per "detector / type": {incidents, detected, matching detections, detections, sum of delays in s, hours}. */
    private static final Map<String, double[]> SCORES = new LinkedHashMap<>();
    /** Per type: {incidents, root causes ranked first, ranked in the top 3}. */
    private static final Map<String, double[]> RCA = new LinkedHashMap<>();

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
            size = "15MB", duration = "1h")
    void scoreIncidents(MeltData data, AnomalyType type) {
        score(data, type.id());
        scoreRca(data, type.id());
    }

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2, 3, 4, 5}, anomalies = {CPU_SPIKE, SERVICE_OUTAGE, LATENCY_SPIKE, ERROR_BURST},
            size = "15MB", duration = "1h", difficulty = Difficulty.SUBTLE)
    void scoreSubtleIncidents(MeltData data, AnomalyType type) {
        score(data, type.id() + " (subtle)");
        scoreRca(data, type.id() + " (subtle)");
    }

    private static synchronized void scoreRca(MeltData data, String type) {
        Map<String, List<String>> ranked;
        try (var spans = data.traces()) {
            ranked = new TraceRootCauseRanker().rank(spans, RootCauseRankingTest.incidentWindows(data));
        }
        RcaEvaluation rca = RcaEvaluation.of(RootCauseRanking.of(ranked), data.groundTruth());
        double[] r = RCA.computeIfAbsent(type, t -> new double[3]);
        r[0] += rca.incidentCount();
        r[1] += rca.topKAccuracy(1) * rca.incidentCount();
        r[2] += rca.topKAccuracy(3) * rca.incidentCount();
    }

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2, 3, 4, 5}, size = "15MB", duration = "1h")
    void scoreQuietFleet(MeltData data) {
        score(data, "none");
    }

    private static synchronized void score(MeltData data, String type) {
        double hours = Duration.between(data.groundTruth().start(), data.groundTruth().end()).toSeconds() / 3600.0;
        DETECTORS.forEach((name, detector) -> {
            Evaluation e = Evaluation.of(Alerts.toDetections(detector.apply(data)), data.groundTruth(),
                    ScoringOptions.defaults().withTolerance(TOLERANCES.get(name)));
            double[] s = SCORES.computeIfAbsent(name + " / " + type, k -> new double[6]);
            s[0] += e.incidentCount();
            s[1] += e.detectedIncidents().size();
            s[2] += e.detections().size() - e.falseAlarmCount();
            s[3] += e.detections().size();
            s[4] += e.detectionDelays().values().stream().mapToLong(Duration::toSeconds).sum();
            s[5] += hours;
        });
    }

    @AfterAll
    static void printAndCheck() {
        System.out.println("detector / incident type                  recall  precision  false alarms/h  mean delay");
        SCORES.forEach((key, s) -> System.out.printf(Locale.ROOT, "%-42s %6s %10s %15.2f %11s%n", key,
                s[0] == 0 ? "-" : String.format(Locale.ROOT, "%.2f", s[1] / s[0]),
                s[3] == 0 ? "-" : String.format(Locale.ROOT, "%.2f", s[2] / s[3]),
                (s[3] - s[2]) / s[5], s[1] == 0 ? "-" : Math.round(s[4] / s[1]) + " s"));
        RCA.forEach((type, r) -> System.out.printf(Locale.ROOT, "rca / %-36s AC@1 %.2f  AC@3 %.2f%n", type,
                r[1] / r[0], r[2] / r[0]));
        assertThat(recall("metrics cpu_usage / cpu_spike")).isEqualTo(1.0);
        assertThat(recall("metrics latency_p95 / latency_spike")).isEqualTo(1.0);
        assertThat(recall("logs error ratio / error_burst")).isGreaterThanOrEqualTo(0.8);
        assertThat(recall("logs error ratio / service_outage")).isEqualTo(1.0);
        assertThat(recall("traces errors+median / service_outage")).isGreaterThanOrEqualTo(0.8);
        for (String detector : DETECTORS.keySet()) {
            double[] quiet = SCORES.get(detector + " / none");
            assertThat((quiet[3] - quiet[2]) / quiet[5]).as("false alarms per hour of %s on quiet fleets", detector)
                    .isLessThanOrEqualTo(0.5);
        }
    }

    private static double recall(String key) {
        double[] s = SCORES.get(key);
        return s == null ? Double.NaN : s[1] / s[0];
    }
}
