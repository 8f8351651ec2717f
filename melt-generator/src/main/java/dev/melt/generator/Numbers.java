package dev.melt.generator;

/**
 * Parses a number given as text for a named setting (a CLI option, an annotation attribute), with
 * the one-line error every front end reports:
 *
 * <pre>{@code
 * Numbers.parse("requestRate", "fast", "requests per second, such as 5 or 0.5");
 * // IllegalArgumentException: requestRate: 'fast' is not accepted; expected requests per second, ...
 * }</pre>
 *
 * The range is checked where the value is used ({@link GenerationConfig.Builder#build()}).
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * Parses a finite decimal number.
     *
     * @param name the setting, named first in the error message
     * @param text the text, surrounding blanks ignored
     * @param accepted what is accepted, for the error message
     * @return the number
     * @throws IllegalArgumentException naming the setting, the text and what is accepted
     */
    public static double parse(String name, String text, String accepted) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": '" + text + "' is not accepted; expected " + accepted);
    }
}
