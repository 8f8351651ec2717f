package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.incident;
import static dev.melt.assertions.Fixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwinEvaluationTest {

    /** inc-0001 cpu_spike at checkout [00:10, 00:20): span [00:09, 00:23); inc-0002 at payment [00:24, 00:30): span [00:23, 00:33). */
    private static final Incident FIRST = incident("inc-0001", AnomalyType.CPU_SPIKE, "checkout", null, 10, 20);
    private static final Incident SECOND = incident("inc-0002", AnomalyType.ERROR_BURST, "payment", null, 24, 30);
    private static final GroundTruth ORIGINAL = truth(FIRST, SECOND);
    private static final GroundTruth TWIN = truth();
    private static final ScoringOptions ONE_MINUTE = ScoringOptions.defaults().withTolerance(Duration.ofMinutes(1));

    @Test
    void alarmsInBothAreTheBaselinesAndTheRestTheIncidents() {
        Detection noise = Detection.at(at(5)).on("web");
        Detection again = Detection.at(at(5)).on("web");
        Detection spike = Detection.between(at(11), at(19)).on("checkout");
        Detection burst = Detection.at(at(22, 30)).on("payment"); // in both spans: nearer inc-0002's window
        Detection recovery = Detection.at(at(33, 30)).on("payment"); // 30 s past inc-0002's span: within 1 min
        Detection stray = Detection.at(at(40)).on("checkout");
        Detection hidden = Detection.at(at(15)).on("web");
        TwinEvaluation pair = TwinEvaluation.of(List.of(noise, again, spike, burst, recovery, stray),
                List.of(noise, hidden), ORIGINAL, TWIN, ONE_MINUTE);

        assertThat(pair.removedIncidents()).containsExactly(FIRST, SECOND);
        assertThat(pair.baselineAlarms()).containsExactly(noise);
        assertThat(pair.incidentAlarms()).containsExactly(again, spike, burst, recovery, stray);
        assertThat(pair.incidentAlarmsByIncident().get(FIRST)).containsExactly(spike);
        assertThat(pair.incidentAlarmsByIncident().get(SECOND)).containsExactly(burst, recovery);
        assertThat(pair.strayIncidentAlarms()).containsExactly(again, stray);
        assertThat(pair.suppressedAlarms()).containsExactly(hidden);
        assertThat(pair.missedIncidents()).isEmpty();
        assertThat(pair.distanceToNearestIncident(stray)).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void theAssertionsNameWhatTheyFoundWrong() {
        Detection noise = Detection.at(at(5)).on("web");
        Detection stray = Detection.at(at(40)).on("checkout");
        TwinEvaluation pair = TwinEvaluation.of(List.of(noise, Detection.at(at(12)), stray), List.of(noise), ORIGINAL,
                TWIN, ONE_MINUTE);
        assertThatThrownBy(() -> MeltAssertions.assertThat(pair).everyIncidentAlarmLiesNearItsIncident())
                .hasMessageContaining("but 1 of 2 incident alarms lies farther:")
                .hasMessageContaining("2024-01-01T00:40:00Z on checkout: PT7M beyond the span of inc-0002 error_burst");
        assertThatThrownBy(() -> MeltAssertions.assertThat(pair).detectsEveryRemovedIncident())
                .hasMessageContaining("but 1 of 2 removed incidents caused none:")
                .hasMessageContaining("inc-0002 error_burst at payment [2024-01-01T00:24:00Z, 2024-01-01T00:30:00Z)")
                .hasMessageContaining("Baseline alarms (raised on the twin too, 1):")
                .hasMessageContaining("2024-01-01T00:05:00Z on web");
        assertThatThrownBy(() -> MeltAssertions.assertThat(pair).hasAtMostBaselineAlarms(0))
                .hasMessageContaining("Expecting at most 0 alarms raised on the baseline (on the twin too),")
                .hasMessageContaining("but found 1:");
        MeltAssertions.assertThat(pair).hasAtMostBaselineAlarms(1);
        MeltAssertions.assertThat(TwinEvaluation.of(List.of(Detection.at(at(12)), Detection.at(at(25))), List.of(),
                ORIGINAL, TWIN, ONE_MINUTE)).everyIncidentAlarmLiesNearItsIncident().detectsEveryRemovedIncident();
    }

    @Test
    void softAssertionsCollectEveryFailureOfThePair() {
        TwinEvaluation pair = TwinEvaluation.of(List.of(Detection.at(at(5)), Detection.at(at(40))),
                List.of(Detection.at(at(5))), ORIGINAL, TWIN, ONE_MINUTE);
        assertThatThrownBy(() -> MeltSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(pair).everyIncidentAlarmLiesNearItsIncident();
            softly.assertThat(pair).hasAtMostBaselineAlarms(0);
        })).hasMessageContaining("lies farther").hasMessageContaining("raised on the baseline");
    }

    @Test
    void aPairThatIsNotATwinIsRefused() {
        assertThatThrownBy(() -> TwinEvaluation.of(List.of(), List.of(), ORIGINAL, ORIGINAL, ONE_MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("twin: removes no incident of the original; expected the twin of the original's dataset"
                        + " without one or more of its 2 incidents");
        GroundTruth other = new GroundTruth(at(0), at(30), List.of());
        assertThatThrownBy(() -> TwinEvaluation.of(List.of(), List.of(), ORIGINAL, other, ONE_MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("twin: spans 2024-01-01T00:00:00Z to 2024-01-01T00:30:00Z is not accepted; expected the"
                        + " original's span, 2024-01-01T00:00:00Z to 2024-01-01T01:00:00Z");
        GroundTruth added = truth(incident("inc-0003", AnomalyType.CPU_SPIKE, "web", null, 40, 45));
        assertThatThrownBy(() -> TwinEvaluation.of(List.of(), List.of(), ORIGINAL, added, ONE_MINUTE))
                .hasMessageStartingWith("twin: incident inc-0003 is not accepted");
    }
}
