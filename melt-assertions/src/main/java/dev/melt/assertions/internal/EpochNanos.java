package dev.melt.assertions.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Instants and durations as {@code long} nanoseconds, so that the sweeps over a million
 * detections compare primitives. Covers the years 1677 to 2262.
 */
public final class EpochNanos {

    private EpochNanos() {
    }

    /**
     * Converts an instant.
     *
     * @param instant the instant
     * @return nanoseconds since the epoch
     * @throws ArithmeticException when the instant is outside the years 1677 to 2262
     */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /**
     * Converts a duration.
     *
     * @param duration the duration
     * @return its length in nanoseconds
     */
    public static long of(Duration duration) {
        return duration.toNanos();
    }

    /**
     * Converts back to an instant.
     *
     * @param nanos nanoseconds since the epoch
     * @return the instant
     */
    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
