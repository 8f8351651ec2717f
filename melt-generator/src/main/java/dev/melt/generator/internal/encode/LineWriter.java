package dev.melt.generator.internal.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Base of the four signal writers: encodes JSON Lines of one record kind into a
 * {@link JsonBuffer} and counts them. Writers of a chunk are reused from chunk to chunk.
 */
public abstract class LineWriter {

    private static final byte[] ANOMALY_FALSE = ascii("\"anomaly\":false}\n");
    private static final byte[] ANOMALY_TRUE = ascii("\"anomaly\":true,\"incident_id\":");
    private static final byte[] OBJECT_END_ANOMALY_FALSE = ascii("},\"anomaly\":false}\n");
    private static final byte[] OBJECT_END_ANOMALY_TRUE = ascii("},\"anomaly\":true,\"incident_id\":");

    /** Bits of the time offset sorted per radix pass. */
    private static final int RADIX_BITS = 11;

    /** The bytes of the lines written so far. */
    protected JsonBuffer out;
    private JsonBuffer spare;
    private long records;
    private boolean firstField;
    private int[] starts = new int[256];
    private long[] keys = new long[256];
    private int[] sortedStarts = new int[0];
    private long[] sortedKeys = new long[0];
    private int[] order = new int[0];
    private int[] scratch = new int[0];
    private final int[] counts = new int[(1 << RADIX_BITS) + 1];

    /**
     * Creates a writer.
     *
     * @param initialCapacity the initial buffer capacity in bytes
     */
    protected LineWriter(int initialCapacity) {
        this.out = new JsonBuffer(initialCapacity);
    }

    /**
     * Encodes an ASCII constant.
     *
     * @param s the text
     * @return its bytes
     */
    protected static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the encoded lines */
    public JsonBuffer buffer() {
        return out;
    }

    /** @return the number of lines written since the last {@link #reset()} */
    public long records() {
        return records;
    }

    /**
     * Adds to the count of records, for lines a writer places itself.
     *
     * @param n how many records to add (negative to take back)
     */
    protected final void countRecords(long n) {
        records += n;
    }

    /** Forgets every line, keeping the buffer's capacity. */
    public void reset() {
        out.reset();
        records = 0;
    }

    /**
     * Marks the start of a line and remembers its sort key.
     *
     * @param epochMillis the record's time, its sort key
     */
    protected final void startLine(long epochMillis) {
        int n = (int) records;
        if (n >= starts.length) {
            // Writers that place records themselves (deferred counters) count them without a start.
            int size = Math.max(n + 1, starts.length * 2);
            starts = Arrays.copyOf(starts, size);
            keys = Arrays.copyOf(keys, size);
        }
        starts[n] = out.size();
        keys[n] = epochMillis;
    }

    /**
     * Reorders the lines written since the last {@link #reset()} by time, keeping the order of
     * lines with equal times. Signals whose generator interleaves several sources (logs of spans
     * and background logs) call this once per chunk.
     */
    public void sortByTime() {
        int n = (int) records;
        if (n < 2 || isSorted(keys, n)) {
            return;
        }
        int[] timeOrder = radixOrder(n, min(keys, n), max(keys, n));
        if (spare == null) {
            spare = new JsonBuffer(out.capacity());
        }
        spare.reset();
        if (sortedStarts.length < n) {
            sortedStarts = new int[starts.length];
            sortedKeys = new long[starts.length];
        }
        copyInOrder(out, starts, keys, timeOrder, n, spare, sortedStarts, sortedKeys);
        JsonBuffer sortedLines = spare;
        spare = out;
        out = sortedLines;
        // Starts and keys now describe the sorted lines, for carry().
        int[] s = starts;
        starts = sortedStarts;
        sortedStarts = s;
        long[] k = keys;
        keys = sortedKeys;
        sortedKeys = k;
    }

    /**
     * Moves the lines stamped at or after a chunk's end to the next chunk, where they belong in
     * time order, and takes in the lines the chunk before moved here: a request that starts in one
     * chunk may log when it ends, in the next. Then a file is in time order across chunks, and its
     * order does not depend on where chunks begin. Call on time-sorted lines, in chunk order.
     *
     * @param carry the lines moved from the chunk before, replaced by the lines moved from this one
     * @param endMillis the chunk's end; {@code Long.MAX_VALUE} for the last chunk, which keeps every line
     */
    public void carry(LineCarry carry, long endMillis) {
        int n = (int) records;
        if (carry.count == 0 && (n == 0 || keys[n - 1] < endMillis)) {
            return;
        }
        if (spare == null) {
            spare = new JsonBuffer(out.capacity());
        }
        spare.reset();
        LineCarry.Lines next = carry.spare();
        int kept = 0;
        int i = 0;
        int j = 0;
        byte[] own = out.array();
        while (i < carry.count || j < n) {
            // Carried lines come from earlier intervals: first on equal times, as inside a chunk.
            boolean fromCarry = i < carry.count && (j >= n || carry.keys[i] <= keys[j]);
            long key;
            byte[] bytes;
            int from;
            int to;
            if (fromCarry) {
                key = carry.keys[i];
                bytes = carry.lines.array();
                from = i == 0 ? 0 : carry.ends[i - 1];
                to = carry.ends[i];
                i++;
            } else {
                key = keys[j];
                bytes = own;
                from = starts[j];
                to = j + 1 < n ? starts[j + 1] : out.size();
                j++;
            }
            if (key >= endMillis) {
                next.add(bytes, from, to - from, key);
            } else {
                spare.raw(bytes, from, to - from);
                kept++;
            }
        }
        JsonBuffer merged = spare;
        spare = out;
        out = merged;
        records = kept;
        carry.replace(next);
    }

