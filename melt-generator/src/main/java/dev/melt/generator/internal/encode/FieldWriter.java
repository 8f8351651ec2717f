package dev.melt.generator.internal.encode;

/**
 * A {@link LineWriter} whose records end in an open object of free-form fields ({@code metadata}
 * of events and logs, {@code tags} of spans); the typed {@code field} methods add to it.
 *
 * @param <W> the concrete writer, returned for chaining
 */
public abstract class FieldWriter<W extends FieldWriter<W>> extends LineWriter {

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    protected FieldWriter(int initialCapacity) {
        super(initialCapacity);
    }

    @SuppressWarnings("unchecked")
    private W self() {
        return (W) this;
    }

    /**
     * Adds a string field to the open object.
     *
     * @param name the field name
     * @param value the value; {@code null} writes JSON null
     * @return this writer
     */
    public W field(String name, String value) {
        fieldName(name);
        out.string(value);
        return self();
    }

    /**
     * Adds a field of an encoded name and value to the open object: the hot path of the span and
     * log writers, one array copy each.
     *
     * @param name the field name
     * @param value the value
     * @return this writer
     */
    public W field(JsonText name, JsonText value) {
        fieldName(name);
        out.string(value);
        return self();
    }

    /**
     * Adds a whole-number field of an encoded name to the open object.
     *
     * @param name the field name
     * @param value the value
     * @return this writer
     */
    public W field(JsonText name, long value) {
        fieldName(name);
        out.number(value);
        return self();
    }

    /**
     * Adds a whole-number field to the open object.
     *
     * @param name the field name
     * @param value the value
     * @return this writer
     */
    public W field(String name, long value) {
        fieldName(name);
        out.number(value);
        return self();
    }

    /**
     * Adds a decimal field to the open object.
     *
     * @param name the field name
     * @param value a finite value
     * @param fractionDigits how many decimals to keep at most
     * @return this writer
     */
    public W field(String name, double value, int fractionDigits) {
        fieldName(name);
        out.decimal(value, fractionDigits);
        return self();
    }

    /**
     * Adds a boolean field to the open object.
     *
     * @param name the field name
     * @param value the value
     * @return this writer
     */
    public W field(String name, boolean value) {
        fieldName(name);
        out.bool(value);
        return self();
    }
}
