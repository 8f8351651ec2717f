package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.truth;
import static dev.melt.assertions.Fixtures.twoIncidents;
import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.RootCause;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AC@k, Avg@k and MRR as RCAEval defines them. Truth: inc-0001 root cause checkout; inc-0002
 * root cause payment on host payment-1.
 */
class RcaEvaluationTest {

    private static final GroundTruth TRUTH = twoIncidents();

    /** inc-0001: checkout ranked 1st; inc-0002: payment ranked 3rd. */
    private static final RootCauseRanking FIRST_AND_THIRD = RootCauseRanking.builder()
            .rank("inc-0001", "checkout", "frontend")
            .rank("inc-0002", "checkout", "frontend", "payment")
            .build();

    @Test
    void topKAccuracyAverageAndReciprocalRank() {
        // ranks 1 and 3. AC@1 = 1/2, AC@2 = 1/2, AC@3 = 2/2.
        // Avg@3 = (0.5 + 0.5 + 1) / 3 = 2/3. MRR = (1/1 + 1/3) / 2 = 2/3.
        RcaEvaluation rca = RcaEvaluation.of(FIRST_AND_THIRD, TRUTH);
        assertThat(rca.rankOf("inc-0001")).hasValue(1);
        assertThat(rca.rankOf("inc-0002")).hasValue(3);
        assertThat(rca.topKAccuracy(1)).isEqualTo(0.5);
        assertThat(rca.topKAccuracy(2)).isEqualTo(0.5);
        assertThat(rca.topKAccuracy(3)).isEqualTo(1.0);
        assertThat(rca.averageTopKAccuracy(3)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(rca.averageTopKAccuracy(1)).isEqualTo(0.5);
        assertThat(rca.meanReciprocalRank()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void anUnrankedIncidentOrAMissingRootCauseIsAMissAtEveryK() {
        // inc-0001 not ranked, inc-0002's list lacks payment: AC@k = 0, MRR = 0
        RcaEvaluation rca = RcaEvaluation.of(RootCauseRanking.of(Map.of("inc-0002", List.of("db"))), TRUTH);
        assertThat(rca.rankOf("inc-0001")).isEmpty();
        assertThat(rca.topKAccuracy(5)).isZero();
        assertThat(rca.meanReciprocalRank()).isZero();
    }

    @Test
    void hostsMustAgreeWhenBothNameOne() {
        // inc-0002's root cause is payment on payment-1: payment-2 is wrong, plain payment is right
        RcaEvaluation rca = RcaEvaluation.of(RootCauseRanking.builder()
                .rank("inc-0001", List.of(RootCauseCandidate.service("checkout").onHost("checkout-3")))
                .rank("inc-0002", List.of(RootCauseCandidate.service("payment").onHost("payment-2"),
                        RootCauseCandidate.service("payment")))
                .build(), TRUTH);
        assertThat(rca.rankOf("inc-0001")).hasValue(1);
        assertThat(rca.rankOf("inc-0002")).hasValue(2);
    }

    @Test
    void anEdgeRootCauseIsNamedOnlyByThatEdgeAndAVersionByItsServiceOrItself() {
        // inc-0001: the calls from frontend to checkout; inc-0002: version 2.1 of payment
        Incident edge = Fixtures.incident("inc-0001", AnomalyType.LATENCY_SPIKE, "frontend", null, 10, 20);
        Incident version = Fixtures.incident("inc-0002", AnomalyType.ERROR_BURST, "payment", null, 30, 40);
        GroundTruth truth = Fixtures.truth(
                new Incident(edge.id(), edge.type(), "frontend", null, edge.start(), edge.end(), edge.affected(),
                        edge.cascade(), RootCause.edge("frontend", "checkout")),
                new Incident(version.id(), version.type(), "payment", null, version.start(), version.end(),
                        version.affected(), version.cascade(), RootCause.version("payment", "2.1")));
        RcaEvaluation rca = RcaEvaluation.of(RootCauseRanking.builder()
                // neither end of the edge, nor the reverse edge, is the root cause: rank 4
                .rank("inc-0001", List.of(RootCauseCandidate.service("frontend"), RootCauseCandidate.service("checkout"),
                        RootCauseCandidate.edge("checkout", "frontend"), RootCauseCandidate.edge("frontend", "checkout")))
                // another version is wrong, an edge from payment is wrong, the whole service is right: rank 3
                .rank("inc-0002", List.of(RootCauseCandidate.version("payment", "2.0"),
                        RootCauseCandidate.edge("payment", "db"), RootCauseCandidate.service("payment")))
                .build(), truth);
        assertThat(rca.rankOf("inc-0001")).hasValue(4);
        assertThat(rca.rankOf("inc-0002")).hasValue(3);
        assertThat(rca.meanReciprocalRank()).isCloseTo((1.0 / 4 + 1.0 / 3) / 2, within(1e-12));
        assertThat(RootCauseCandidate.version("payment", "2.1").isRootCauseOf(truth.incidents().get(1))).isTrue();
        // An edge candidate names no service or host root cause.
        assertThat(RootCauseCandidate.edge("frontend", "checkout").isRootCauseOf(TRUTH.incidents().get(0))).isFalse();
        assertThat(RootCauseCandidate.edge("frontend", "checkout")).hasToString("frontend -> checkout");
        assertThatIllegalArgumentException().isThrownBy(() -> RootCauseCandidate.edge("a", "b").onHost("h"))
                .withMessage("onHost: only a service candidate narrows to a host, not a -> b");
    }

    @Test
    void noIncidentsScoreTheZeroDivisionAndBadInputIsRejected() {
        RcaEvaluation empty = RcaEvaluation.of(RootCauseRanking.builder().build(), truth());
        assertThat(empty.topKAccuracy(1)).isZero();
        assertThat(empty.meanReciprocalRank()).isZero();
        RcaEvaluation lenient = RcaEvaluation.of(RootCauseRanking.builder().build(), truth(),
                ScoringOptions.defaults().withZeroDivision(Double.NaN));
        assertThat(lenient.topKAccuracy(1)).isNaN();
        assertThat(lenient.meanReciprocalRank()).isNaN();
        assertThatIllegalArgumentException().isThrownBy(() -> RcaEvaluation.of(FIRST_AND_THIRD, truth()))
                .withMessage("ranking: incident 'inc-0001' is not accepted; expected ids of incidents of the ground"
                        + " truth, such as (none: the ground truth has no incident)");
        assertThatIllegalArgumentException().isThrownBy(() -> RcaEvaluation.of(FIRST_AND_THIRD, TRUTH).topKAccuracy(0))
                .withMessage("k: 0 is not accepted; expected 1 or more");
        assertThatIllegalArgumentException().isThrownBy(() -> RootCauseRanking.builder().rank("a", "x").rank("a", "y"))
                .withMessage("incidentId: 'a' is not accepted; it is already ranked, expected each incident once");
    }

    @Test
    void assertionsPassAndFailWithTheRanksInTheMessage() {
        assertThatCode(() -> assertThat(FIRST_AND_THIRD).against(TRUTH).ranksRootCauseInTopK(3)
                .hasTopKAccuracyAtLeast(TopK.top(1), 0.5).hasAverageTopKAccuracyAtLeast(TopK.top(3), 0.6).hasMeanReciprocalRankAtLeast(0.6))
                .doesNotThrowAnyException();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(FIRST_AND_THIRD).against(TRUTH).ranksRootCauseInTopK(2))
                .withMessage(String.join(System.lineSeparator(), "",
                        "Expecting the root cause of every incident in the top 2 candidates, but 1 of 2 was not:",
                        "  inc-0002 latency_spike at payment (host payment-1) [2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z):"
                                + " ranked 3 after [checkout, frontend]"));
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(RcaEvaluation.of(FIRST_AND_THIRD, TRUTH)).hasTopKAccuracyAtLeast(TopK.top(1), 0.9))
                .withMessageStartingWith(String.join(System.lineSeparator(), "", "Expecting AC@1:",
                        "  0.5 (1 of 2 root causes in the top 1)", "to be at least:", "  0.9",
                        "Root causes not in the top 1 (1 of 2):"));
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(FIRST_AND_THIRD).against(TRUTH).hasMeanReciprocalRankAtLeast(0.8))
                .withMessageContaining("Expecting mean reciprocal rank:");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(RootCauseRanking.builder().rank("inc-0002", "db").build()).against(TRUTH)
                        .ranksRootCauseFirst())
                .withMessageContaining("[2024-01-01T00:10:00Z, 2024-01-01T00:20:00Z): not ranked")
                .withMessageContaining("[2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z): not among [db]");
    }

    @Test
    void alertRankingsAreMatchedToIncidentsByTimeAndService() {
        // inc-0001: checkout [00:10, 00:20), cascading to frontend [00:11, 00:21);
        // inc-0002: payment on payment-1 [00:30, 00:40)
        RootCauseRanking byAlert = RootCauseRanking.builder()
                .rankAlert(Detection.at(Fixtures.at(50)), "db")                       // matches nothing
                .rankAlert(Detection.at(Fixtures.at(20, 30)).on("frontend"), "frontend", "checkout") // inc-0001's cascade
                .rankAlert(Detection.at(Fixtures.at(31)).on("checkout"), "checkout")   // earlier, wrong service: no match
                .rankAlert(Detection.between(Fixtures.at(34), Fixtures.at(36)), "payment") // inc-0002
                .rankAlert(Detection.at(Fixtures.at(38)), "db", "payment")            // later: ignored
                .build();
        RcaEvaluation rca = RcaEvaluation.of(byAlert, TRUTH);
        assertThat(rca.rankOf("inc-0001")).hasValue(2);
        assertThat(rca.rankOf("inc-0002")).hasValue(1);
        assertThat(rca.candidatesOf("inc-0002")).hasValue(List.of(RootCauseCandidate.service("payment")));
        assertThat(rca.topKAccuracy(1)).isEqualTo(0.5);
        // an alert 30 s after inc-0002 matches only with a tolerance of at least 30 s
        RootCauseRanking late = RootCauseRanking.builder()
                .rankAlert(Detection.at(Fixtures.at(40, 30)).on("payment"), "payment").build();
        assertThat(RcaEvaluation.of(late, TRUTH).rankOf("inc-0002")).isEmpty();
        assertThat(RcaEvaluation.of(late, TRUTH, ScoringOptions.defaults().withTolerance(java.time.Duration.ofMinutes(1)))
                .rankOf("inc-0002")).hasValue(1);
        // an id-keyed ranking wins over alerts
        RootCauseRanking both = RootCauseRanking.builder().rank("inc-0002", "db", "payment")
                .rankAlert(Detection.at(Fixtures.at(35)), "payment").build();
        assertThat(RcaEvaluation.of(both, TRUTH).rankOf("inc-0002")).hasValue(2);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldNamesStillWork() {
        RcaEvaluation rca = RcaEvaluation.of(FIRST_AND_THIRD, TRUTH);
        assertThatCode(() -> assertThat(rca).hasTopKAccuracyAtLeast(1, 0.5).hasAverageTopKAccuracyAtLeast(3, 0.6))
                .doesNotThrowAnyException();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(rca).hasTopKAccuracyAtLeast(1, 0.9))
                .withMessageContaining("Expecting AC@1:");
        assertThatIllegalArgumentException().isThrownBy(() -> TopK.top(0))
                .withMessage("k: 0 is not accepted; expected 1 or more");
        GroundTruth truth = twoIncidents();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(List.of(Detection.at(Fixtures.at(50)))).against(truth).hasAtMostFalseAlarms(0))
                .withMessageContaining("Expecting false alarms:");
    }
}
