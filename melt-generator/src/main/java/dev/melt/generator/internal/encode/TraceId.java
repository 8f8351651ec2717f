package dev.melt.generator.internal.encode;

/**
 * A W3C trace id: 128 bits, written as 32 lower-case hex digits. Mutable so the hot path can
 * reuse one instance per trace walk; copy it with {@link #copy()} to keep it.
 */
public final class TraceId {

    private long high;
    private long low;
    /** The 32 hex digits, encoded on the first write after {@link #set}: each line of a trace repeats them. */
    private final byte[] hex = new byte[32];
    private boolean encoded;

    /**
     * Sets both halves.
     *
     * @param high the upper 64 bits
     * @param low the lower 64 bits; the id is never all zero
     * @return this id
     */
    public TraceId set(long high, long low) {
        this.high = high;
        this.low = (high | low) == 0 ? 1 : low;
        this.encoded = false;
        return this;
    }

    /** @return the upper 64 bits */
    public long high() {
        return high;
    }

    /** @return the lower 64 bits */
    public long low() {
        return low;
    }

    /** @return an independent copy */
    public TraceId copy() {
        return new TraceId().set(high, low);
    }

    void writeHex(JsonBuffer out) {
        if (!encoded) {
            JsonBuffer.hex16(hex, 0, high);
            JsonBuffer.hex16(hex, 16, low);
            encoded = true;
        }
        out.raw(hex);
    }

    @Override
    public String toString() {
        JsonBuffer b = new JsonBuffer(32);
        writeHex(b);
        return b.toString();
    }
}
