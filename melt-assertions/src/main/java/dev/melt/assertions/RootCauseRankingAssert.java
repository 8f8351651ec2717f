package dev.melt.assertions;

import dev.melt.generator.GroundTruth;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what an RCA engine answered. Say against which truth, then check the scores:
 *
 * <pre>{@code
 * assertThat(ranking).against(data.groundTruth()).hasTopKAccuracyAtLeast(TopK.top(3), 0.8);
 * }</pre>
 */
public class RootCauseRankingAssert extends AbstractAssert<RootCauseRankingAssert, RootCauseRanking> {

    private Function<RcaEvaluation, RcaEvaluationAssert> rcaAsserts = RcaEvaluationAssert::new;

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(RootCauseRanking)}.
     *
     * @param actual the ranking
     */
    public RootCauseRankingAssert(RootCauseRanking actual) {
        super(actual, RootCauseRankingAssert.class);
    }

    /** Lets soft assertions keep collecting failures after {@code against(...)}. */
    RootCauseRankingAssert creatingRcaAssertsWith(Function<RcaEvaluation, RcaEvaluationAssert> factory) {
        this.rcaAsserts = factory;
        return myself;
    }

    /**
     * Scores the ranking against a ground truth and returns assertions on the scores.
     *
     * <pre>{@code
     * // truth: inc-0001 with root cause payment
     * assertThat(RootCauseRanking.builder().rank("inc-0001", "payment").build())
     *         .against(truth).ranksRootCauseFirst(); // passes
     * assertThat(RootCauseRanking.builder().rank("inc-0001", "checkout").build())
     *         .against(truth).ranksRootCauseFirst(); // fails
     * }</pre>
     *
     * @param truth the ground truth
     * @return assertions on the evaluation
     * @throws IllegalArgumentException when the ranking names an incident the truth does not have
     */
    public RcaEvaluationAssert against(GroundTruth truth) {
        isNotNull();
        RcaEvaluationAssert next = rcaAsserts.apply(RcaEvaluation.of(actual, Objects.requireNonNull(truth, "truth")));
        return info.hasDescription() ? next.describedAs(info.description()) : next;
    }
}
