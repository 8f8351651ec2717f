package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.generator.EventRecord;
import dev.melt.generator.MeltData;
import dev.melt.junit.MeltDataset;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sample 6: every detector on a dataset without incidents but with the benign look-alikes
 * (rolling deployments, batch jobs that raise one host's CPU, the daily traffic cycle). Any
 * alert is a false alarm; each is printed with the operational events next to it, which is
 * how an on-call engineer would explain it.
 */
@MeltDataset(size = "30MB", duration = "2h", seed = 1)
class FalseAlarmTest {

    private static List<EventRecord> events;

    @BeforeAll
    static void readEvents(MeltData data) {
        try (Stream<EventRecord> stream = data.events()) {
            events = stream.toList();
        }
        System.out.println("benign events: " + events.stream()
                .collect(Collectors.groupingBy(EventRecord::eventType, Collectors.counting())));
    }

    private static Evaluation evaluate(String detector, MeltData data, Function<MeltData, List<Alert>> run) {
        List<Detection> detections = Alerts.toDetections(run.apply(data));
        Evaluation evaluation = Evaluation.of(detections, data.groundTruth());
        Alerts.print(detector + " without incidents", evaluation);
        for (Detection alarm : evaluation.falseAlarms()) {
            System.out.println("  false alarm " + alarm + " near: " + eventsNear(alarm));
        }
        return evaluation;
    }

    /** The events on the alarm's service within five minutes of it. */
    private static List<String> eventsNear(Detection alarm) {
        Duration margin = Duration.ofMinutes(5);
        return events.stream()
                .filter(e -> alarm.service().equals(e.service()))
                .filter(e -> !e.timestamp().isBefore(alarm.start().minus(margin))
                        && e.timestamp().isBefore(alarm.end().plus(margin)))
                .map(e -> e.eventType() + " " + e.timestamp() + (e.host() == null ? "" : " " + e.host()))
                .toList();
    }

    @Test
    void datasetHasNoIncidentButHasLookAlikes(MeltData data) {
        assertThat(data.groundTruth().incidents()).isEmpty();
        assertThat(events).extracting(EventRecord::eventType)
                .contains("deployment", "batch_job");
    }

    @Test
    void cpuDetector(MeltData data) {
        Evaluation evaluation = evaluate("cpu_usage z-score", data, d -> {
            try (var metrics = d.metrics()) {
                return MetricSpikeDetector.cpu().detect(metrics);
            }
        });
        assertThat(evaluation).hasFalseAlarmsPerHourAtMost(0.5);
    }

    @Test
    void latencyDetector(MeltData data) {
        Evaluation evaluation = evaluate("latency_p95 z-score", data, d -> {
            try (var metrics = d.metrics()) {
                return MetricSpikeDetector.latency().detect(metrics);
            }
        });
        assertThat(evaluation).hasFalseAlarmsPerHourAtMost(0.5);
    }

    @Test
    void logDetector(MeltData data) {
        Evaluation evaluation = evaluate("log error ratio", data, d -> {
            try (var logs = d.logs()) {
                return new LogErrorBurstDetector().detect(logs);
            }
        });
        assertThat(evaluation).hasFalseAlarmsPerHourAtMost(0.5);
    }

    @Test
    void traceDetector(MeltData data) {
        Evaluation evaluation = evaluate("span error ratio and median", data, d -> {
            try (var spans = d.traces()) {
                return new TraceWindowDetector().detect(spans);
            }
        });
        assertThat(evaluation).hasFalseAlarmsPerHourAtMost(0.5);
    }
}
