package dev.melt.assertions.internal;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a score check that has nothing to score, which fails rather than pass
 * on a value that only a division by zero made:
 *
 * <pre>
 * Expecting incident recall to be scored, but the ground truth has no incident:
 *   there is nothing to score against
 * </pre>
 */
public final class ShouldHaveSomethingToScore extends BasicErrorMessageFactory {

    private ShouldHaveSomethingToScore(String metric, String reason) {
        super("%nExpecting %s to be scored, but %s:%n  there is nothing to score against", unquotedString(metric),
                unquotedString(reason));
    }

    /**
     * Creates the message.
     *
     * @param metric the name of the score, for example {@code incident recall}
     * @param reason why nothing can be scored, for example {@code the ground truth has no incident}
     * @return the message factory
     */
    public static ErrorMessageFactory shouldHaveSomethingToScore(String metric, String reason) {
        return new ShouldHaveSomethingToScore(metric, reason);
    }
}
