package dev.melt.generator.internal.dataset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one JSONL record as offsets into its line, for transcoding without decoding: a
 * string value keeps its quotes and escapes, so it is copied as it is into other JSON. Reads the
 * records melt's own encoders write (an object of scalar fields and objects of scalar fields),
 * one at a time from a buffer of lines; {@link #next} fails with a message naming the offset on
 * anything else.
 *
 * <p>Hand-written rather than Jackson's streaming parser because OTLP output transcodes every
 * record: decoding each string to a {@code String} and encoding it again made {@code --format otlp}
 * five times slower than JSONL (docs/performance.md has the figures).
 */
final class JsonlRecord {

    /** A value's kind. */
    static final byte STRING = 1;
    static final byte NUMBER = 2;
    static final byte TRUE = 3;
    static final byte FALSE = 4;
    static final byte NULL = 5;
    static final byte OBJECT = 6;

    private static final int MAX_FIELDS = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] bytes;
    /** Top-level fields, then the members of its objects, in line order. */
    int count;
    final int[] keyStart = new int[MAX_FIELDS];
    final int[] keyEnd = new int[MAX_FIELDS];
    final int[] valueStart = new int[MAX_FIELDS];
    final int[] valueEnd = new int[MAX_FIELDS];
    final byte[] kind = new byte[MAX_FIELDS];
    /** For a top-level field: the index of its object's first member, and one past its last; else -1. */
    final int[] membersFrom = new int[MAX_FIELDS];
    final int[] membersTo = new int[MAX_FIELDS];
    /** For a member: -1; for a top-level field: 0. */
    final int[] depth = new int[MAX_FIELDS];

    private int pos;
    private int end;

    /**
     * Starts reading lines.
     *
     * @param lines the buffer
     * @param from the first byte
     * @param to one past the last byte
     */
    void reset(byte[] lines, int from, int to) {
        this.bytes = lines;
        this.pos = from;
        this.end = to;
    }

    /**
     * Reads the next line's record.
     *
     * @return {@code false} at the end of the lines
     */
    boolean next() {
        while (pos < end && (bytes[pos] == '\n' || bytes[pos] == ' ')) {
            pos++;
        }
        if (pos >= end) {
            return false;
        }
        count = 0;
        expect('{');
        object(0);
        return true;
    }

    private void object(int level) {
        if (bytes[pos] == '}') {
            pos++;
            return;
        }
        while (true) {
            int i = count++;
            if (i >= MAX_FIELDS) {
                throw fail("more than " + MAX_FIELDS + " fields");
            }
            expect('"');
            keyStart[i] = pos;
            pos = stringEnd(pos);
            keyEnd[i] = pos - 1;
            expect(':');
            depth[i] = level;
            membersFrom[i] = -1;
            membersTo[i] = -1;
            value(i, level);
            byte c = bytes[pos++];
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw fail("',' or '}' expected");
            }
        }
    }

    private void value(int i, int level) {
        int s = pos;
        byte c = bytes[pos];
        valueStart[i] = s;
        if (c == '"') {
            pos = stringEnd(pos + 1);
            kind[i] = STRING;
        } else if (c == '{') {
            if (level > 0) {
                throw fail("an object inside an object's member");
            }
            pos++;
            membersFrom[i] = count;
            object(level + 1);
            membersTo[i] = count;
            kind[i] = OBJECT;
        } else if (c == 't') {
            pos += 4;
            kind[i] = TRUE;
        } else if (c == 'f') {
            pos += 5;
            kind[i] = FALSE;
        } else if (c == 'n') {
            pos += 4;
            kind[i] = NULL;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            pos++;
            while (pos < end) {
                byte d = bytes[pos];
                if ((d >= '0' && d <= '9') || d == '.' || d == 'e' || d == 'E' || d == '-' || d == '+') {
                    pos++;
                } else {
                    break;
                }
            }
            kind[i] = NUMBER;
        } else {
            throw fail("a value expected");
        }
        valueEnd[i] = pos;
    }

    /** @return the offset after the closing quote of a string whose content starts at {@code p} */
    private int stringEnd(int p) {
        byte[] b = bytes;
        // Eight bytes at a time while no quote or backslash is among them (messages are long).
        while (p + 8 <= end) {
            long w = (long) LONGS.get(b, p);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long found = ((quote - 0x0101010101010101L) & ~quote | (backslash - 0x0101010101010101L) & ~backslash)
                    & 0x8080808080808080L;
            if (found != 0) {
                // The lowest flagged byte is exact (a borrow only flags bytes above a real match).
                p += Long.numberOfTrailingZeros(found) >>> 3;
                break;
            }
            p += 8;
        }
        while (true) {
            byte c = b[p];
            if (c == '"') {
                return p + 1;
            }
            p += c == '\\' ? 2 : 1;
        }
    }

    private void expect(char c) {
        if (pos >= end || bytes[pos] != c) {
            throw fail("'" + c + "' expected");
        }
        pos++;
    }

    private IllegalStateException fail(String what) {
        return new IllegalStateException("JSONL record at byte " + pos + ": " + what);
    }

    /**
     * A field name to look up. Records of one kind have their fields in one order, so each key
     * remembers (per reader) where it was found last and looks there first.
     */
    static final class Key {
        private static int ids;
        final byte[] name;
        final int id;

        Key(String name) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            synchronized (Key.class) {
                this.id = ids++;
            }
        }
    }

    /** Per key id: where it was found in the last record (a top-level index, or a member's offset). */
    private int[] hints = new int[64];

    private int hint(Key key) {
        if (key.id >= hints.length) {
            hints = java.util.Arrays.copyOf(hints, Math.max(key.id + 1, hints.length * 2));
        }
        return hints[key.id];
    }

    /**
     * Finds a top-level field.
     *
     * @param key its name
     * @return its index, or -1
     */
    int field(Key key) {
        int h = hint(key);
        if (h < count && depth[h] == 0 && is(h, key.name)) {
            return h;
        }
        for (int i = 0; i < count; i++) {
            if (depth[i] == 0 && is(i, key.name)) {
                hints[key.id] = i;
                return i;
            }
        }
        return -1;
    }

    /**
     * Finds a member of a top-level object field.
     *
     * @param object the object field's index, or -1
     * @param key the member's name
     * @return its index, or -1
     */
    int member(int object, Key key) {
        if (object < 0 || membersFrom[object] < 0) {
            return -1;
        }
        int from = membersFrom[object];
        int to = membersTo[object];
        int h = from + hint(key);
        if (h < to && is(h, key.name)) {
            return h;
        }
        for (int i = from; i < to; i++) {
            if (is(i, key.name)) {
                hints[key.id] = i - from;
                return i;
            }
        }
        return -1;
    }

    /** @return whether field {@code i}'s name is {@code key}'s */
    boolean is(int i, Key key) {
        return is(i, key.name);
    }

    /** @return whether field {@code i}'s name is {@code key} */
    boolean is(int i, byte[] key) {
        int n = keyEnd[i] - keyStart[i];
        if (n != key.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (bytes[keyStart[i] + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    /** @return whether field {@code i} is a string equal to {@code text} (unquoted, unescaped ASCII) */
    boolean stringIs(int i, byte[] text) {
        if (i < 0 || kind[i] != STRING || valueEnd[i] - valueStart[i] - 2 != text.length) {
            return false;
        }
        for (int k = 0; k < text.length; k++) {
            if (bytes[valueStart[i] + 1 + k] != text[k]) {
                return false;
            }
        }
        return true;
    }

    /** @return whether field {@code i} exists and is not {@code null} */
    boolean present(int i) {
        return i >= 0 && kind[i] != NULL;
    }

    /** @return field {@code i}'s raw value as a string, with the quotes of a string removed (escapes kept) */
    String text(int i) {
        if (kind[i] == STRING) {
            return new String(bytes, valueStart[i] + 1, valueEnd[i] - valueStart[i] - 2, StandardCharsets.UTF_8);
        }
        return new String(bytes, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.UTF_8);
    }

    /** @return whether number field {@code i} is written as a whole number (no fraction, no exponent) */
    boolean isWhole(int i) {
        for (int p = valueStart[i]; p < valueEnd[i]; p++) {
            byte c = bytes[p];
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** @return number field {@code i}'s value */
    double number(int i) {
        int s = valueStart[i];
        int e = valueEnd[i];
        // melt writes at most a few decimals: a whole mantissa over a power of ten is the same
        // double as parseDouble (both are correctly rounded), without a String.
        boolean negative = bytes[s] == '-';
        int p = negative ? s + 1 : s;
        long mantissa = 0;
        int decimals = -1;
        int digits = 0;
        for (; p < e; p++) {
            byte c = bytes[p];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                digits = 99;
                break;
            }
        }
        if (digits > 15) {
            return Double.parseDouble(text(i));
        }
        double v = decimals <= 0 ? mantissa : mantissa / POWERS[decimals];
        return negative ? -v : v;
    }

    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16};

    /**
     * Reads an RFC 3339 UTC timestamp string field ({@code "2024-01-01T00:00:00.246Z"}, any
     * fraction of up to nine digits) as nanoseconds since the epoch.
     *
     * @param i the field
     * @return the nanoseconds
     */
    long epochNanos(int i) {
        int s = valueStart[i] + 1;
        int e = valueEnd[i] - 1;
        if (e - s < 20 || bytes[s + 4] != '-' || bytes[s + 10] != 'T' || bytes[e - 1] != 'Z') {
            throw fail("an RFC 3339 UTC timestamp expected");
        }
        long day;
        if (s + 10 <= bytes.length && sameDate(s)) {
            day = cachedDay;
        } else {
            int year = digits(s, 4);
            int month = digits(s + 5, 2);
            int dayOfMonth = digits(s + 8, 2);
            day = java.time.LocalDate.of(year, month, dayOfMonth).toEpochDay();
            System.arraycopy(bytes, s, cachedDate, 0, 10);
            cachedDay = day;
        }
        long seconds = day * 86_400L + digits(s + 11, 2) * 3600L + digits(s + 14, 2) * 60L + digits(s + 17, 2);
        long nanos = 0;
        int p = s + 19;
        if (bytes[p] == '.') {
            int n = 0;
            for (p++; p < e - 1 && n < 9; p++, n++) {
                nanos = nanos * 10 + (bytes[p] - '0');
            }
            for (; n < 9; n++) {
                nanos *= 10;
            }
        }
        return seconds * 1_000_000_000L + nanos;
    }

    private final byte[] cachedDate = new byte[10];
    private long cachedDay = Long.MIN_VALUE;

    private boolean sameDate(int s) {
        if (cachedDay == Long.MIN_VALUE) {
            return false;
        }
        for (int k = 0; k < 10; k++) {
            if (bytes[s + k] != cachedDate[k]) {
                return false;
            }
        }
        return true;
    }

    private int digits(int from, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            byte c = bytes[from + k];
            if (c < '0' || c > '9') {
                throw fail("a digit expected in a timestamp");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
