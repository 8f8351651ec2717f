package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.AnomalyType.SERVICE_OUTAGE;

import dev.melt.assertions.RcaEvaluation;
import dev.melt.assertions.RootCauseRanking;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.SpanRecord;
import dev.melt.junit.MeltDataset;
import dev.melt.samples.TraceRootCauseRanker.SuspectWindow;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sample 4: an RCA engine over the trace call graph ({@link TraceRootCauseRanker}) ranks the
 * root cause of each incident, scored with AC@k. As in RCA benchmarks, the engine is given
 * each incident's window (in production: the window of the alert that paged) and must name
 * the service.
 */
class RootCauseRankingTest {

    static List<SuspectWindow> incidentWindows(MeltData data) {
        return data.groundTruth().incidents().stream()
                .map((Incident i) -> new SuspectWindow(i.id(), i.firstAffected(), i.lastAffected()))
                .toList();
    }

    @Test
    void ranksTheRootCauseOfEveryKindOfIncident(@MeltDataset(size = "5MB", duration = "1h", seed = 1,
            anomalies = {CPU_SPIKE, SERVICE_OUTAGE, LATENCY_SPIKE, ERROR_BURST}) MeltData data) {
        Map<String, List<String>> ranked;
        try (Stream<SpanRecord> spans = data.traces()) {
            ranked = new TraceRootCauseRanker().rank(spans, incidentWindows(data));
        }
        RootCauseRanking ranking = RootCauseRanking.of(ranked);

        Alerts.print("trace RCA on every incident type", RcaEvaluation.of(ranking, data.groundTruth()));
        data.groundTruth().incidents().forEach(i -> System.out.println("  " + i.id() + " " + i.type().id()
                + " root " + i.rootCauseService() + ": ranked " + ranked.get(i.id())));
        assertThat(ranking).against(data.groundTruth())
                .hasTopKAccuracyAtLeast(1, 0.5)
                .hasTopKAccuracyAtLeast(3, 0.75);
    }
}
