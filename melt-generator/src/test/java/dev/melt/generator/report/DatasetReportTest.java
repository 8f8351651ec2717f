package dev.melt.generator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReportTest {

    @TempDir
    static Path temp;

    static MeltData data;
    static List<ReportDetection> detections;

    @BeforeAll
    static void generate() throws Exception {
        Path dir = temp.resolve("data");
        new MeltGenerator(GenerationConfig.builder().size("10MB").seed(7).anomalies(AnomalyType.values()).build())
                .generate(dir);
        data = MeltData.open(dir);
        detections = new ArrayList<>();
        List<Incident> incidents = data.groundTruth().incidents();
        // hit the first incident's root cause, a range on the second, and one false alarm at the very start
        Incident first = incidents.get(0);
        detections.add(new ReportDetection(first.start().plusSeconds(30), first.start().plusSeconds(30),
                first.rootCauseService(), 0.9));
        Incident second = incidents.get(1);
        // A range that ends before the third incident shows anywhere.
        java.time.Instant rangeEnd = second.start().plusSeconds(60);
        if (incidents.size() > 2 && !incidents.get(2).firstAffected().isAfter(rangeEnd)) {
            rangeEnd = incidents.get(2).firstAffected().minusSeconds(1);
        }
        detections.add(new ReportDetection(second.start(), rangeEnd.isBefore(second.start()) ? second.start() : rangeEnd,
                null, 0.8));
        detections.add(new ReportDetection(data.groundTruth().start().plusSeconds(1),
                data.groundTruth().start().plusSeconds(1), "no-such-service", Double.NaN));
    }

    @Test
    void chromiumDrawsEveryIncidentWindowAndEveryDetection() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path html = temp.resolve("report.html");
        DatasetReport.builder(data).detections(detections).build().writeTo(html);
        Path work = Files.createDirectories(temp.resolve("chromium"));
        Path png = temp.resolve("report.png");
        chromium.screenshot(html, png, work, 1300, 1800);
        assertThat(Files.size(png)).isGreaterThan(10_000);
        String dom = chromium.dumpDom(html, work);

        for (Incident i : data.groundTruth().incidents()) {
            for (AffectedService a : i.affected()) {
                // every affected window on the timeline, and on its incident's own charts
                String role = a.role() == AffectedService.Role.ROOT_CAUSE ? "root-cause" : "cascade";
                for (String in : new String[] {"timeline", i.id()}) {
                    assertThat(dom).as("%s %s %s in %s", i.id(), a.service(), role, in).containsPattern(
                            Pattern.quote("data-incident=\"" + i.id() + "\" data-role=\"" + role + "\" data-service=\""
                                    + a.service() + "\" data-start=\"" + a.start() + "\" data-end=\"" + a.end()
                                    + "\" data-in=\"" + in + "\""));
                }
            }
            assertThat(dom).contains("id=\"" + i.id() + "\"").contains("href=\"#" + i.id() + "\"");
        }
        for (int d = 0; d < detections.size(); d++) {
            assertThat(dom).as("detection %d", d).contains("data-detection=\"" + d + "\" data-start=\""
                    + detections.get(d).start() + "\" data-in=\"timeline\"");
        }
        // the first two hit incident charts; the third is the only false alarm, listed and linked
        assertThat(dom).contains("data-detection=\"0\" data-start=\"" + detections.get(0).start() + "\" data-in=\""
                + data.groundTruth().incidents().get(0).id() + "\"");
        assertThat(count(dom, "data-false-alarm=\"")).isEqualTo(1);
        assertThat(dom).contains("data-false-alarm=\"2\"");
        assertThat(dom).contains("data-chart=\"call-graph\"").contains("data-signal=\"metrics.jsonl\"");
        assertThat(count(dom, "<polyline data-series=")).isGreaterThan(data.groundTruth().incidents().size() * 4);
    }

    @Test
    void missedIncidentsAreThoseNoDetectionOverlaps() {
        String html = DatasetReport.builder(data).detections(detections).build().html();
        List<Incident> incidents = data.groundTruth().incidents();
        assertThat(html).doesNotContain("data-missed=\"" + incidents.get(0).id() + "\"")
                .doesNotContain("data-missed=\"" + incidents.get(1).id() + "\"");
        for (Incident i : incidents.subList(2, incidents.size())) {
            assertThat(html).contains("data-missed=\"" + i.id() + "\"");
        }
    }

    @Test
    void aScorersVerdictReplacesTheOverlapRule() {
        String id = data.groundTruth().incidents().get(0).id();
        String html = DatasetReport.builder(data.groundTruth()).detections(detections).missedIncidents(List.of(id))
                .falseAlarms(List.of()).build().html();
        assertThat(count(html, "data-missed=\"")).isEqualTo(1);
        assertThat(html).contains("data-missed=\"" + id + "\"").doesNotContain("data-false-alarm=");
        assertThat(html).doesNotContain("<polyline"); // a ground truth alone has no series
    }

    @Test
    void longSeriesAreDownsampledToTheBucketCount() {
        String html = DatasetReport.builder(data).maxPoints(20).build().html();
        Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(html);
        int lines = 0;
        while (m.find()) {
            lines++;
            assertThat(m.group(1).split(" ").length).isLessThanOrEqualTo(20);
        }
        assertThat(lines).isPositive();
        assertThatThrownBy(() -> DatasetReport.builder(data).maxPoints(3)).hasMessageContaining("at least 10");
    }

    @Test
    void writeToLeavesNoTemporaryFileBehind() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("out"));
        DatasetReport.builder(data.groundTruth()).build().writeTo(dir.resolve("r.html"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.html");
        }
        assertThat(Files.readString(dir.resolve("r.html"))).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script src");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

}
