package dev.melt.generator.internal.encode;

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
        // Room for the worst case (every char escaped in six bytes), so the buffer never grows: set-up
        // code that grows buffers makes JsonBuffer's growth look hot to the JIT (see LineWriter.template).
        JsonBuffer b = new JsonBuffer(6 * value.length() + 4);
        b.stringOnce(value);
        this.quoted = b.toByteArray();
        b.raw(':');
        this.quotedName = b.toByteArray();
        b.reset();
        b.raw(',').raw(quotedName);
        this.commaQuotedName = b.toByteArray();
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
