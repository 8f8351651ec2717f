package dev.melt.assertions;

import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * melt's soft assertions, to mix into your own soft-assertion class so that one
 * {@code assertAll()} reports every shortfall of a detector at once, melt's and AssertJ's alike:
 *
 * <pre>{@code
 * class MySoftAssertions extends SoftAssertions implements MeltSoftAssertionsProvider {}
 *
 * MySoftAssertions softly = new MySoftAssertions();
 * softly.assertThatDetections(detections).against(truth).hasRecallAtLeast(0.9).hasPrecisionAtLeast(0.8);
 * softly.assertThat(detections.size()).isPositive();
 * softly.assertAll(); // one error listing every failure
 * }</pre>
 *
 * The assertions returned by {@code against(...)} and {@code forType(...)} collect their failures too.
 */
public interface MeltSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * Starts soft assertions on what a detector reported. Named apart from {@code assertThat}
     * because AssertJ's own {@code assertThat(List)} would clash with it in a class that mixes
     * this interface into {@code SoftAssertions}.
     *
     * @param detections the detections
     * @return the assertion object
     */
    default DetectionsAssert assertThatDetections(List<Detection> detections) {
        return proxy(DetectionsAssert.class, List.class, detections).creatingEvaluationAssertsWith(this::softly);
    }

    /**
     * Starts soft assertions on an evaluation.
     *
     * @param evaluation the evaluation
     * @return the assertion object
     */
    default EvaluationAssert assertThat(Evaluation evaluation) {
        return softly(evaluation);
    }

    /**
     * Starts soft assertions on record-by-record scores.
     *
     * @param scores the scores
     * @return the assertion object
     */
    default RecordEvaluationAssert assertThat(RecordEvaluation scores) {
        return proxy(RecordEvaluationAssert.class, RecordEvaluation.class, scores);
    }

    /**
     * Starts soft assertions on what an RCA engine answered.
     *
     * @param ranking the ranking
     * @return the assertion object
     */
    default RootCauseRankingAssert assertThat(RootCauseRanking ranking) {
        return proxy(RootCauseRankingAssert.class, RootCauseRanking.class, ranking)
                .creatingRcaAssertsWith(e -> proxy(RcaEvaluationAssert.class, RcaEvaluation.class, e));
    }

    /**
     * Starts soft assertions on an RCA evaluation.
     *
     * @param evaluation the evaluation
     * @return the assertion object
     */
    default RcaEvaluationAssert assertThat(RcaEvaluation evaluation) {
        return proxy(RcaEvaluationAssert.class, RcaEvaluation.class, evaluation);
    }

    /**
     * Starts soft assertions on a detector scored on a dataset and its counterfactual twin.
     *
     * @param evaluation the evaluation of the pair
     * @return the assertion object
     */
    default TwinEvaluationAssert assertThat(TwinEvaluation evaluation) {
        return proxy(TwinEvaluationAssert.class, TwinEvaluation.class, evaluation);
    }

    private EvaluationAssert softly(Evaluation evaluation) {
        return proxy(EvaluationAssert.class, Evaluation.class, evaluation).creatingEvaluationAssertsWith(this::softly);
    }
}
