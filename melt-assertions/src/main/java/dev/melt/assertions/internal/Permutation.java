package dev.melt.assertions.internal;

import java.util.Arrays;

/**
 * Reorders parallel primitive arrays by one computed order, so that a sort of indexes can carry
 * every column along.
 */
final class Permutation {

    private Permutation() {
    }

    /**
     * Returns the order that sorts some keys, ties in their original order.
     *
     * @param keys the keys
     * @return for each target position, the source position
     */
    static int[] ascending(long[] keys) {
        Integer[] boxed = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (x, y) -> Long.compare(keys[x], keys[y]));
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /**
     * @param values the values
     * @param order for each target position, the source position
     * @return {@code values[order[i]]} for each {@code i}
     */
    static long[] apply(long[] values, int[] order) {
        long[] result = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = values[order[i]];
        }
        return result;
    }

    /**
     * @param values the values
     * @param order for each target position, the source position
     * @return {@code values[order[i]]} for each {@code i}
     */
    static int[] apply(int[] values, int[] order) {
        int[] result = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = values[order[i]];
        }
        return result;
    }
}
