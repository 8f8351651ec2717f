package dev.melt.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Evaluation#writeHtml} draws the evaluation's own verdicts, not the report's overlap rule. */
class EvaluationReportTest {

    @TempDir
    Path temp;

    @Test
    void writeHtmlShowsTheMissedIncidentsAndFalseAlarmsOfTheEvaluation() throws Exception {
        Path dir = temp.resolve("data");
        new MeltGenerator(GenerationConfig.builder().size("5MB").anomalies(AnomalyType.values()).seed(7).build())
                .threads(1).generate(dir);
        MeltData data = MeltData.open(dir);
        Incident first = data.groundTruth().incidents().get(0);
        Incident second = data.groundTruth().incidents().get(1);
        // one hit on the first incident's root cause, one alarm long before anything happens, and one
        // 30 s after the second incident: a hit within the 2-minute tolerance, though it overlaps no window
        List<Detection> detections = List.of(
                Detection.at(first.start().plusSeconds(10)).on(first.rootCauseService()),
                Detection.at(data.groundTruth().start().plusSeconds(1)).on(first.rootCauseService()),
                Detection.at(second.lastAffected().plusSeconds(30)).on(second.rootCauseService()));
        Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
                ScoringOptions.defaults().withTolerance(java.time.Duration.ofMinutes(2)));
        Path html = temp.resolve("report.html");
        evaluation.writeHtml(html, data);
        assertThat(evaluation.missedIncidents()).doesNotContain(second);
        String page = Files.readString(html);
        assertThat(page).contains("<polyline");
        for (Incident i : data.groundTruth().incidents()) {
            boolean missed = evaluation.missedIncidents().contains(i);
            assertThat(page.contains("data-missed=\"" + i.id() + "\"")).as(i.id()).isEqualTo(missed);
        }
        assertThat(evaluation.missedIncidents()).doesNotContain(first);
        assertThat(page.split("data-false-alarm=\"", -1)).hasSize(evaluation.falseAlarmCount() + 1);
        assertThat(evaluation.falseAlarmCount()).isEqualTo(1);

        Path bare = temp.resolve("bare.html");
        evaluation.writeHtml(bare);
        assertThat(Files.readString(bare)).doesNotContain("<polyline").contains("data-detection=\"1\"");
    }
}
