package dev.melt.assertions.internal.report;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.report.DatasetReport;
import dev.melt.generator.report.ReportDetection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Turns an {@link Evaluation} into a {@link DatasetReport}: its detections, and its own verdicts. */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * Writes the report of an evaluation.
     *
     * @param evaluation the evaluation
     * @param data the dataset, for its series, or {@code null} for windows and detections only
     * @param file the HTML file
     * @throws IOException when it cannot be written
     */
    public static void write(Evaluation evaluation, MeltData data, Path file) throws IOException {
        DatasetReport.Builder b = data == null ? DatasetReport.builder(evaluation.groundTruth())
                : DatasetReport.builder(data);
        b.title(String.format(java.util.Locale.ROOT, "melt evaluation: recall %.3f, precision %.3f, %d false alarms",
                evaluation.recall(), evaluation.precision(), evaluation.falseAlarmCount()));
        b.detections(convert(evaluation.detections()));
        b.missedIncidents(evaluation.missedIncidents().stream().map(Incident::id).collect(Collectors.toList()));
        b.falseAlarms(convert(evaluation.falseAlarms()));
        b.build().writeTo(file);
    }

    private static List<ReportDetection> convert(List<Detection> detections) {
        return detections.stream().map(d -> new ReportDetection(d.start(), d.end(), d.service(),
                d.score().orElse(Double.NaN))).collect(Collectors.toList());
    }
}