    // Each loop of the sort is a small method of its own: the JIT then compiles each once, instead
    // of compiling the whole sort again on the stack at every loop that gets hot.

    private static boolean isSorted(long[] keys, int n) {
        for (int i = 1; i < n; i++) {
            if (keys[i] < keys[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static long min(long[] keys, int n) {
        long min = keys[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, keys[i]);
        }
        return min;
    }

    private static long max(long[] keys, int n) {
        long max = keys[0];
        for (int i = 1; i < n; i++) {
            max = Math.max(max, keys[i]);
        }
        return max;
    }

    /**
     * Appends the lines of {@code src} to {@code dst} in the given order of line numbers, noting
     * where each starts in {@code dst} and its key.
     */
    private static void copyInOrder(JsonBuffer src, int[] starts, long[] keys, int[] order, int n, JsonBuffer dst,
                                    int[] newStarts, long[] newKeys) {
        byte[] bytes = src.array();
        int end = src.size();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            int to = i + 1 < n ? starts[i + 1] : end;
            newStarts[k] = dst.size();
            newKeys[k] = keys[i];
            dst.raw(bytes, starts[i], to - starts[i]);
        }
    }

    /**
     * Returns the line numbers in time order, equal times in line order: a least-significant-digit
     * radix sort of the time offsets, linear in the line count and stable by construction.
     */
    private int[] radixOrder(int n, long min, long max) {
        if (order.length < n) {
            order = new int[n];
            scratch = new int[n];
        }
        int[] from = order;
        int[] to = scratch;
        identity(from, n);
        long range = max - min;
        for (int shift = 0; shift == 0 || (range >>> shift) != 0; shift += RADIX_BITS) {
            radixPass(keys, from, to, n, min, shift, counts);
            int[] t = from;
            from = to;
            to = t;
        }
        return from;
    }

    private static void identity(int[] order, int n) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
    }

    /** One stable counting pass on the {@value #RADIX_BITS} bits of the time offsets from {@code shift} up. */
    private static void radixPass(long[] keys, int[] from, int[] to, int n, long min, int shift, int[] counts) {
        int mask = (1 << RADIX_BITS) - 1;
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[((int) ((keys[from[i]] - min) >>> shift) & mask) + 1]++;
        }
        prefixSums(counts);
        for (int i = 0; i < n; i++) {
            int line = from[i];
            to[counts[(int) ((keys[line] - min) >>> shift) & mask]++] = line;
        }
    }

    private static void prefixSums(int[] counts) {
        for (int d = 1; d < counts.length; d++) {
            counts[d] += counts[d - 1];
        }
    }

    /** Marks the start of an open object (metadata, tags) whose fields follow. */
    protected final void openFields() {
        firstField = true;
    }

    /** Marks the start of an open object whose first field was written with the bytes before it. */
    protected final void continueFields() {
        firstField = false;
    }

    /**
     * Concatenates encoded pieces into one template, so that writing them is one copy.
     *
     * @param pieces raw bytes, or {@link JsonText}s written quoted
     * @return the bytes
     */
    protected static byte[] template(Object... pieces) {
        // Sized exactly, so it never grows: each growth in set-up code counts towards
        // JsonBuffer.grow looking hot to the JIT, which then inlines it, with its array copy,
        // into every write of every line.
        int length = 0;
        for (Object piece : pieces) {
            length += piece instanceof JsonText ? ((JsonText) piece).quoted().length : ((byte[]) piece).length;
        }
        JsonBuffer b = new JsonBuffer(length);
        for (Object piece : pieces) {
            if (piece instanceof JsonText) {
                b.string((JsonText) piece);
            } else {
                b.raw((byte[]) piece);
            }
        }
        return b.toByteArray();
    }

    /**
     * Starts one field of the open object: a comma when needed, then the quoted name and colon.
     *
     * @param name the field name
     */
    protected final void fieldName(String name) {
        if (!firstField) {
            out.raw(',');
        }
        firstField = false;
        out.string(name).raw(':');
    }

    /**
     * Starts one field of the open object whose name is encoded already.
     *
     * @param name the field name
     */
    protected final void fieldName(JsonText name) {
        out.raw(firstField ? name.quotedName() : name.commaQuotedName());
        firstField = false;
    }

    /**
     * Appends the ending of a normal line to the last bytes before it, so that a writer can end
     * the common line, the one no incident labels, with one copy: see {@link #endNormalLine}.
     *
     * @param last the bytes written last before the label
     * @return those bytes followed by {@code "anomaly":false}, the closing brace and newline
     */
    protected static byte[] endingNormally(byte[] last) {
        return template(last, ANOMALY_FALSE);
    }

    /**
     * Ends a line that no incident labels with bytes from {@link #endingNormally}, and counts the
     * record: the same bytes as writing {@code last} and then {@code endLine(false, null)}.
     *
     * @param lastEndingNormally the encoded ending
     */
    protected final void endNormalLine(byte[] lastEndingNormally) {
        out.raw(lastEndingNormally);
        records++;
    }

    /**
     * Ends a line: writes the label and the closing brace and newline, and counts the record.
     *
     * @param closeObject whether an open object (metadata, tags) must be closed first
     * @param incidentId the incident labelling the record, or {@code null} when it is normal
     */
    protected final void endLine(boolean closeObject, String incidentId) {
        if (incidentId == null) {
            out.raw(closeObject ? OBJECT_END_ANOMALY_FALSE : ANOMALY_FALSE);
        } else {
            out.raw(closeObject ? OBJECT_END_ANOMALY_TRUE : ANOMALY_TRUE).string(incidentId).raw('}').raw('\n');
        }
        records++;
    }
}
