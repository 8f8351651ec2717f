package dev.melt.assertions;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one cell of a {@link Scorecard}, reached through
 * {@link ScorecardAssert#cell(dev.melt.generator.AnomalyType, dev.melt.generator.Difficulty)}.
 * A failure names the cell, its runs and seeds, the expected and the actual mean, then prints
 * the whole table:
 *
 * <pre>
 * Expecting the mean recall of cell cpu_spike / subtle (2 runs, seeds [1, 2]):
 *   0.50 ± 0.71
 * to be at least:
 *   0.6
 * Scorecard:
 * | type | difficulty | runs | ...
 * </pre>
 */
public class ScorecardCellAssert extends AbstractAssert<ScorecardCellAssert, Scorecard.Cell> {

    private final Scorecard card;

    /**
     * Creates the assertion; prefer {@link ScorecardAssert#cell(String)} and its overloads.
     *
     * @param actual the cell
     * @param card the scorecard the cell belongs to, printed on failure
     */
    public ScorecardCellAssert(Scorecard.Cell actual, Scorecard card) {
        super(actual, ScorecardCellAssert.class);
        this.card = Objects.requireNonNull(card, "card");
    }

    /**
     * Verifies the mean recall of the cell's incident type over the runs that hold incidents of it.
     *
     * @param minimum the lowest acceptable mean, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the mean is lower, or no run holds an incident of the type
     */
    public ScorecardCellAssert hasMeanRecallAtLeast(double minimum) {
        return atLeast("mean recall", actual.recall(), minimum);
    }

    /**
     * Verifies the mean of the detector's precision over the cell's datasets.
     *
     * @param minimum the lowest acceptable mean, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the mean is lower
     */
    public ScorecardCellAssert hasMeanPrecisionAtLeast(double minimum) {
        return atLeast("mean precision", actual.precision(), minimum);
    }

    /**
     * Verifies the mean F1 (dataset precision with the type's recall) over the cell's runs.
     *
     * @param minimum the lowest acceptable mean, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the mean is lower
     */
    public ScorecardCellAssert hasMeanF1AtLeast(double minimum) {
        return atLeast("mean F1", actual.f1(), minimum);
    }

    /**
     * Verifies the mean of the detector's false alarms per hour over the cell's datasets.
     *
     * @param maximum the highest acceptable mean, 0 or more
     * @return {@code this} assertion object
     * @throws AssertionError when the mean is higher
     */
    public ScorecardCellAssert hasMeanFalseAlarmsPerHourAtMost(double maximum) {
        isNotNull();
        if (!(maximum >= 0)) {
            throw new IllegalArgumentException("maximum: " + maximum + " is not accepted; expected 0 or more per hour");
        }
        Scorecard.Spread spread = actual.falseAlarmsPerHour();
        if (!(spread.mean() <= maximum)) {
            fail("mean false alarms per hour", spread.toString(), "to be at most", Double.toString(maximum));
        }
        return myself;
    }

    /**
     * Verifies the mean detection delay over every detected incident of the cell's type.
     *
     * @param maximum the longest acceptable mean delay
     * @return {@code this} assertion object
     * @throws AssertionError when the mean delay is longer, or no incident was detected
     */
    public ScorecardCellAssert hasMeanDetectionDelayAtMost(Duration maximum) {
        isNotNull();
        Objects.requireNonNull(maximum, "maximum");
        Optional<Duration> delay = actual.meanDetectionDelay();
        if (delay.isEmpty() || delay.get().compareTo(maximum) > 0) {
            fail("mean detection delay", delay.map(Duration::toString).orElse("none (no incident detected)"),
                    "to be at most", maximum.toString());
        }
        return myself;
    }

    /**
     * Verifies how many runs (datasets) the cell has.
     *
     * @param expected the number of runs
     * @return {@code this} assertion object
     * @throws AssertionError when the cell has another number of runs
     */
    public ScorecardCellAssert hasRuns(int expected) {
        isNotNull();
        if (actual.runs() != expected) {
            fail("number of runs", Integer.toString(actual.runs()), "to be", Integer.toString(expected));
        }
        return myself;
    }

    private ScorecardCellAssert atLeast(String what, Scorecard.Spread spread, double minimum) {
        isNotNull();
        EvaluationAssert.requireShare("minimum", minimum);
        if (spread.count() == 0) {
            fail(what, "none (no run has an incident of the cell's type)", "to be at least", Double.toString(minimum));
        } else if (spread.mean() < minimum) {
            fail(what, spread.toString(), "to be at least", Double.toString(minimum));
        }
        return myself;
    }

    private void fail(String what, String actualFigure, String relation, String expectedFigure) {
        failWithMessage("%s", "Expecting the " + what + " of cell " + actual.name() + " (" + actual.runs()
                + (actual.runs() == 1 ? " run" : " runs") + ", seeds " + actual.seeds() + "):\n  " + actualFigure
                + "\n" + relation + ":\n  " + expectedFigure + "\nScorecard:\n" + card.toMarkdown());
    }
}
