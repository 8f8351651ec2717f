package dev.melt.assertions;

import java.util.List;

/**
 * Entry point of melt's AssertJ assertions: score a detector or an RCA engine against the
 * ground truth of a melt dataset in one fluent line.
 *
 * <pre>{@code
 * import static dev.melt.assertions.MeltAssertions.assertThat;
 *
 * assertThat(detections).against(data.groundTruth())
 *         .hasRecallAtLeast(0.9)
 *         .hasFalseAlarmsPerHourAtMost(1)
 *         .detectsEvery(AnomalyType.SERVICE_OUTAGE);
 * assertThat(ranking).against(data.groundTruth()).hasTopKAccuracyAtLeast(3, 0.8);
 * }</pre>
 *
 * Can be statically imported next to {@code org.assertj.core.api.Assertions.*}: the overloads
 * here take more specific types. For soft assertions see {@link MeltSoftAssertions} and
 * {@link MeltSoftAssertionsProvider}.
 */
public class MeltAssertions {

    /** Static entry points only; subclass to add your own. */
    protected MeltAssertions() {
    }

    /**
     * Starts assertions on what a detector reported; continue with {@code against(truth)}.
     *
     * @param detections the detections
     * @return the assertion object
     */
    public static DetectionsAssert assertThat(List<Detection> detections) {
        return new DetectionsAssert(detections);
    }

    /**
     * Starts assertions on what a detector reported; the same as {@link #assertThat(List)}, for
     * code that prefers a name that cannot be confused with AssertJ's {@code assertThat(List)}.
     *
     * @param detections the detections
     * @return the assertion object
     */
    public static DetectionsAssert assertThatDetections(List<Detection> detections) {
        return new DetectionsAssert(detections);
    }

    /**
     * Starts assertions on an evaluation.
     *
     * @param evaluation the evaluation
     * @return the assertion object
     */
    public static EvaluationAssert assertThat(Evaluation evaluation) {
        return new EvaluationAssert(evaluation);
    }

    /**
     * Starts assertions on record-by-record scores.
     *
     * @param scores the scores
     * @return the assertion object
     */
    public static RecordEvaluationAssert assertThat(RecordEvaluation scores) {
        return new RecordEvaluationAssert(scores);
    }

    /**
     * Starts assertions on what an RCA engine answered; continue with {@code against(truth)}.
     *
     * @param ranking the ranking
     * @return the assertion object
     */
    public static RootCauseRankingAssert assertThat(RootCauseRanking ranking) {
        return new RootCauseRankingAssert(ranking);
    }

    /**
     * Starts assertions on an RCA evaluation.
     *
     * @param evaluation the evaluation
     * @return the assertion object
     */
    public static RcaEvaluationAssert assertThat(RcaEvaluation evaluation) {
        return new RcaEvaluationAssert(evaluation);
    }

    /**
     * Starts assertions on a scorecard; continue with {@code cell(type, difficulty)}.
     *
     * @param scorecard the scorecard
     * @return the assertion object
     */
    public static ScorecardAssert assertThat(Scorecard scorecard) {
        return new ScorecardAssert(scorecard);
    }

    /**
     * Starts assertions on a detector scored on a dataset and its counterfactual twin.
     *
     * @param evaluation the evaluation of the pair
     * @return the assertion object
     */
    public static TwinEvaluationAssert assertThat(TwinEvaluation evaluation) {
        return new TwinEvaluationAssert(evaluation);
    }
}
