package dev.melt.assertions.internal;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of root causes that should be among the first k candidates but are not:
 *
 * <pre>
 * Expecting the root cause of every incident in the top 2 candidates, but 1 of 2 was not:
 *   inc-0002 latency_spike at payment [2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z): ranked 3 after [checkout, frontend]
 * </pre>
 */
public final class ShouldRankRootCauseInTopK extends BasicErrorMessageFactory {

    private ShouldRankRootCauseInTopK(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * Creates the message of root causes ranked below the top k.
     *
     * @param k the number of candidates that count
     * @param missed how many incidents had their root cause below the top k
     * @param total how many incidents there are
     * @param listing one line per such incident, each starting with a line break
     * @return the message factory
     */
    public static ErrorMessageFactory shouldRankRootCauseInTopK(int k, int missed, int total, String listing) {
        return new ShouldRankRootCauseInTopK("%nExpecting the root cause of every incident in the top %s candidates, but %s of %s %s not:%s",
                k, missed, total, unquotedString(missed == 1 ? "was" : "were"), unquotedString(listing));
    }
}
