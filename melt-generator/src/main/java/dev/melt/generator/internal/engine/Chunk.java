package dev.melt.generator.internal.engine;

/**
 * One slice of simulated time, {@code [startMillis, endMillis)}, generated as a unit.
 *
 * @param index the chunk number, from 0
 * @param startMillis the first instant, in milliseconds since the epoch (inclusive)
 * @param endMillis the end (exclusive)
 */
public record Chunk(int index, long startMillis, long endMillis) {
}
