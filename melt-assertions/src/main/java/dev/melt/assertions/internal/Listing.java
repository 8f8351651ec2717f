package dev.melt.assertions.internal;

import dev.melt.generator.Incident;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * Renders the figures and the lists (missed incidents, false alarms) of failure messages.
 */
public final class Listing {

    /** How many entries of a list a failure message shows before "... and N more". */
    public static final int SHOWN = 10;

    private Listing() {
    }

    /**
     * Formats a score with at most four decimals, for example {@code 0.5}, {@code 0.6667}, {@code 1.0}.
     *
     * @param value the score
     * @return the text; {@code undefined} for NaN, {@code infinite} for an infinity
     */
    public static String figure(double value) {
        if (Double.isNaN(value)) {
            return "undefined";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "infinite" : "-infinite";
        }
        String text = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return text.contains(".") ? text : text + ".0";
    }

    /**
     * Counts things in words.
     *
     * @param count how many
     * @param noun the singular noun
     * @return for example {@code 1 false alarm} or {@code 3 false alarms}
     */
    public static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * Describes an incident on one line: id, type, root cause and its window.
     *
     * @param incident the incident
     * @return for example {@code inc-0002 latency_spike at payment (host payment-1) [start, end)}
     */
    public static String incident(Incident incident) {
        return incident.id() + " " + incident.type().id() + " at " + incident.rootCause()
                + " [" + incident.start() + ", " + incident.end() + ")";
    }

    /**
     * Renders a titled list, first {@link #SHOWN} entries, then a count of the rest.
     *
     * @param title the heading, for example {@code Missed incidents (2 of 4)}
     * @param entries the entries
     * @param line how an entry is rendered
     * @param <T> the entry type
     * @return a line break, the heading and {@link #lines(List, Function)}, or an empty string when
     *     there are no entries
     */
    public static <T> String section(String title, List<T> entries, Function<? super T, String> line) {
        if (entries.isEmpty()) {
            return "";
        }
        return System.lineSeparator() + title + ':' + lines(entries, line);
    }

    /**
     * Renders the first {@link #SHOWN} entries, one indented line each, then a count of the rest.
     *
     * @param entries the entries
     * @param line how an entry is rendered
     * @param <T> the entry type
     * @return the lines, each starting with a line break
     */
    public static <T> String lines(List<T> entries, Function<? super T, String> line) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(SHOWN, entries.size());
        for (int i = 0; i < shown; i++) {
            text.append(System.lineSeparator()).append("  ").append(line.apply(entries.get(i)));
        }
        if (entries.size() > shown) {
            text.append(System.lineSeparator()).append("  ... and ").append(entries.size() - shown).append(" more");
        }
        return text.toString();
    }
}
