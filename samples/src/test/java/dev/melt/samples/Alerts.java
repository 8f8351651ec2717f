package dev.melt.samples;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.RcaEvaluation;
import dev.melt.generator.AnomalyType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The glue between the sample detectors and melt-assertions: alerts become {@link Detection}s,
 * and evaluations are printed the way a user reads them in the test log.
 */
final class Alerts {

    private Alerts() {
    }

    /**
     * Turns alerts into detections blaming the alert's service (and host, when it names one).
     *
     * @param alerts what a detector raised
     * @return one detection per alert
     */
    static List<Detection> toDetections(List<Alert> alerts) {
        return alerts.stream().map(Alerts::toDetection).toList();
    }

    private static Detection toDetection(Alert alert) {
        Detection detection = Detection.between(alert.start(), alert.end()).on(alert.service()).withScore(alert.score());
        return alert.host() == null ? detection : detection.onHost(alert.host());
    }

    /**
     * Prints the detector's line (recall, precision, F1, false alarms per hour, mean delay), then
     * one line per incident type with what is the type's own: incidents, detected, recall, delay.
     * Precision and false alarms belong to the detector, not to a type (see {@link Evaluation#byType()}).
     *
     * @param title what was evaluated
     * @param evaluation the evaluation
     */
    static void print(String title, Evaluation evaluation) {
        System.out.println(title + ": " + line(evaluation));
        for (Map.Entry<AnomalyType, Evaluation> type : evaluation.byType().entrySet()) {
            Evaluation e = type.getValue();
            System.out.println(String.format(Locale.ROOT, "  %s: incidents %d, detected %d, recall %.2f, mean delay %s",
                    type.getKey().id(), e.incidentCount(), e.detectedIncidents().size(), e.recall(),
                    e.meanDetectionDelay().map(Alerts::seconds).orElse("-")));
        }
    }

    static String line(Evaluation e) {
        return String.format(Locale.ROOT, "incidents %d, detected %d, recall %.2f, precision %.2f, F1 %.2f, "
                        + "false alarms %d (%.2f/h), mean delay %s", e.incidentCount(), e.detectedIncidents().size(),
                e.recall(), e.precision(), e.f1(), e.falseAlarmCount(), e.falseAlarmsPerHour(),
                e.meanDetectionDelay().map(Alerts::seconds).orElse("-"));
    }

    /**
     * Prints AC@1 and AC@3 of an RCA evaluation.
     *
     * @param title what was evaluated
     * @param evaluation the evaluation
     */
    static void print(String title, RcaEvaluation evaluation) {
        System.out.printf(Locale.ROOT, "%s: incidents %d, AC@1 %.2f, AC@3 %.2f, MRR %.2f%n", title,
                evaluation.incidentCount(), evaluation.topKAccuracy(1), evaluation.topKAccuracy(3),
                evaluation.meanReciprocalRank());
    }

    static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
