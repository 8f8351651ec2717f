package dev.melt.generator.internal.model;

import java.time.Instant;

/**
 * How busy the fleet is at an instant, as a multiplier of the mean request rate: a daily cycle
 * (quiet around 03:00 UTC, a peak around 14:00 and a smaller evening shoulder) and quieter
 * weekends (70% of a weekday), blended over two hours around midnight so that no step shows.
 * Over a weekday the multiplier averages 1.
 *
 * <p>The daily peak is one of the benign look-alikes: a detector that flags it is wrong. With
 * benign patterns off the curve is flat at 1.
 */
public final class TrafficCurve {

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** 1970-01-01 was a Thursday: day 0 is weekday index 3 (Monday = 0). */
    private static final int EPOCH_WEEKDAY = 3;
    private static final double WEEKEND = 0.7;

    private final boolean flat;

    private TrafficCurve(boolean flat) {
        this.flat = flat;
    }

    /**
     * Returns the curve with a daily and a weekly cycle.
     *
     * @return the realistic curve
     */
    public static TrafficCurve daily() {
        return new TrafficCurve(false);
    }

    /**
     * Returns the curve of a spec: the daily and weekly cycle when benign look-alikes are on (the
     * daily peak is one of them), flat otherwise.
     *
     * @param benignPatterns whether the spec has benign look-alikes
     * @return the curve
     */
    public static TrafficCurve of(boolean benignPatterns) {
        return benignPatterns ? daily() : flat();
    }

    /**
     * Returns a flat curve (always 1), used when benign look-alikes are off.
     *
     * @return the flat curve
     */
    public static TrafficCurve flat() {
        return new TrafficCurve(true);
    }

    /**
     * Returns the multiplier at an instant.
     *
     * @param epochMillis the instant
     * @return the multiplier of the mean request rate, between about 0.3 and 1.35
     */
    public double at(long epochMillis) {
        if (flat) {
            return 1.0;
        }
        long day = Math.floorDiv(epochMillis, DAY);
        long inDay = epochMillis - day * DAY;
        double hour = inDay / (double) HOUR;
        double shape = 1 + 0.45 * Math.cos(2 * Math.PI * (hour - 14) / 24) + 0.12 * Math.cos(4 * Math.PI * (hour - 20) / 24);
        double factor = dayFactor(day);
        // Blend the day factors over the hour either side of midnight.
        if (inDay < HOUR) {
            factor = blend(dayFactor(day - 1), factor, 0.5 + inDay / (2.0 * HOUR));
        } else if (inDay > DAY - HOUR) {
            factor = blend(factor, dayFactor(day + 1), (inDay - (DAY - HOUR)) / (2.0 * HOUR));
        }
        return shape * factor;
    }

    private static double blend(double from, double to, double x) {
        double s = x * x * (3 - 2 * x);
        return from + (to - from) * s;
    }

    private static double dayFactor(long day) {
        int weekday = (int) Math.floorMod(day + EPOCH_WEEKDAY, 7);
        return weekday >= 5 ? WEEKEND : 1.0;
    }

    /**
     * Returns the mean multiplier over a span of time, for sizing traffic to a byte budget.
     *
     * @param start the first instant
     * @param end the end (exclusive)
     * @return the average of {@link #at} over the span, sampled once a minute
     */
    public double mean(Instant start, Instant end) {
        long from = start.toEpochMilli();
        long to = end.toEpochMilli();
        if (flat || to <= from) {
            return 1.0;
        }
        double sum = 0;
        long n = 0;
        for (long t = from; t < to; t += 60_000) {
            sum += at(t);
            n++;
        }
        return sum / n;
    }
}
