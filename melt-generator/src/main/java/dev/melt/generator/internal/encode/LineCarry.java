package dev.melt.generator.internal.encode;

import java.util.Arrays;

/**
 * Lines one chunk hands to the next because they are stamped at or after its end, in time order;
 * see {@link LineWriter#carry}. Used by the one thread that writes chunks in order.
 */
public final class LineCarry {

    /** One set of carried lines: their bytes, where each ends, and their times. */
    static final class Lines {
        JsonBuffer lines = new JsonBuffer(1024);
        int[] ends = new int[16];
        long[] keys = new long[16];
        int count;

        void add(byte[] bytes, int from, int length, long key) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                keys = Arrays.copyOf(keys, count * 2);
            }
            lines.raw(bytes, from, length);
            ends[count] = lines.size();
            keys[count] = key;
            count++;
        }

        void clear() {
            lines.reset();
            count = 0;
        }
    }

    private Lines current = new Lines();
    private Lines spare = new Lines();
    JsonBuffer lines = current.lines;
    int[] ends = current.ends;
    long[] keys = current.keys;
    int count;

    /** @return an empty set to fill with the next chunk's carried lines */
    Lines spare() {
        spare.clear();
        return spare;
    }

    /** Makes the filled set the carried one. */
    void replace(Lines next) {
        Lines old = current;
        current = next;
        spare = old;
        lines = current.lines;
        ends = current.ends;
        keys = current.keys;
        count = current.count;
    }

    /** @return how many lines are carried */
    public int size() {
        return count;
    }
}
