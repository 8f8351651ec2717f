package dev.melt.samples;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.AnomalyType.SERVICE_OUTAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.assertions.MeltAssertions;
import dev.melt.assertions.RcaEvaluation;
import dev.melt.assertions.RootCauseRanking;
import dev.melt.assertions.TopK;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.SpanRecord;
import dev.melt.junit.MeltDatasets;
import dev.melt.samples.TraceRootCauseRanker.SuspectWindow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Sample 4: an RCA engine over the trace call graph ({@link TraceRootCauseRanker}) ranks the
 * root cause of each incident, scored with AC@k. As in RCA benchmarks, the engine is given
 * each incident's window (in production: the window of the alert that paged) and must name
 * the service. Each dataset holds one incident type; AC@1 and AC@3 are asserted over all.
 */
class RootCauseRankingTest {

    /** Per dataset: incidents, root causes ranked first, ranked in the top 3. */
    private static final int[] TOTALS = new int[3];

    static List<SuspectWindow> incidentWindows(MeltData data) {
        return data.groundTruth().incidents().stream()
                .map((Incident i) -> new SuspectWindow(i.id(), i.firstAffected(), i.lastAffected()))
                .toList();
    }

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2, 3}, anomalies = {CPU_SPIKE, SERVICE_OUTAGE, LATENCY_SPIKE, ERROR_BURST},
            size = "15MB", duration = "1h")
    void ranksTheRootCause(MeltData data, AnomalyType type, long seed) {
        Map<String, List<String>> ranked;
        try (Stream<SpanRecord> spans = data.traces()) {
            ranked = new TraceRootCauseRanker().rank(spans, incidentWindows(data));
        }
        RcaEvaluation evaluation = RcaEvaluation.of(RootCauseRanking.of(ranked), data.groundTruth());

        Alerts.print("trace RCA, " + type.id() + ", seed " + seed, evaluation);
        for (Incident incident : data.groundTruth().incidents()) {
            System.out.println("  " + incident.id() + " root " + incident.rootCauseService() + ": ranked "
                    + ranked.get(incident.id()));
            // the engine must at least consider the root cause, even a dead service that left no span
            assertThat(ranked.get(incident.id())).contains(incident.rootCauseService());
        }
        MeltAssertions.assertThat(evaluation).hasTopKAccuracyAtLeast(TopK.top(6), 1.0);
        synchronized (TOTALS) {
            TOTALS[0] += evaluation.incidentCount();
            TOTALS[1] += (int) Math.round(evaluation.topKAccuracy(1) * evaluation.incidentCount());
            TOTALS[2] += (int) Math.round(evaluation.topKAccuracy(3) * evaluation.incidentCount());
        }
    }

    @AfterAll
    static void rootCauseIsUsuallyFirstAndAlmostAlwaysInTheTopThree() {
        double ac1 = TOTALS[1] / (double) TOTALS[0];
        double ac3 = TOTALS[2] / (double) TOTALS[0];
        System.out.printf(Locale.ROOT, "trace RCA over all datasets: incidents %d, AC@1 %.2f, AC@3 %.2f%n", TOTALS[0],
                ac1, ac3);
        assertThat(ac1).as("AC@1").isGreaterThanOrEqualTo(0.5);
        assertThat(ac3).as("AC@3").isGreaterThanOrEqualTo(0.8);
    }
}
