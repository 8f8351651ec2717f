package dev.melt.generator.internal.io;

/**
 * A string encoded once as a quoted, escaped JSON string, for values that repeat on every line
 * (levels, service and host names, field names, operation names): writing it is one array copy.
 * Immutable.
 */
public final class JsonText {

    private final String value;
    private final byte[] quoted;
    /** {@code "value":} and {@code ,"value":}, for field names. */
    private final byte[] quotedName;
    private final byte[] commaQuotedName;

    private JsonText(String value) {
        this.value = value;
        JsonBuffer b = new JsonBuffer(value.length() + 8);
        b.string(value);
        this.quoted = java.util.Arrays.copyOf(b.array(), b.size());
        b.raw(':');
        this.quotedName = java.util.Arrays.copyOf(b.array(), b.size());
        b.reset();
        b.raw(',').raw(quotedName);
        this.commaQuotedName = java.util.Arrays.copyOf(b.array(), b.size());
    }

    /**
     * Encodes a string.
     *
     * @param value the string, not null
     * @return its encoded form
     */
    public static JsonText of(String value) {
        return new JsonText(java.util.Objects.requireNonNull(value, "value"));
    }

    /** @return the string */
    public String value() {
        return value;
    }

    byte[] quoted() {
        return quoted;
    }

    byte[] quotedName() {
        return quotedName;
    }

    byte[] commaQuotedName() {
        return commaQuotedName;
    }

    /**
     * Encodes several strings.
     *
     * @param values the strings, none null
     * @return their encoded forms, in the same order
     */
    public static JsonText[] of(String... values) {
        JsonText[] out = new JsonText[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = of(values[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return value;
    }
}
