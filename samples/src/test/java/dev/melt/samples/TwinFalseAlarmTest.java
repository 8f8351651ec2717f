package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.ScoringOptions;
import dev.melt.assertions.TwinEvaluation;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.junit.MeltDataset;
import dev.melt.junit.MeltTwin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A twin separates the alarms a detector raises on the baseline from those the incident caused,
 * without reading a label: the detector runs on the dataset and on the same hour without the
 * incident, and what it raises on both is its own noise.
 */
class TwinFalseAlarmTest {

    /** A latency detector looser than the tuned one: 3.5 σ of log p95 on two samples, σ at least 0.08. */
    private static final MetricSpikeDetector DETECTOR = new MetricSpikeDetector("latency_p95", true, 3.5, 2, 0.05, 10,
            0.08);

    static List<Detection> alarms(MeltData data) {
        try (Stream<MetricRecord> metrics = data.metrics()) {
            return DETECTOR.detect(metrics).stream()
                    .map(alert -> Detection.between(alert.start(), alert.end()).on(alert.service()).onHost(alert.host()))
                    .toList();
        }
    }

    @Test
    @MeltDataset(duration = "1h", requestRate = "5", anomalies = LATENCY_SPIKE, seed = 5)
    void theTwinSeparatesBaselineFalseAlarmsFromTheIncidentsAlarms(MeltData data, @MeltTwin MeltData twin) {
        ScoringOptions options = ScoringOptions.defaults().withTolerance(Duration.ofMinutes(1));
        List<Detection> onData = alarms(data);
        TwinEvaluation pair = TwinEvaluation.of(onData, alarms(twin), data, twin, options);

        assertThat(pair).everyIncidentAlarmLiesNearItsIncident().detectsEveryRemovedIncident().hasAtMostBaselineAlarms(1);
        Assertions.assertThat(pair.incidentAlarms()).hasSizeGreaterThan(1);
        Assertions.assertThat(pair.baselineAlarms()).as("the detector's own noise").hasSize(1);
        // The labels agree: what the twin shows as noise is what the ground truth calls a false alarm.
        Assertions.assertThat(pair.baselineAlarms())
                .containsExactlyInAnyOrderElementsOf(Evaluation.of(onData, data.groundTruth(), options).falseAlarms());

        // A detector whose state the incident moved alarms far from it: the assertion names the alarm.
        List<Detection> late = new ArrayList<>(onData);
        Instant after = data.groundTruth().incidents().get(0).lastAffected().plus(Duration.ofMinutes(10));
        late.add(Detection.at(after).on("web").onHost("web-01"));
        assertThatThrownBy(() -> assertThat(TwinEvaluation.of(late, alarms(twin), data, twin, options))
                .everyIncidentAlarmLiesNearItsIncident())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but 1 of " + (pair.incidentAlarms().size() + 1) + " incident alarms lies farther:")
                .hasMessageContaining(after + " on web (host web-01): PT7M beyond the span of inc-0001 latency_spike");
    }

    @Test
    @MeltDataset(duration = "1h", requestRate = "5", anomalies = LATENCY_SPIKE, seed = 5)
    void aDatasetThatIsNotTheTwinIsRefused(MeltData data,
                                           @MeltDataset(duration = "1h", requestRate = "5", seed = 6) MeltData other) {
        // Same hour, no incident: its ground truth alone would pass for a twin's.
        ScoringOptions options = ScoringOptions.defaults();
        assertThatThrownBy(() -> TwinEvaluation.of(List.of(), List.of(), data, other, options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("twin: " + other.directory() + " is not accepted; expected the twin of " + data.directory()
                        + " (generate --twin-of), whose spec and seed are its original's");
    }
}
