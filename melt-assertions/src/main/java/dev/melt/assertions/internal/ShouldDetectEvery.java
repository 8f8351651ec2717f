package dev.melt.assertions.internal;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of incidents that should all have been detected but were not:
 *
 * <pre>
 * Expecting every cpu_spike incident to be detected, but 1 of 3 was missed:
 *   inc-0003 cpu_spike at db [2024-01-01T01:00:00Z, 2024-01-01T01:05:00Z)
 * </pre>
 */
public final class ShouldDetectEvery extends BasicErrorMessageFactory {

    private ShouldDetectEvery(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * Creates the message of missed incidents.
     *
     * @param what which incidents, for example {@code cpu_spike incident} or {@code incident}
     * @param missed how many were missed
     * @param total how many there are
     * @param listing the missed incidents, one per line, each line starting with a line break
     * @return the message factory
     */
    public static ErrorMessageFactory shouldDetectEvery(String what, int missed, int total, String listing) {
        return new ShouldDetectEvery("%nExpecting every %s to be detected, but %s of %s %s missed:%s",
                unquotedString(what), missed, total, unquotedString(missed == 1 ? "was" : "were"),
                unquotedString(listing));
    }
}
