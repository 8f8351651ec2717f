package dev.melt.assertions;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Scorecard}: pick a cell, then check its mean scores. Every failure
 * message ends with the whole table, so the figures of the other cells are at hand:
 *
 * <pre>{@code
 * assertThat(card).hasCellCount(6);
 * assertThat(card).cell(CPU_SPIKE, SUBTLE).hasMeanRecallAtLeast(0.6).hasMeanFalseAlarmsPerHourAtMost(2);
 * }</pre>
 */
public class ScorecardAssert extends AbstractAssert<ScorecardAssert, Scorecard> {

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(Scorecard)}.
     *
     * @param actual the scorecard
     */
    public ScorecardAssert(Scorecard actual) {
        super(actual, ScorecardAssert.class);
    }

    /**
     * Verifies how many cells the card has.
     *
     * @param expected the number of cells
     * @return {@code this} assertion object
     * @throws AssertionError when the card has another number of cells
     */
    public ScorecardAssert hasCellCount(int expected) {
        isNotNull();
        int cells = actual.cells().size();
        if (cells != expected) {
            failWithMessage("%s", "Expecting the scorecard to have " + expected + " cells but it has " + cells
                    + ":\n" + actual.toMarkdown());
        }
        return myself;
    }

    /**
     * Continues with the cell without a label of an incident type and a difficulty.
     *
     * @param type the incident type
     * @param difficulty the difficulty
     * @return the assertion on the cell
     * @throws AssertionError when nothing was added to that cell
     */
    public ScorecardCellAssert cell(AnomalyType type, Difficulty difficulty) {
        isNotNull();
        return cell(actual.cell(type, difficulty), type.id() + " / " + difficulty.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Continues with the cell of a label, an incident type and a difficulty.
     *
     * @param label the label
     * @param type the incident type
     * @param difficulty the difficulty
     * @return the assertion on the cell
     * @throws AssertionError when nothing was added to that cell
     */
    public ScorecardCellAssert cell(String label, AnomalyType type, Difficulty difficulty) {
        isNotNull();
        return cell(actual.cell(label, type, difficulty),
                label + " / " + type.id() + " / " + difficulty.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Continues with the cell of a label alone.
     *
     * @param label the label
     * @return the assertion on the cell
     * @throws AssertionError when nothing was added to that cell
     */
    public ScorecardCellAssert cell(String label) {
        isNotNull();
        return cell(actual.cell(label), label);
    }

    private ScorecardCellAssert cell(Optional<Scorecard.Cell> cell, String name) {
        if (cell.isEmpty()) {
            String cells = actual.cells().stream().map(Scorecard.Cell::name).collect(Collectors.joining(", "));
            failWithMessage("%s", "Expecting the scorecard to have a cell " + name + " but it has "
                    + (cells.isEmpty() ? "none" : cells) + ":\n" + actual.toMarkdown());
        }
        return new ScorecardCellAssert(cell.get(), actual).as(info.description());
    }
}
