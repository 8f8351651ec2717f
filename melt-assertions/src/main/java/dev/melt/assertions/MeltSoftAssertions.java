package dev.melt.assertions;

import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions for melt alone: every failed check is collected, and {@link #assertAll()}
 * reports them together.
 *
 * <pre>{@code
 * MeltSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(detections).against(truth).hasRecallAtLeast(0.9);
 *     softly.assertThat(detections).against(truth).hasFalseAlarmsPerHourAtMost(1);
 * });
 * }</pre>
 *
 * To mix melt's checks into your own {@code SoftAssertions}, implement
 * {@link MeltSoftAssertionsProvider} instead.
 */
public class MeltSoftAssertions extends AbstractSoftAssertions implements MeltSoftAssertionsProvider {

    /** Creates an empty collector of failures. */
    public MeltSoftAssertions() {
    }

    /**
     * Starts soft assertions on what a detector reported; the same as
     * {@link #assertThatDetections(List)}.
     *
     * @param detections the detections
     * @return the assertion object
     */
    public DetectionsAssert assertThat(List<Detection> detections) {
        return assertThatDetections(detections);
    }

    /**
     * Runs soft assertions and reports every failure at the end.
     *
     * @param softly the assertions to run
     * @throws AssertionError listing every failed check
     */
    public static void assertSoftly(Consumer<MeltSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(MeltSoftAssertions.class, softly);
    }
}
