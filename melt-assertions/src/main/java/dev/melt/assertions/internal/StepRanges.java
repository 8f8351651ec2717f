package dev.melt.assertions.internal;

import java.util.Arrays;

/**
 * Disjoint, sorted ranges of time steps, the way a binary label series sees a set of windows:
 * step {@code k} covers {@code [origin + k·step, origin + (k+1)·step)}, a window covers every
 * step it touches (a point covers the step it falls in), and windows that overlap or touch
 * merge into one range, because a run of consecutive 1s is one range.
 */
public final class StepRanges {

    private final long[] first;
    private final long[] last;

    private StepRanges(long[] first, long[] last) {
        this.first = first;
        this.last = last;
    }

    /**
     * Builds the ranges of some windows.
     *
     * @param starts window starts, epoch nanos
     * @param ends window ends (exclusive), epoch nanos; equal to the start for a point
     * @param count how many entries of the arrays are used
     * @param origin the instant of step 0, epoch nanos
     * @param step the step length in nanos
     * @return the merged ranges
     */
    public static StepRanges of(long[] starts, long[] ends, int count, long origin, long step) {
        long[] lo = new long[count];
        long[] hi = new long[count];
        boolean sorted = true;
        for (int i = 0; i < count; i++) {
            lo[i] = Math.floorDiv(starts[i] - origin, step);
            long endStep = -Math.floorDiv(origin - ends[i], step) - 1; // ceil((end - origin) / step) - 1
            hi[i] = Math.max(lo[i], endStep);
            sorted &= i == 0 || lo[i] >= lo[i - 1];
        }
        if (!sorted) {
            int[] order = Permutation.ascending(lo);
            lo = Permutation.apply(lo, order);
            hi = Permutation.apply(hi, order);
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (n > 0 && lo[i] <= hi[n - 1] + 1) {
                hi[n - 1] = Math.max(hi[n - 1], hi[i]);
            } else {
                lo[n] = lo[i];
                hi[n] = hi[i];
                n++;
            }
        }
        return new StepRanges(Arrays.copyOf(lo, n), Arrays.copyOf(hi, n));
    }

    /** @return the number of ranges */
    public int size() {
        return first.length;
    }

    /**
     * @param i a range index
     * @return its first step
     */
    public long first(int i) {
        return first[i];
    }

    /**
     * @param i a range index
     * @return its last step (inclusive)
     */
    public long last(int i) {
        return last[i];
    }

    /**
     * @param i a range index
     * @return its number of steps
     */
    public long length(int i) {
        return last[i] - first[i] + 1;
    }

    /** @return the number of steps in all ranges */
    public long totalSteps() {
        long total = 0;
        for (int i = 0; i < first.length; i++) {
            total += length(i);
        }
        return total;
    }
}
