package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.incident;
import static dev.melt.assertions.Fixtures.list;
import static dev.melt.assertions.Fixtures.truth;
import static dev.melt.assertions.Fixtures.twoIncidents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident-level (event-wise) scores. The truth of {@link Fixtures#twoIncidents()}: inc-0001
 * cpu_spike at checkout [00:10, 00:20) cascading to frontend [00:11, 00:21); inc-0002
 * latency_spike at payment, host payment-1, [00:30, 00:40).
 */
class EvaluationTest {

    private static final GroundTruth TRUTH = twoIncidents();

    private static Evaluation evaluate(List<Detection> detections) {
        return Evaluation.of(detections, TRUTH);
    }

    private static Evaluation evaluate(List<Detection> detections, Duration tolerance) {
        return Evaluation.of(detections, TRUTH, ScoringOptions.defaults().withTolerance(tolerance));
    }

    @Nested
    class IncidentLevel {

        @Test
        void oneOfTwoIncidentsAndOneFalseAlarm() {
            // recall = detected / incidents = 1 / 2; precision = matching detections / detections = 1 / 2;
            // F1 = 2·0.5·0.5 / (0.5 + 0.5) = 0.5
            Evaluation evaluation = evaluate(list(Detection.at(at(15)).on("checkout"), Detection.at(at(50)).on("checkout")));
            assertThat(evaluation.recall()).isEqualTo(0.5);
            assertThat(evaluation.precision()).isEqualTo(0.5);
            assertThat(evaluation.f1()).isEqualTo(0.5);
            assertThat(evaluation.detectedIncidents()).extracting(Incident::id).containsExactly("inc-0001");
            assertThat(evaluation.missedIncidents()).extracting(Incident::id).containsExactly("inc-0002");
            assertThat(evaluation.falseAlarms()).containsExactly(Detection.at(at(50)).on("checkout"));
        }

        @Test
        void aDetectionMustNameAnAffectedServiceWhenItNamesOne() {
            // at 00:15 inc-0001 affects checkout and frontend, not payment
            Evaluation evaluation = evaluate(list(Detection.at(at(15)).on("payment"), Detection.at(at(15)).on("frontend"),
                    Detection.at(at(15)).on("no-such-service")));
            assertThat(evaluation.recall()).isEqualTo(0.5);
            assertThat(evaluation.falseAlarms()).extracting(Detection::service)
                    .containsExactly("payment", "no-such-service");
        }

        @Test
        void aDetectionWithoutServiceMatchesAnyAffectedService() {
            assertThat(evaluate(list(Detection.at(at(35)))).detectedIncidents()).extracting(Incident::id)
                    .containsExactly("inc-0002");
        }

        @Test
        void aNamedHostMustMatchAHostBoundWindow() {
            // inc-0002 hits payment on payment-1 only; inc-0001's windows cover every host
            Evaluation evaluation = evaluate(list(Detection.at(at(35)).on("payment").onHost("payment-2"),
                    Detection.at(at(36)).on("payment").onHost("payment-1"),
                    Detection.at(at(15)).on("checkout").onHost("checkout-7")));
            assertThat(evaluation.recall()).isEqualTo(1.0);
            assertThat(evaluation.falseAlarms()).extracting(Detection::host).containsExactly("payment-2");
        }

        @Test
        void theCascadeWindowCountsOnTheCaller() {
            // frontend is affected until 00:21, checkout only until 00:20
            Evaluation evaluation = evaluate(list(Detection.at(at(20, 30)).on("frontend"), Detection.at(at(20, 30)).on("checkout")));
            assertThat(evaluation.detectedIncidents()).extracting(Incident::id).containsExactly("inc-0001");
            assertThat(evaluation.falseAlarms()).extracting(Detection::service).containsExactly("checkout");
        }

        @Test
        void aDetectionSpanningTwoIncidentsDetectsBothAndIsOneTrueDetection() {
            Evaluation evaluation = evaluate(list(Detection.between(at(15), at(35))));
            assertThat(evaluation.recall()).isEqualTo(1.0);
            assertThat(evaluation.precision()).isEqualTo(1.0);
        }

        @Test
        void overlappingDetectionsOfOneIncidentAreAllTrue() {
            Evaluation evaluation = evaluate(list(Detection.between(at(12), at(16)), Detection.between(at(14), at(18)),
                    Detection.at(at(14))));
            assertThat(evaluation.recall()).isEqualTo(0.5);
            assertThat(evaluation.precision()).isEqualTo(1.0);
            assertThat(evaluation.falseAlarmCount()).isZero();
        }

        @Test
        void windowsAreHalfOpen() {
            // checkout [00:10, 00:20): a point at 00:10 is in, one at 00:20 is out; a window
            // [00:05, 00:10) ends where the incident starts and shares no instant with it
            assertThat(evaluate(list(Detection.at(at(10)).on("checkout"))).recall()).isEqualTo(0.5);
            assertThat(evaluate(list(Detection.at(at(20)).on("checkout"))).recall()).isZero();
            assertThat(evaluate(list(Detection.between(at(5), at(10)).on("checkout"))).recall()).isZero();
            assertThat(evaluate(list(Detection.between(at(5), at(10).plusMillis(1)).on("checkout"))).recall()).isEqualTo(0.5);
        }

        @Test
        void theToleranceWidensWindowsOnBothSidesWithTheSameHalfOpenEdges() {
            // tolerance 1 min: checkout [00:09, 00:21)
            Duration minute = Duration.ofMinutes(1);
            assertThat(evaluate(list(Detection.at(at(9)).on("checkout")), minute).recall()).isEqualTo(0.5);
            assertThat(evaluate(list(Detection.at(at(8, 59)).on("checkout")), minute).recall()).isZero();
            assertThat(evaluate(list(Detection.at(at(20, 59)).on("checkout")), minute).recall()).isEqualTo(0.5);
            assertThat(evaluate(list(Detection.at(at(21)).on("checkout")), minute).recall()).isZero();
        }

        @Test
        void noIncidentsMeansZeroDivisionRecallAndEveryDetectionIsFalse() {
            Evaluation evaluation = Evaluation.of(list(Detection.at(at(5)), Detection.at(at(6))), truth());
            assertThat(evaluation.recall()).isZero();
            assertThat(evaluation.precision()).isZero();
            assertThat(evaluation.f1()).isZero();
            assertThat(evaluation.falseAlarmsPerHour()).isEqualTo(2.0);
        }

        @Test
        void noDetectionsMeansNoFalseAlarmAndEveryIncidentMissed() {
            Evaluation evaluation = evaluate(List.of());
            assertThat(evaluation.recall()).isZero();
            assertThat(evaluation.precision()).isZero(); // sklearn's zero_division=0, not 1
            assertThat(evaluation.f1()).isZero();
            assertThat(evaluation.meanDetectionDelay()).isEmpty();
            assertThat(evaluation.falseAlarmsPerHour()).isZero();
        }

        @Test
        void nothingAgainstNothingIsTheZeroDivision() {
            Evaluation evaluation = Evaluation.of(List.of(), truth());
            assertThat(evaluation.recall()).isZero();
            assertThat(evaluation.precision()).isZero();
            assertThat(evaluation.f1()).isZero();
            Evaluation lenient = Evaluation.of(List.of(), truth(), ScoringOptions.defaults().withZeroDivision(1));
            assertThat(lenient.recall()).isEqualTo(1.0);
            assertThat(lenient.precision()).isEqualTo(1.0);
            assertThat(lenient.f1()).isEqualTo(1.0);
        }

        @Test
        void theOrderOfDetectionsDoesNotMatter() {
            List<Detection> detections = new ArrayList<>();
            for (int minute = 0; minute < 60; minute += 3) {
                detections.add(Detection.at(at(minute)).on(minute % 2 == 0 ? "checkout" : "payment"));
            }
            Evaluation sorted = evaluate(detections);
            java.util.Collections.shuffle(detections, new Random(7));
            Evaluation shuffled = evaluate(detections);
            assertThat(shuffled.recall()).isEqualTo(sorted.recall());
            assertThat(shuffled.falseAlarms()).isEqualTo(sorted.falseAlarms());
            assertThat(shuffled.detectionDelays()).isEqualTo(sorted.detectionDelays());
        }
    }

    @Nested
    class DelaysAndFalseAlarmRate {

        @Test
        void theDelayRunsFromOnsetToTheEarliestMatchingDetection() {
            // inc-0001 starts 00:10, first matching detection 00:12 (the one at 00:14 is later);
            // inc-0002 starts 00:30, detected 00:36 on payment-1; mean (2 + 6) / 2 = 4 min, max 6 min
            Evaluation evaluation = evaluate(list(Detection.at(at(14)), Detection.at(at(12)).on("frontend"),
                    Detection.at(at(36)).on("payment")));
            assertThat(evaluation.detectionDelay("inc-0001")).hasValue(Duration.ofMinutes(2));
            assertThat(evaluation.detectionDelay("inc-0002")).hasValue(Duration.ofMinutes(6));
            assertThat(evaluation.meanDetectionDelay()).hasValue(Duration.ofMinutes(4));
            assertThat(evaluation.maxDetectionDelay()).hasValue(Duration.ofMinutes(6));
        }

        @Test
        void aDetectionThatStartsBeforeTheOnsetHasNoDelay() {
            Evaluation early = evaluate(list(Detection.at(at(9, 30)).on("checkout")), Duration.ofMinutes(1));
            Evaluation open = evaluate(list(Detection.between(at(5), at(11)).on("checkout")));
            assertThat(early.detectionDelay("inc-0001")).hasValue(Duration.ZERO);
            assertThat(open.detectionDelay("inc-0001")).hasValue(Duration.ZERO);
            assertThat(open.detectionDelay("inc-0002")).isEmpty();
        }

        @Test
        void anUnknownIncidentIdIsRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> evaluate(List.of()).detectionDelay("inc-9"))
                    .withMessage("incidentId: 'inc-9' is not accepted; expected the id of an incident of the ground truth");
        }

        @Test
        void falseAlarmsPerHourDivideByTheDatasetSpan() {
            List<Detection> three = list(Detection.at(at(1)), Detection.at(at(2)), Detection.at(at(3)));
            assertThat(evaluate(three).falseAlarmsPerHour()).isEqualTo(3.0);
            GroundTruth halfHour = new GroundTruth(Fixtures.T0, at(30), List.of());
            assertThat(Evaluation.of(three, halfHour).falseAlarmsPerHour()).isEqualTo(6.0);
        }
    }

    @Nested
    class ByType {

        @Test
        void eachTypeKeepsItsIncidentsAndItsDetectionsButNotTheFalseAlarmsThatNameNoType() {
            // cpu_spike: inc-0001 detected by 00:15; the false alarm at 00:50 names no type, so it
            // is charged to no type: precision 1/1, while the detector's precision is 1/2.
            // latency_spike: inc-0002 missed; the detection at 00:15 belongs to cpu_spike.
            Evaluation evaluation = evaluate(list(Detection.at(at(15)), Detection.at(at(50))));
            assertThat(evaluation.byType()).containsOnlyKeys(AnomalyType.CPU_SPIKE, AnomalyType.LATENCY_SPIKE);
            Evaluation cpu = evaluation.byType().get(AnomalyType.CPU_SPIKE);
            Evaluation latency = evaluation.forType(AnomalyType.LATENCY_SPIKE);
            assertThat(evaluation.precision()).isEqualTo(0.5);
            assertThat(evaluation.falseAlarmCount()).isEqualTo(1);
            assertThat(cpu.recall()).isEqualTo(1.0);
            assertThat(cpu.precision()).isEqualTo(1.0).isNotEqualTo(evaluation.precision());
            assertThat(cpu.falseAlarmCount()).isZero();
            assertThat(cpu.falseAlarmsPerHour()).isZero().isNotEqualTo(evaluation.falseAlarmsPerHour());
            assertThat(cpu.detectionDelays()).containsOnlyKeys("inc-0001");
            assertThat(latency.recall()).isZero();
            assertThat(latency.detections()).isEmpty();
            assertThat(latency.missedIncidents()).extracting(Incident::id).containsExactly("inc-0002");
        }

        @Test
        void aFalseAlarmThatNamesATypeIsChargedToThatTypeOnly() {
            Detection named = Detection.at(at(50)).ofType(AnomalyType.LATENCY_SPIKE);
            Evaluation evaluation = evaluate(list(Detection.at(at(15)), named));
            Evaluation cpu = evaluation.forType(AnomalyType.CPU_SPIKE);
            Evaluation latency = evaluation.forType(AnomalyType.LATENCY_SPIKE);
            assertThat(cpu.precision()).isEqualTo(1.0);
            assertThat(cpu.falseAlarms()).isEmpty();
            assertThat(latency.precision()).isZero();
            assertThat(latency.falseAlarms()).containsExactly(named);
            assertThat(evaluation.forType(AnomalyType.SERVICE_OUTAGE).falseAlarms()).isEmpty();
        }

        @Test
        void aTypeWithoutIncidentsHasTheZeroDivisionForRecall() {
            Evaluation outage = evaluate(list(Detection.at(at(15)), Detection.at(at(50)).ofType(AnomalyType.SERVICE_OUTAGE)))
                    .forType(AnomalyType.SERVICE_OUTAGE);
            assertThat(outage.incidentCount()).isZero();
            assertThat(outage.recall()).isZero();
            assertThat(outage.falseAlarmCount()).isEqualTo(1);
        }
    }

    @Test
    void detectionsAreOrderedByExactStartThenEndEvenWithinOneMillisecond() {
        var base = at(15);
        Detection a = Detection.at(base.plusNanos(100));
        Detection b = Detection.between(base.plusNanos(200), base.plusSeconds(1));
        Detection c = Detection.between(base.plusNanos(200), base.plusSeconds(2));
        Detection d = Detection.at(base.plusMillis(1));
        Detection e = Detection.at(at(1));
        assertThat(evaluate(list(d, c, b, e, a)).detections()).containsExactly(e, a, b, c, d);
    }

    @Test
    void detectionsSpanningCenturiesAreSortedToo() {
        // 2^18 + 1 detections from 1700 to 2200 do not fit the packed (millisecond, index) sort key
        Random random = new Random(3);
        List<Detection> detections = new ArrayList<>();
        long from = java.time.Instant.parse("1700-01-01T00:00:00Z").getEpochSecond();
        long to = java.time.Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i <= 1 << 18; i++) {
            detections.add(Detection.at(java.time.Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    random.nextInt(1_000_000_000))));
        }
        assertThat(evaluate(detections).detections()).hasSize(detections.size())
                .isSortedAccordingTo(java.util.Comparator.comparing(Detection::start));
    }

    @Test
    void manyDetectionsAgainstManyIncidentsMatchLikeTheNaiveDefinition() {
        // the sweep must agree with checking every pair, on random overlapping windows
        Random random = new Random(42);
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int from = random.nextInt(55);
            incidents.add(incident("inc-" + i, AnomalyType.values()[i % 4], "s" + random.nextInt(3), null, from,
                    from + 1 + random.nextInt(5)));
        }
        GroundTruth truth = truth(incidents.toArray(Incident[]::new));
        List<Detection> detections = new ArrayList<>();
        for (int d = 0; d < 300; d++) {
            int from = random.nextInt(3600);
            Detection detection = Detection.between(Fixtures.T0.plusSeconds(from),
                    Fixtures.T0.plusSeconds(from + (d % 3 == 0 ? 0 : random.nextInt(400))));
            detections.add(d % 4 == 0 ? detection : detection.on("s" + random.nextInt(3)));
        }
        Duration tolerance = Duration.ofSeconds(20);
        Evaluation evaluation = Evaluation.of(detections, truth, ScoringOptions.defaults().withTolerance(tolerance));

        List<String> detected = new ArrayList<>();
        for (Incident incident : incidents) {
            if (detections.stream().anyMatch(d -> matchesNaively(d, incident, tolerance))) {
                detected.add(incident.id());
            }
        }
        long falseAlarms = detections.stream().filter(d -> incidents.stream().noneMatch(i -> matchesNaively(d, i, tolerance)))
                .count();
        assertThat(evaluation.detectedIncidents()).extracting(Incident::id).containsExactlyElementsOf(detected);
        assertThat(evaluation.falseAlarmCount()).isEqualTo((int) falseAlarms);
        assertThat(evaluation.recall()).isCloseTo((double) detected.size() / incidents.size(), within(1e-12));
    }

    private static boolean matchesNaively(Detection d, Incident incident, Duration tolerance) {
        return incident.affected().stream().anyMatch(w -> {
            var from = w.start().minus(tolerance);
            var to = w.end().plus(tolerance);
            boolean sharesAnInstant = d.start().isBefore(to) && (!d.start().isBefore(from) || d.end().isAfter(from));
            return sharesAnInstant && (d.service() == null || d.service().equals(w.service()));
        });
    }
}
