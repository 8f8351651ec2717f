package dev.melt.assertions.internal;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a score below (or above) its threshold:
 *
 * <pre>
 * Expecting incident recall:
 *   0.5 (2 of 4 incidents detected)
 * to be at least:
 *   0.9
 * Missed incidents (2 of 4, tolerance PT0S):
 *   inc-0002 latency_spike at payment [2024-01-01T00:10:00Z, 2024-01-01T00:15:00Z)
 * </pre>
 */
public final class ShouldReachScore extends BasicErrorMessageFactory {

    private ShouldReachScore(String bound, String metric, String actual, String expected, String details) {
        super("%nExpecting %s:%n  %s%nto be " + bound + ":%n  %s%s", unquotedString(metric), unquotedString(actual),
                unquotedString(expected), unquotedString(details));
    }

    /**
     * Creates the message of a score below its minimum.
     *
     * @param metric the name of the score, for example {@code incident recall}
     * @param actual the actual figure, with its counts
     * @param expected the minimum
     * @param details what follows: missed incidents, false alarms; may be empty
     * @return the message factory
     */
    public static ErrorMessageFactory shouldBeAtLeast(String metric, String actual, String expected, String details) {
        return new ShouldReachScore("at least", metric, actual, expected, details);
    }

    /**
     * Creates the message of a figure above its maximum.
     *
     * @param metric the name of the figure, for example {@code mean detection delay}
     * @param actual the actual figure, with its counts
     * @param expected the maximum
     * @param details what follows; may be empty
     * @return the message factory
     */
    public static ErrorMessageFactory shouldBeAtMost(String metric, String actual, String expected, String details) {
        return new ShouldReachScore("at most", metric, actual, expected, details);
    }
}
