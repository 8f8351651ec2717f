package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.list;
import static dev.melt.assertions.Fixtures.twoIncidents;
import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The AssertJ checks, with both {@code Assertions.assertThat} and {@code MeltAssertions.assertThat}
 * statically imported, as users do. {@code half}: one detection in inc-0001 (30 s after its onset)
 * and one false alarm at 00:50 against {@link Fixtures#twoIncidents()}.
 */
class MeltAssertionsTest {

    private static final GroundTruth TRUTH = twoIncidents();
    private static final List<Detection> HALF = list(Detection.at(at(10, 30)).on("checkout"),
            Detection.at(at(50)).on("checkout"));
    private static final List<Detection> EXACT = list(Detection.between(at(10), at(21)), Detection.between(at(30), at(40)));

    private static EvaluationAssert half() {
        return assertThat(HALF).against(TRUTH);
    }

    private static EvaluationAssert exact() {
        return assertThat(EXACT).against(TRUTH);
    }

    private static String nl(String text) {
        return text.replace("\n", System.lineSeparator());
    }

    @Nested
    class Messages {

        @Test
        void aRecallFailureShowsTheFiguresThenTheMissedIncidentsAndTheFalseAlarms() {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasRecallAtLeast(0.9))
                    .withMessage(nl("""

                            Expecting incident recall:
                              0.5 (1 of 2 incidents detected)
                            to be at least:
                              0.9
                            Missed incidents (1 of 2, tolerance PT0S):
                              inc-0002 latency_spike at payment (host payment-1) [2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z)
                            False alarms (1 of 2 detections):
                              2024-01-01T00:50:00Z on checkout"""));
        }

        @Test
        void longListsShowTheFirstTenAndCountTheRest() {
            List<Detection> noisy = new ArrayList<>();
            for (int minute = 41; minute < 53; minute++) {
                noisy.add(Detection.at(at(minute)).on("db"));
            }
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(noisy).against(TRUTH).hasPrecisionAtLeast(0.5))
                    .withMessageStartingWith(nl("""

                            Expecting incident precision:
                              0.0 (0 of 12 detections matched an incident)
                            to be at least:
                              0.5
                            Missed incidents (2 of 2, tolerance PT0S):
                              inc-0001 cpu_spike at checkout [2024-01-01T00:10:00Z, 2024-01-01T00:20:00Z)
                              inc-0002 latency_spike"""))
                    .withMessageContaining(nl("""
                            False alarms (12 of 12 detections):
                              2024-01-01T00:41:00Z on db"""))
                    .withMessageEndingWith(nl("\n  2024-01-01T00:50:00Z on db\n  ... and 2 more"));
        }

        @Test
        void detectsEveryListsTheMissedIncidentsOfTheType() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> half().detectsEvery(AnomalyType.LATENCY_SPIKE))
                    .withMessage(nl("""

                            Expecting every latency_spike incident to be detected, but 1 of 1 was missed:
                              inc-0002 latency_spike at payment (host payment-1) [2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z)"""));
        }

        @Test
        void theDescriptionCarriesOverToTheEvaluation() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(HALF).as("checkout detector").against(TRUTH).hasRecallAtLeast(1.0))
                    .withMessageStartingWith(nl("[checkout detector] \nExpecting incident recall:"));
        }

        @Test
        void delayFailuresListTheLateIncidents() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> half().hasMaxDetectionDelayAtMost(Duration.ofSeconds(10)))
                    .withMessageStartingWith(nl("""

                            Expecting max detection delay:
                              PT30S
                            to be at most:
                              PT10S
                            Detected later than PT10S (1):
                              inc-0001 cpu_spike at checkout [2024-01-01T00:10:00Z, 2024-01-01T00:20:00Z) detected after PT30S
                            Missed incidents (1 of 2, tolerance PT0S):"""));
        }
    }

    @Nested
    class PassAndFail {

        @Test
        void recallPrecisionAndF1() {
            assertThatCode(() -> half().hasRecallAtLeast(0.5).hasPrecisionAtLeast(0.5).hasF1AtLeast(0.5))
                    .doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasPrecisionAtLeast(0.8))
                    .withMessageContaining("0.5 (1 of 2 detections matched an incident)");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasF1AtLeast(0.7))
                    .withMessageContaining("0.5 (precision 0.5, recall 0.5)");
        }

        @Test
        void timeSeriesMetrics() {
            assertThatCode(() -> exact().hasPointwiseF1AtLeast(1.0).hasPointAdjustedF1AtLeast(1.0)
                    .hasRangeRecallAtLeast(1.0).hasRangePrecisionAtLeast(1.0).hasNabScoreAtLeast(90))
                    .doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasPointwiseF1AtLeast(0.5))
                    .withMessageContaining("Expecting point-wise F1:");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasPointAdjustedF1AtLeast(0.9))
                    .withMessageContaining("Expecting point-adjusted F1:");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasRangeRecallAtLeast(0.5))
                    .withMessageContaining("(α 0.0, γ one, δ flat, time step PT1S)");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasRangePrecisionAtLeast(0.9))
                    .withMessageContaining("Expecting range-based precision:");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasNabScoreAtLeast(90))
                    .withMessageContaining("(standard profile)");
        }

        @Test
        void everyIncidentAndEveryType() {
            assertThatCode(() -> half().detectsEvery(AnomalyType.CPU_SPIKE)).doesNotThrowAnyException();
            // no error_burst incident: nothing to detect, so the check cannot pass
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().detectsEvery(AnomalyType.ERROR_BURST))
                    .withMessageContaining("the ground truth has no error_burst incident");
            assertThatCode(() -> exact().detectsEveryIncident()).doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().detectsEveryIncident())
                    .withMessageContaining("Expecting every incident to be detected, but 1 of 2 was missed:");
        }

        @Test
        void delays() {
            assertThatCode(() -> half().hasMeanDetectionDelayAtMost(Duration.ofMinutes(1))
                    .hasMaxDetectionDelayAtMost(Duration.ofSeconds(30))).doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> half().hasMeanDetectionDelayAtMost(Duration.ofSeconds(10)))
                    .withMessageContaining("PT30S (over 1 detected incident)");
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(List.<Detection>of()).against(TRUTH)
                            .hasMeanDetectionDelayAtMost(Duration.ofHours(1)))
                    .withMessageContaining("undefined (no incident was detected)");
        }

        @Test
        void falseAlarms() {
            assertThatCode(() -> half().hasFalseAlarmsPerHourAtMost(1).hasFalseAlarmsAtMost(1)).doesNotThrowAnyException();
            assertThatCode(() -> exact().hasNoFalseAlarms()).doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasFalseAlarmsPerHourAtMost(0.5))
                    .withMessageContaining("1.0 (1 false alarm in PT1H)");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> half().hasNoFalseAlarms())
                    .withMessageContaining("Expecting false alarms:");
        }

        @Test
        void perType() {
            assertThatCode(() -> half().forType(AnomalyType.CPU_SPIKE).hasRecallAtLeast(1.0)).doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> half().forType(AnomalyType.LATENCY_SPIKE).hasRecallAtLeast(1.0))
                    .withMessageStartingWith(nl("[latency_spike incidents] \nExpecting incident recall:"));
        }

        @Test
        void theToleranceAndOptionsAreAppliedBeforeScoring() {
            List<Detection> late = list(Detection.at(at(20, 30)).on("checkout"));
            assertThatCode(() -> assertThat(late).withTolerance(Duration.ofMinutes(1)).against(TRUTH)
                    .detectsEvery(AnomalyType.CPU_SPIKE)).doesNotThrowAnyException();
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(late).usingScoring(ScoringOptions.defaults()).against(TRUTH)
                            .detectsEvery(AnomalyType.CPU_SPIKE));
        }

        @Test
        void nullAndBadThresholdsFailClearly() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat((List<Detection>) null).against(TRUTH))
                    .withMessageContaining("Expecting actual not to be null");
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat((Evaluation) null).hasRecallAtLeast(0.5))
                    .withMessageContaining("Expecting actual not to be null");
            assertThatIllegalArgumentException().isThrownBy(() -> half().hasRecallAtLeast(1.5))
                    .withMessage("minimum: 1.5 is not accepted; expected a number between 0 and 1");
        }
    }

    @Nested
    class Soft {

        @Test
        void meltSoftAssertionsCollectEveryFailure() {
            MeltSoftAssertions softly = new MeltSoftAssertions();
            softly.assertThat(HALF).against(TRUTH).hasRecallAtLeast(0.9).hasPrecisionAtLeast(0.9)
                    .hasRecallAtLeast(0.1);
            softly.assertThat(Evaluation.of(HALF, TRUTH)).forType(AnomalyType.LATENCY_SPIKE).detectsEveryIncident();
            assertThat(softly.assertionErrorsCollected()).hasSize(3);
            assertThat(softly.assertionErrorsCollected().get(0)).hasMessageContaining("Expecting incident recall:");
            assertThat(softly.assertionErrorsCollected().get(1)).hasMessageContaining("Expecting incident precision:");
            assertThat(softly.assertionErrorsCollected().get(2)).hasMessageContaining("[latency_spike incidents]");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(softly::assertAll)
                    .withMessageContaining("Multiple Failures (3 failures)");
        }

        @Test
        void theProviderMixesIntoAUsersSoftAssertions() {
            UserSoftAssertions softly = new UserSoftAssertions();
            softly.assertThatDetections(HALF).against(TRUTH).hasRecallAtLeast(0.9);
            softly.assertThat(HALF).hasSize(3);
            softly.assertThat(RootCauseRanking.builder().rank("inc-0001", "frontend").build()).against(TRUTH)
                    .ranksRootCauseFirst();
            assertThat(softly.assertionErrorsCollected()).hasSize(3);
        }

        @Test
        void assertSoftlyThrowsOnceWithAllFailures() {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> MeltSoftAssertions.assertSoftly(softly -> {
                softly.assertThat(HALF).against(TRUTH).hasNoFalseAlarms();
                softly.assertThat(HALF).against(TRUTH).detectsEveryIncident();
            })).withMessageContaining("Multiple Failures (2 failures)");
        }
    }

    /** What a user writes to get melt's checks in their own soft assertions. */
    static class UserSoftAssertions extends SoftAssertions implements MeltSoftAssertionsProvider {
    }
}
