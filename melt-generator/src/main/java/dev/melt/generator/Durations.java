package dev.melt.generator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as users write them: {@code 90s}, {@code 90m}, {@code 2h}, {@code 1d},
 * {@code 1h30m}, or ISO 8601 {@code PT2H}, {@code P1D}. The CLI, {@code @MeltDataset} and spec
 * files all read durations through it.
 *
 * <pre>{@code
 * Duration d = Durations.parse("1h30m");            // PT1H30M
 * Durations.parse("logsInterval", "soon");          // IllegalArgumentException:
 *                                                    // logsInterval: 'soon' is not accepted; ...
 * }</pre>
 */
public final class Durations {

    private Durations() {
    }

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final String ACCEPTED = "a positive duration such as 90s, 90m, 2h, 1d, 1h30m or PT2H";

    /**
     * Parses a duration.
     *
     * @param value the text
     * @return the duration, positive
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Duration parse(String value) {
        return parse("duration", value);
    }

    /**
     * Parses a duration given for a named setting, such as {@code logsInterval}.
     *
     * @param name the setting, named first in the error message
     * @param value the text
     * @return the duration, positive
     * @throws IllegalArgumentException naming the setting, the value and the accepted forms
     */
    public static Duration parse(String name, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Duration d = null;
        if (text.startsWith("p")) {
            try {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        } else if (!text.isEmpty()) {
            Matcher m = SHORT.matcher(text);
            if (m.matches()) {
                try {
                    d = Duration.ZERO;
                    long[] unitSeconds = {86_400, 3600, 60, 1};
                    for (int g = 1; g <= 4; g++) {
                        if (m.group(g) != null) {
                            d = d.plusSeconds(Math.multiplyExact(Long.parseLong(m.group(g)), unitSeconds[g - 1]));
                        }
                    }
                } catch (ArithmeticException | NumberFormatException e) {
                    d = null;
                }
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not accepted; expected " + ACCEPTED);
        }
        return d;
    }
}
