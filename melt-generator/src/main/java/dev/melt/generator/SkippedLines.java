package dev.melt.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the record streams of a {@link ReadMode#TOLERANT} {@link MeltData} have skipped so far:
 * every stream adds the lines it skips as it reads them (a file read twice adds its lines twice).
 * It counts every skipped line and keeps the first {@value #KEPT} of them, so that memory stays
 * bounded on a badly damaged dataset. Thread-safe.
 */
public final class SkippedLines {

    /** How many skipped lines are kept for {@link #lines()}; all are counted. */
    public static final int KEPT = 10_000;

    private final AtomicLongArray counts = new AtomicLongArray(Signal.values().length);
    private final List<SkippedLine> lines = new ArrayList<>();

    /** Creates an empty report. */
    public SkippedLines() {
    }

    /**
     * Records a skipped line.
     *
     * @param signal the signal whose file it is in
     * @param line the line
     */
    public void add(Signal signal, SkippedLine line) {
        counts.incrementAndGet(signal.ordinal());
        synchronized (lines) {
            if (lines.size() < KEPT) {
                lines.add(line);
            }
        }
    }

    /** @return how many lines have been skipped, in all files */
    public long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * Returns how many lines of one signal's file have been skipped.
     *
     * @param signal the signal
     * @return the count
     */
    public long count(Signal signal) {
        return counts.get(signal.ordinal());
    }

    /** @return the first {@value #KEPT} skipped lines, in the order they were skipped */
    public List<SkippedLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** @return one {@code file:line: reason} per kept line, then the count when more were skipped */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        List<SkippedLine> kept = lines();
        for (SkippedLine l : kept) {
            b.append(l).append('\n');
        }
        long n = count();
        if (n > kept.size()) {
            b.append("... and ").append(n - kept.size()).append(" more\n");
        }
        return b.toString();
    }
}
