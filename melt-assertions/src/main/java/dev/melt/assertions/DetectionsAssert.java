package dev.melt.assertions;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a detector reported. Say how to score ({@link #withTolerance(Duration)},
 * {@link #usingScoring(ScoringOptions)}), then against which truth ({@link #against(GroundTruth)}),
 * then check the scores on the returned {@link EvaluationAssert}:
 *
 * <pre>{@code
 * assertThat(detections)
 *         .withTolerance(Duration.ofMinutes(1))
 *         .against(data.groundTruth())
 *         .hasRecallAtLeast(0.9)
 *         .hasFalseAlarmsPerHourAtMost(2);
 * }</pre>
 */
public class DetectionsAssert extends AbstractAssert<DetectionsAssert, List<Detection>> {

    private ScoringOptions options = ScoringOptions.defaults();
    private Function<Evaluation, EvaluationAssert> evaluationAsserts = EvaluationAssert::new;

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(List)}.
     *
     * @param actual the detections
     */
    public DetectionsAssert(List<Detection> actual) {
        super(actual, DetectionsAssert.class);
    }

    /** Lets soft assertions keep collecting failures after {@code against(...)}. */
    DetectionsAssert creatingEvaluationAssertsWith(Function<Evaluation, EvaluationAssert> factory) {
        this.evaluationAsserts = factory;
        return myself;
    }

    /**
     * Widens every affected window of the ground truth by a tolerance on both sides before
     * detections are matched to it.
     *
     * <pre>{@code
     * // incident inc-0001 affects payment over [10:00, 10:05); the detector fired at 10:05:30
     * assertThat(List.of(Detection.at(tenOhFiveThirty).on("payment")))
     *         .withTolerance(Duration.ofMinutes(1)).against(truth).hasRecallAtLeast(1.0); // passes
     * assertThat(List.of(Detection.at(tenOhFiveThirty).on("payment")))
     *         .against(truth).hasRecallAtLeast(1.0); // fails: the detection is 30 s late
     * }</pre>
     *
     * @param tolerance how far windows are widened, not negative
     * @return {@code this} assertion object
     */
    public DetectionsAssert withTolerance(Duration tolerance) {
        options = options.withTolerance(tolerance);
        return myself;
    }

    /**
     * Scores with the given options (tolerance, time step, range-based and NAB parameters).
     *
     * <pre>{@code
     * // a point at 00:10:30 in a 10-minute incident, scored on one-minute steps: 1 of 10 steps
     * assertThat(List.of(Detection.at(tenThirty))).usingScoring(ScoringOptions.defaults()
     *         .withTimeStep(Duration.ofMinutes(1))).against(truth).hasRangeRecallAtLeast(0.1); // passes
     * assertThat(List.of(Detection.at(tenThirty))).usingScoring(ScoringOptions.defaults()
     *         .withTimeStep(Duration.ofMinutes(1))).against(truth).hasRangeRecallAtLeast(0.5); // fails
     * }</pre>
     *
     * @param scoringOptions the options
     * @return {@code this} assertion object
     */
    public DetectionsAssert usingScoring(ScoringOptions scoringOptions) {
        options = Objects.requireNonNull(scoringOptions, "scoringOptions");
        return myself;
    }

    /**
     * Scores the detections against a ground truth and returns assertions on the scores.
     *
     * <pre>{@code
     * // passes: the detection lies in the only incident's window
     * assertThat(List.of(Detection.at(onset.plusSeconds(5)))).against(truth).hasRecallAtLeast(1.0);
     * // fails: an empty list detects nothing
     * assertThat(List.<Detection>of()).against(truth).hasRecallAtLeast(1.0);
     * }</pre>
     *
     * @param truth the ground truth of the dataset the detector ran on
     * @return assertions on the evaluation
     */
    public EvaluationAssert against(GroundTruth truth) {
        isNotNull();
        Objects.requireNonNull(truth, "truth");
        EvaluationAssert next = evaluationAsserts.apply(Evaluation.of(actual, truth, options));
        return info.hasDescription() ? next.describedAs(info.description()) : next;
    }

    /**
     * Scores the detections against the ground truth of a dataset.
     *
     * <pre>{@code
     * assertThat(oracle(data)).against(data).detectsEveryIncident();       // passes
     * assertThat(List.<Detection>of()).against(data).detectsEveryIncident(); // fails when data has incidents
     * }</pre>
     *
     * @param data the dataset the detector ran on
     * @return assertions on the evaluation
     * @see #against(GroundTruth)
     */
    public EvaluationAssert against(MeltData data) {
        return against(Objects.requireNonNull(data, "data").groundTruth());
    }
}
