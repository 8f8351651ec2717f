package dev.melt.assertions;

import static dev.melt.assertions.internal.Listing.figure;
import static dev.melt.assertions.internal.ShouldRankRootCauseInTopK.shouldRankRootCauseInTopK;
import static dev.melt.assertions.internal.ShouldHaveSomethingToScore.shouldHaveSomethingToScore;
import static dev.melt.assertions.internal.ShouldReachScore.shouldBeAtLeast;

import dev.melt.assertions.internal.Listing;
import dev.melt.generator.Incident;
import java.util.List;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the {@link RcaEvaluation} of an RCA engine. A failure shows the expected and
 * actual figure, then each incident whose root cause was not in the top k, with the rank it got
 * and the candidates ranked above it.
 *
 * <p>Every check fails when the ground truth has no incident: there is nothing to score against.
 *
 * <p>In the examples, {@code rca} evaluates two incidents: the root cause of inc-0001 is ranked
 * first, that of inc-0002 third: AC@1 = 0.5, AC@3 = 1.0, MRR = (1 + 1/3) / 2 ≈ 0.667.
 */
public class RcaEvaluationAssert extends AbstractAssert<RcaEvaluationAssert, RcaEvaluation> {

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(RcaEvaluation)}.
     *
     * @param actual the evaluation
     */
    public RcaEvaluationAssert(RcaEvaluation actual) {
        super(actual, RcaEvaluationAssert.class);
    }

    /**
     * Verifies that the root cause of every incident is among the first k candidates.
     *
     * <pre>{@code
     * assertThat(rca).ranksRootCauseInTopK(3); // passes
     * assertThat(rca).ranksRootCauseInTopK(2); // fails: inc-0002's root cause is ranked 3rd
     * }</pre>
     *
     * @param k how many candidates count, at least 1
     * @return {@code this} assertion object
     * @throws AssertionError when some root cause is ranked below k or not at all
     */
    public RcaEvaluationAssert ranksRootCauseInTopK(int k) {
        isNotNull();
        requireIncidents("root-cause ranking");
        List<Incident> missed = actual.incidentsMissedInTopK(k);
        if (!missed.isEmpty()) {
            throwAssertionError(shouldRankRootCauseInTopK(k, missed.size(), actual.incidentCount(),
                    Listing.lines(missed, this::describe)));
        }
        return myself;
    }

    /**
     * Verifies that the root cause of every incident is ranked first.
     *
     * <pre>{@code
     * assertThat(perfect).ranksRootCauseFirst(); // passes
     * assertThat(rca).ranksRootCauseFirst();     // fails, listing inc-0002
     * }</pre>
     *
     * @return {@code this} assertion object
     * @throws AssertionError when some root cause is not ranked first
     */
    public RcaEvaluationAssert ranksRootCauseFirst() {
        return ranksRootCauseInTopK(1);
    }

    /**
     * Verifies AC@k, the share of incidents whose root cause is among the first k candidates.
     *
     * <pre>{@code
     * assertThat(rca).hasTopKAccuracyAtLeast(TopK.top(1), 0.5); // passes: AC@1 = 0.5
     * assertThat(rca).hasTopKAccuracyAtLeast(TopK.top(1), 0.9); // fails, listing inc-0002
     * }</pre>
     *
     * @param top how many candidates count
     * @param share the lowest acceptable AC@k, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when AC@k is below {@code share}, or there is no incident
     */
    public RcaEvaluationAssert hasTopKAccuracyAtLeast(TopK top, double share) {
        int k = java.util.Objects.requireNonNull(top, "top").k();
        isNotNull();
        requireIncidents("AC@" + k);
        EvaluationAssert.requireShare("share", share);
        double accuracy = actual.topKAccuracy(k);
        if (accuracy < share) {
            int hits = actual.incidentCount() - actual.incidentsMissedInTopK(k).size();
            fail("AC@" + k, figure(accuracy) + " (" + hits + " of " + actual.incidentCount()
                    + " root causes in the top " + k + ")", share, k);
        }
        return myself;
    }

    /**
     * Verifies AC@k.
     *
     * @param k how many candidates count, at least 1
     * @param share the lowest acceptable AC@k, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when AC@k is below {@code share}
     * @deprecated two bare numbers are easy to swap: use {@link #hasTopKAccuracyAtLeast(TopK, double)};
     *     this form still works
     */
    @Deprecated
    public RcaEvaluationAssert hasTopKAccuracyAtLeast(int k, double share) {
        return hasTopKAccuracyAtLeast(TopK.top(k), share);
    }

    /**
     * Verifies Avg@k, the mean of AC@1 … AC@k.
     *
     * <pre>{@code
     * assertThat(rca).hasAverageTopKAccuracyAtLeast(TopK.top(3), 0.6); // passes: (0.5 + 0.5 + 1) / 3
     * assertThat(rca).hasAverageTopKAccuracyAtLeast(TopK.top(3), 0.9); // fails
     * }</pre>
     *
     * @param top the largest k averaged
     * @param share the lowest acceptable Avg@k, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when Avg@k is below {@code share}, or there is no incident
     */
    public RcaEvaluationAssert hasAverageTopKAccuracyAtLeast(TopK top, double share) {
        int k = java.util.Objects.requireNonNull(top, "top").k();
        isNotNull();
        requireIncidents("Avg@" + k);
        EvaluationAssert.requireShare("share", share);
        double average = actual.averageTopKAccuracy(k);
        if (average < share) {
            fail("Avg@" + k, figure(average), share, k);
        }
        return myself;
    }

    /**
     * Verifies Avg@k.
     *
     * @param k the largest k averaged, at least 1
     * @param share the lowest acceptable Avg@k, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when Avg@k is below {@code share}
     * @deprecated use {@link #hasAverageTopKAccuracyAtLeast(TopK, double)}; this form still works
     */
    @Deprecated
    public RcaEvaluationAssert hasAverageTopKAccuracyAtLeast(int k, double share) {
        return hasAverageTopKAccuracyAtLeast(TopK.top(k), share);
    }

    /**
     * Verifies the mean reciprocal rank of the root causes.
     *
     * <pre>{@code
     * assertThat(rca).hasMeanReciprocalRankAtLeast(0.6); // passes: MRR ≈ 0.667
     * assertThat(rca).hasMeanReciprocalRankAtLeast(0.8); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable MRR, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the MRR is below {@code minimum}
     */
    public RcaEvaluationAssert hasMeanReciprocalRankAtLeast(double minimum) {
        isNotNull();
        requireIncidents("mean reciprocal rank");
        EvaluationAssert.requireShare("minimum", minimum);
        double mrr = actual.meanReciprocalRank();
        if (mrr < minimum) {
            fail("mean reciprocal rank", figure(mrr), minimum, 1);
        }
        return myself;
    }

    private void requireIncidents(String metric) {
        if (actual.incidentCount() == 0) {
            throwAssertionError(shouldHaveSomethingToScore(metric, "the ground truth has no incident"));
        }
    }

    private void fail(String metric, String value, double minimum, int k) {
        List<Incident> missed = actual.incidentsMissedInTopK(k);
        throwAssertionError(shouldBeAtLeast(metric, value, figure(minimum),
                Listing.section("Root causes not in the top " + k + " (" + missed.size() + " of "
                        + actual.incidentCount() + ")", missed, this::describe)));
    }

    private String describe(Incident incident) {
        List<RootCauseCandidate> candidates = actual.candidatesOf(incident.id()).orElse(null);
        if (candidates == null) {
            return Listing.incident(incident) + ": not ranked";
        }
        OptionalInt rank = actual.rankOf(incident.id());
        if (rank.isEmpty()) {
            return Listing.incident(incident) + ": not among " + candidates;
        }
        return Listing.incident(incident) + ": ranked " + rank.getAsInt() + " after "
                + candidates.subList(0, rank.getAsInt() - 1);
    }
}
