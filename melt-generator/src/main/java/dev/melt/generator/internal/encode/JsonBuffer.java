package dev.melt.generator.internal.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that JSON values are encoded into, byte by byte, without creating
 * objects: the hot path of dataset generation. One buffer belongs to one thread at a time.
 *
 * <p>Strings are escaped per RFC 8259 and encoded as UTF-8; numbers never use exponent
 * notation; timestamps are RFC 3339 in UTC.
 */
public final class JsonBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Two hex digits per byte value: halves the work of writing ids. */
    private static final byte[] HEX_PAIRS = new byte[512];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final long[] POW10 = new long[19];

    static {
        for (int i = 0; i < 256; i++) {
            HEX_PAIRS[2 * i] = HEX[i >> 4];
            HEX_PAIRS[2 * i + 1] = HEX[i & 0xF];
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }
    /** Largest magnitude written in plain decimal notation; beyond it doubles fall back to {@link Double#toString}. */
    private static final double PLAIN_LIMIT = 1e15;

    private byte[] bytes;
    private int size;
    private char[] chars = new char[256];

    private static final int CACHE_SLOTS = 512;
    private static final int CACHED_LENGTH = 96;
    /**
     * The cache's slots, shared and never written until a buffer first meets a short string: most
     * buffers (templates, pre-encoded texts) never do, and the cache costs 10 KB to allocate.
     */
    private static final String[] NO_KEYS = new String[CACHE_SLOTS];
    private String[] cachedKeys = NO_KEYS;
    private byte[][] cachedBytes;
    private int[] cachedLengths;
    private String[] seenKeys;

    // Day cache for timestamps: most consecutive records share the date.
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] cachedDate = new byte[11];
    // Second cache: records of one second (busy services, the spans of one trace) share the prefix.
    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] cachedDateTime = new byte[19];

    /**
     * Creates an empty buffer.
     *
     * @param initialCapacity the initial capacity in bytes
     */
    public JsonBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(64, initialCapacity)];
    }

    /** @return the number of bytes written */
    public int size() {
        return size;
    }

    /** @return the backing array; valid from 0 to {@link #size()} until the next write */
    public byte[] array() {
        return bytes;
    }

    /** @return a copy of the bytes written */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Forgets the content, keeping the capacity. */
    public void reset() {
        size = 0;
    }

    /**
     * Cuts the content back to a shorter length.
     *
     * @param length the new length, at most {@link #size()}
     */
    public void truncate(int length) {
        if (length < 0 || length > size) {
            throw new IndexOutOfBoundsException("length " + length + " outside 0.." + size);
        }
        size = length;
    }

    /** @return the capacity in bytes */
    public int capacity() {
        return bytes.length;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            grow(extra);
        }
    }

    /**
     * Makes room for {@code extra} more bytes. Out of line: it runs a few times per buffer, while
     * {@link #ensure} is inlined into every write, where the copy would only bloat compiled code.
     */
    private void grow(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("chunk output exceeds 2 GB");
        }
        bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length + (bytes.length >> 1)));
    }

    /**
     * Appends raw bytes.
     *
     * @param b the bytes
     * @return this buffer
     */
    public JsonBuffer raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /**
     * Appends part of another array.
     *
     * @param b the bytes
     * @param offset the first byte
     * @param length how many bytes
     * @return this buffer
     */
    public JsonBuffer raw(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
        return this;
    }

    /**
     * Appends one raw byte, typically punctuation.
     *
     * @param b the byte
     * @return this buffer
     */
    public JsonBuffer raw(char b) {
        ensure(1);
        bytes[size++] = (byte) b;
        return this;
    }

    /**
     * Appends {@code null}.
     *
     * @return this buffer
     */
    public JsonBuffer nullValue() {
        return raw(NULL);
    }

    /**
     * Appends {@code true} or {@code false}.
     *
     * @param value the value
     * @return this buffer
     */
    public JsonBuffer bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    /**
     * Appends a JSON string: quoted, escaped, UTF-8; {@code null} gives {@code null}. A lone
     * surrogate, which UTF-8 cannot encode, becomes {@code ?}.
     *
     * <p>Short strings seen twice (service names, levels, field names, message templates) are
     * remembered encoded, keyed by identity, so writing them again is one array copy.
     *
     * @param s the string
     * @return this buffer
     */
    public JsonBuffer string(String s) {
        if (s == null) {
            return nullValue();
        }
        if (s.length() > CACHED_LENGTH) {
            encode(s);
            return this;
        }
        int h = s.hashCode();
        int slot = (h ^ (h >>> 11)) & (CACHE_SLOTS - 1);
        if (cachedKeys[slot] == s) {
            return raw(cachedBytes[slot], 0, cachedLengths[slot]);
        }
        return uncached(s, slot);
    }

    /**
     * Encodes a string that is not in its cache slot, and caches it when it was met twice in a
     * row. Kept out of {@link #string(String)} so that the JIT inlines only the short hit path at
     * each of the many call sites.
     */
    private JsonBuffer uncached(String s, int slot) {
        if (cachedKeys == NO_KEYS) {
            cachedKeys = new String[CACHE_SLOTS];
            cachedBytes = new byte[CACHE_SLOTS][];
            cachedLengths = new int[CACHE_SLOTS];
            seenKeys = new String[CACHE_SLOTS];
        }
        int start = size;
        encode(s);
        // Second chance: only a string met twice in a row in its slot is cached, so one-off
        // strings (formatted messages) do not evict the repeated ones.
        if (seenKeys[slot] == s) {
            // Two repeated strings sharing a slot take turns in it: reuse the slot's array rather
            // than allocating a new one at every turn (it was 8% of generation time).
            int length = size - start;
            byte[] slotBytes = cachedBytes[slot];
            if (slotBytes == null || slotBytes.length < length) {
                slotBytes = new byte[Math.max(length, 32)];
                cachedBytes[slot] = slotBytes;
            }
            System.arraycopy(bytes, start, slotBytes, 0, length);
            cachedLengths[slot] = length;
            cachedKeys[slot] = s;
        } else {
            seenKeys[slot] = s;
        }
        return this;
    }

    /**
     * Appends one JSON string made of a text, a whole number and a text, for example
     * {@code "Slow request: GET /cart took 812 ms"}, without building it: the texts are copied
     * from their encoded forms without their quotes.
     *
     * @param prefix the text before the number
     * @param number the number
     * @param suffix the text after the number
     * @return this buffer
     */
    public JsonBuffer string(JsonText prefix, long number, JsonText suffix) {
        byte[] p = prefix.quoted();
        raw(p, 0, p.length - 1); // without the closing quote: the string goes on
        number(number);
        byte[] s = suffix.quoted();
        return raw(s, 1, s.length - 1); // without the opening quote
    }

    private void encode(String s) {
        int n = s.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        // getChars is an intrinsic copy; a loop over a plain char[] compiles far tighter than charAt.
        s.getChars(0, n, chars, 0);
        ensure(n + 2);
        char[] c = chars;
        byte[] b = bytes;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch < 0x20 || ch == '"' || ch == '\\' || ch >= 0x80) {
                size = p - 1;
                escaped(s);
                return;
            }
            b[p + i] = (byte) ch;
        }
        p += n;
        b[p++] = '"';
        size = p;
    }

    /** The slow path of {@link #string(String)}: UTF-8 encode, then escape byte by byte. */
    private void escaped(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(2);
        bytes[size++] = '"';
        escapeFrom(utf8, 0);
        bytes[size++] = '"';
    }

    /** Copies {@code utf8} from {@code from} on, escaping quotes, backslashes and control characters. */
    private void escapeFrom(byte[] utf8, int from) {
        // Worst case: every byte becomes a six-byte \\u00XX escape, plus the closing quote.
        ensure((utf8.length - from) * 6 + 1);
        for (int i = from; i < utf8.length; i++) {
            byte c = utf8[i];
            if (c == '"' || c == '\\') {
                bytes[size++] = '\\';
                bytes[size++] = c;
            } else if (c >= 0 && c < 0x20) {
                bytes[size++] = '\\';
                switch (c) {
                    case '\n': bytes[size++] = 'n'; break;
                    case '\r': bytes[size++] = 'r'; break;
                    case '\t': bytes[size++] = 't'; break;
                    case '\b': bytes[size++] = 'b'; break;
                    case '\f': bytes[size++] = 'f'; break;
                    default:
                        bytes[size++] = 'u';
                        bytes[size++] = '0';
                        bytes[size++] = '0';
                        bytes[size++] = HEX[c >> 4];
                        bytes[size++] = HEX[c & 0xF];
                }
            } else {
                bytes[size++] = c;
            }
        }
    }

    /**
     * Appends a JSON string without remembering it: for strings encoded once, such as the texts
     * of {@link JsonText}. The same bytes as {@link #string(String)}.
     *
     * @param s the string, not {@code null}
     * @return this buffer
     */
    JsonBuffer stringOnce(String s) {
        encode(s);
        return this;
    }

    /**
     * Appends a pre-encoded string.
     *
     * @param text the string
     * @return this buffer
     */
    public JsonBuffer string(JsonText text) {
        return raw(text.quoted());
    }

    /**
     * Appends a whole number.
     *
     * @param value the number
     * @return this buffer
     */
    public JsonBuffer number(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return raw("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            }
            bytes[size++] = '-';
            value = -value;
        }
        int digits = digits(value);
        int end = size + digits;
        int p = end;
        do {
            bytes[--p] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        size = end;
        return this;
    }

    /**
     * The number of decimal digits of {@code v >= 0}, without a loop: C2 unrolls a counting loop
     * into many copies wherever it inlines {@link #number}, which is into every line writer unless
     * the JVM is told otherwise (as {@code ./melt}'s inlining limit tells it).
     * {@code bits * 1233 >>> 12} is {@code bits * log10(2)} rounded down, which is the digit count
     * or one more.
     */
    private static int digits(long v) {
        int t = (64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12;
        return v < POW10[t] ? Math.max(t, 1) : t + 1;
    }

    /**
     * Appends a number rounded to at most {@code fractionDigits} decimals, without trailing
     * zeros and without exponent, for example {@code 45.2} or {@code 3}.
     *
     * @param value a finite number
     * @param fractionDigits 0 to 9
     * @return this buffer
     * @throws IllegalArgumentException when the value is NaN or infinite, which JSON cannot hold
     */
    public JsonBuffer decimal(double value, int fractionDigits) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value: " + value + " is not accepted; expected a finite number");
        }
        if (Math.abs(value) >= PLAIN_LIMIT) {
            return raw(new java.math.BigDecimal(value).toBigInteger().toString().getBytes(StandardCharsets.US_ASCII));
        }
        long scale = POW10[fractionDigits];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            ensure(1);
            bytes[size++] = '-';
        }
        long whole = scaled / scale;
        long fraction = scaled - whole * scale;
        number(whole);
        if (fraction != 0) {
            int digits = fractionDigits;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            ensure(digits + 1);
            bytes[size++] = '.';
            int p = size + digits;
            for (int i = 0; i < digits; i++) {
                bytes[--p] = (byte) ('0' + (fraction % 10));
                fraction /= 10;
            }
            size += digits;
        }
        return this;
    }

    /**
     * Appends 16 lower-case hex digits, unquoted.
     *
     * @param value the 64 bits
     * @return this buffer
     */
    public JsonBuffer hex16(long value) {
        ensure(16);
        hex16(bytes, size, value);
        size += 16;
        return this;
    }

    /**
     * Writes the 16 lower-case hex digits of {@code value} into an array.
     *
     * @param b the array
     * @param p where the first digit goes; {@code p + 16} must not exceed its length
     * @param value the value
     */
    static void hex16(byte[] b, int p, long value) {
        // Straight-line: the JIT would unroll a loop of eight anyway. Under ./melt's inlining limit
        // it is compiled once and called; other JVMs inline it into every caller that writes ids.
        hexPair(b, p, value >>> 56);
        hexPair(b, p + 2, value >>> 48);
        hexPair(b, p + 4, value >>> 40);
        hexPair(b, p + 6, value >>> 32);
        hexPair(b, p + 8, value >>> 24);
        hexPair(b, p + 10, value >>> 16);
        hexPair(b, p + 12, value >>> 8);
        hexPair(b, p + 14, value);
    }

    /** Writes the two hex digits of the low byte of {@code value} at {@code p}. */
    private static void hexPair(byte[] b, int p, long value) {
        int pair = ((int) value & 0xFF) << 1;
        b[p] = HEX_PAIRS[pair];
        b[p + 1] = HEX_PAIRS[pair + 1];
    }

    /**
     * Appends a quoted RFC 3339 UTC timestamp with millisecond precision,
     * {@code "2024-01-01T12:00:00.000Z"}.
     *
     * @param epochMillis milliseconds since the epoch, in years 0000–9999
     * @return this buffer
     */
    public JsonBuffer timestampMillis(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        openTimestamp(second, 3);
        threeDigits((int) (epochMillis - second * 1000L));
        return closeTimestamp();
    }

    /**
     * Appends a quoted RFC 3339 UTC timestamp with microsecond precision,
     * {@code "2024-01-01T12:00:00.000000Z"}.
     *
     * @param epochMicros microseconds since the epoch, in years 0000–9999
     * @return this buffer
     */
    public JsonBuffer timestampMicros(long epochMicros) {
        long second = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) (epochMicros - second * 1_000_000L);
        openTimestamp(second, 6);
        threeDigits(micros / 1000);
        threeDigits(micros % 1000);
        return closeTimestamp();
    }

    /** Writes {@code "yyyy-MM-ddTHH:mm:ss.} with room for the fraction's digits and the close. */
    private void openTimestamp(long epochSecond, int fractionDigits) {
        ensure(23 + fractionDigits);
        bytes[size++] = '"';
        dateTime(epochSecond);
        bytes[size++] = '.';
    }

    /** Writes {@code Z"} after a timestamp's fraction. */
    private JsonBuffer closeTimestamp() {
        bytes[size++] = 'Z';
        bytes[size++] = '"';
        return this;
    }

    /** Writes 000 to 999; the caller ensured the capacity. */
    private void threeDigits(int value) {
        bytes[size] = (byte) ('0' + value / 100);
        bytes[size + 1] = (byte) ('0' + value / 10 % 10);
        bytes[size + 2] = (byte) ('0' + value % 10);
        size += 3;
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ss}; the caller ensured the capacity. */
    private void dateTime(long epochSecond) {
        if (epochSecond == cachedSecond) {
            System.arraycopy(cachedDateTime, 0, bytes, size, 19);
            size += 19;
        } else {
            newSecond(epochSecond);
        }
    }

    /** Writes and remembers {@code yyyy-MM-ddTHH:mm:ss} of a second other than the last one. */
    private void newSecond(long epochSecond) {
        int start = size;
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) (epochSecond - day * 86_400L);
        if (day != cachedDay) {
            cacheDate(day);
        }
        System.arraycopy(cachedDate, 0, bytes, size, 11);
        size += 11;
        int hour = secondOfDay / 3600;
        int minute = secondOfDay / 60 % 60;
        int sec = secondOfDay % 60;
        bytes[size++] = (byte) ('0' + hour / 10);
        bytes[size++] = (byte) ('0' + hour % 10);
        bytes[size++] = ':';
        bytes[size++] = (byte) ('0' + minute / 10);
        bytes[size++] = (byte) ('0' + minute % 10);
        bytes[size++] = ':';
        bytes[size++] = (byte) ('0' + sec / 10);
        bytes[size++] = (byte) ('0' + sec % 10);
        System.arraycopy(bytes, start, cachedDateTime, 0, 19);
        cachedSecond = epochSecond;
    }

    /** Civil date from days since the epoch (proleptic Gregorian, H. Hinnant's algorithm). */
    private void cacheDate(long epochDay) {
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        if (y < 0 || y > 9999) {
            throw new IllegalArgumentException("timestamp: year " + y
                    + " is not accepted; expected a year from 0000 to 9999 (RFC 3339)");
        }
        int year = (int) y;
        cachedDate[0] = (byte) ('0' + year / 1000);
        cachedDate[1] = (byte) ('0' + year / 100 % 10);
        cachedDate[2] = (byte) ('0' + year / 10 % 10);
        cachedDate[3] = (byte) ('0' + year % 10);
        cachedDate[4] = '-';
        cachedDate[5] = (byte) ('0' + m / 10);
        cachedDate[6] = (byte) ('0' + m % 10);
        cachedDate[7] = '-';
        cachedDate[8] = (byte) ('0' + d / 10);
        cachedDate[9] = (byte) ('0' + d % 10);
        cachedDate[10] = 'T';
        cachedDay = epochDay;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }
}
