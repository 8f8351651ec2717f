package dev.melt.assertions;

import static dev.melt.assertions.internal.Listing.figure;
import static dev.melt.assertions.internal.ShouldHaveSomethingToScore.shouldHaveSomethingToScore;
import static dev.melt.assertions.internal.ShouldReachScore.shouldBeAtLeast;

import dev.melt.assertions.internal.Listing;
import dev.melt.generator.TelemetryRecord;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the record-by-record scores of a detector that labels records. A failure shows
 * the expected and actual figure with the confusion counts, the incidents of which no record was
 * flagged, and the first flagged normal records.
 *
 * <p>Every check fails when no scored record is anomalous: there is nothing to score against.
 *
 * <p>In the examples, {@code scores} flagged 8 of 10 anomalous records of one incident and 2 of
 * 90 normal records: precision 0.8, recall 0.8.
 */
public class RecordEvaluationAssert extends AbstractAssert<RecordEvaluationAssert, RecordEvaluation> {

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(RecordEvaluation)}.
     *
     * @param actual the record scores
     */
    public RecordEvaluationAssert(RecordEvaluation actual) {
        super(actual, RecordEvaluationAssert.class);
    }

    /**
     * Verifies the point-wise precision over records.
     *
     * <pre>{@code
     * assertThat(scores).hasPrecisionAtLeast(0.8); // passes
     * assertThat(scores).hasPrecisionAtLeast(0.9); // fails, listing the 2 flagged normal records
     * }</pre>
     *
     * @param minimum the lowest acceptable precision, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the precision is below {@code minimum}
     */
    public RecordEvaluationAssert hasPrecisionAtLeast(double minimum) {
        return atLeast("record precision", actual == null ? 0 : actual.precision(), minimum);
    }

    /**
     * Verifies the point-wise recall over records.
     *
     * <pre>{@code
     * assertThat(scores).hasRecallAtLeast(0.8); // passes
     * assertThat(scores).hasRecallAtLeast(0.9); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable recall, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the recall is below {@code minimum}
     */
    public RecordEvaluationAssert hasRecallAtLeast(double minimum) {
        return atLeast("record recall", actual == null ? 0 : actual.recall(), minimum);
    }

    /**
     * Verifies the point-wise F1 over records.
     *
     * <pre>{@code
     * assertThat(scores).hasF1AtLeast(0.8); // passes
     * assertThat(scores).hasF1AtLeast(0.9); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable F1, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the F1 is below {@code minimum}
     */
    public RecordEvaluationAssert hasF1AtLeast(double minimum) {
        return atLeast("record F1", actual == null ? 0 : actual.f1(), minimum);
    }

    /**
     * Verifies the point-adjusted F1 over records (OmniAnomaly's adjustment: one flagged record of
     * an incident credits all of them). Optimistic; pair it with {@link #hasF1AtLeast(double)}.
     *
     * <pre>{@code
     * assertThat(scores).hasPointAdjustedF1AtLeast(0.9);  // passes: 10/12 precision, recall 1
     * assertThat(scores).hasPointAdjustedF1AtLeast(0.95); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable F1, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the point-adjusted F1 is below {@code minimum}
     */
    public RecordEvaluationAssert hasPointAdjustedF1AtLeast(double minimum) {
        return atLeast("point-adjusted record F1", actual == null ? 0 : actual.pointAdjustedF1(), minimum);
    }

    private RecordEvaluationAssert atLeast(String metric, double value, double minimum) {
        isNotNull();
        EvaluationAssert.requireShare("minimum", minimum);
        if (actual.truePositives() + actual.falseNegatives() == 0) {
            throwAssertionError(shouldHaveSomethingToScore(metric, "no scored record is anomalous ("
                    + (actual.falsePositives() + actual.trueNegatives()) + " normal records)"));
        }
        if (value < minimum) {
            String counts = "TP " + actual.truePositives() + ", FP " + actual.falsePositives() + ", FN "
                    + actual.falseNegatives() + ", TN " + actual.trueNegatives();
            String details = Listing.section("Incidents with no flagged record (" + actual.missedIncidents().size()
                    + ")", actual.missedIncidents(), Listing::incident)
                    + Listing.section("Flagged normal records (" + actual.falsePositives() + ")",
                    actual.falsePositiveSamples(), RecordEvaluationAssert::describe)
                    + (actual.falsePositives() > actual.falsePositiveSamples().size()
                    && actual.falsePositiveSamples().size() == RecordEvaluation.SAMPLES
                    ? System.lineSeparator() + "  ... and " + (actual.falsePositives() - RecordEvaluation.SAMPLES)
                    + " more" : "");
            throwAssertionError(shouldBeAtLeast(metric, figure(value) + " (" + counts + ")", figure(minimum), details));
        }
        return myself;
    }

    private static String describe(TelemetryRecord record) {
        return record.timestamp() + " " + record.signal().name().toLowerCase(Locale.ROOT) + " of "
                + (record.service() == null ? "no service" : record.service())
                + (record.host() == null ? "" : " (host " + record.host() + ")");
    }
}
