package dev.melt.generator.internal.model;

import dev.melt.generator.internal.plan.RandomStreams;

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

    /** Relative standard deviation of one day's volume around its weekday's. */
    private static final double DAY_DRIFT = 0.08;
    /** Standard deviation of one day's peak hour around 14:00, in hours. */
    private static final double PEAK_DRIFT_HOURS = 0.75;

    private final boolean flat;
    /** Key of the day-to-day drift, or 0 for none. */
    private final long driftKey;

    private TrafficCurve(boolean flat, long driftKey) {
        this.flat = flat;
        this.driftKey = driftKey;
    }

    /**
     * Returns the curve with a daily and a weekly cycle.
     *
     * @return the realistic curve
     */
    public static TrafficCurve daily() {
        return new TrafficCurve(false, 0);
    }

    /**
     * Returns the curve of a spec with day-to-day drift: each day's volume varies by about ±8%
     * and its peak by about ±45 minutes, drawn from the seed, so no two days have the same shape.
     *
     * @param benignPatterns whether the spec has benign look-alikes; flat when not
     * @param seed the dataset seed
     * @return the curve
     */
    public static TrafficCurve of(boolean benignPatterns, long seed) {
        return benignPatterns ? new TrafficCurve(false, RandomStreams.key(seed, "traffic-day")) : flat();
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
        return new TrafficCurve(true, 0);
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
        double factor = dayFactor(day);
        double shift = peakShift(day);
        // Blend the day factors and peak shifts over the hour either side of midnight.
        if (inDay < HOUR) {
            double x = 0.5 + inDay / (2.0 * HOUR);
            factor = blend(dayFactor(day - 1), factor, x);
            shift = blend(peakShift(day - 1), shift, x);
        } else if (inDay > DAY - HOUR) {
            double x = (inDay - (DAY - HOUR)) / (2.0 * HOUR);
            factor = blend(factor, dayFactor(day + 1), x);
            shift = blend(shift, peakShift(day + 1), x);
        }
        double shape = 1 + 0.45 * Math.cos(2 * Math.PI * (hour - 14 - shift) / 24)
                + 0.12 * Math.cos(4 * Math.PI * (hour - 20 - shift) / 24);
        return shape * factor;
    }

    private static double blend(double from, double to, double x) {
        double s = x * x * (3 - 2 * x);
        return from + (to - from) * s;
    }

    private double dayFactor(long day) {
        int weekday = (int) Math.floorMod(day + EPOCH_WEEKDAY, 7);
        double drift = driftKey == 0 ? 1 : 1 + DAY_DRIFT * RandomStreams.gaussian(driftKey, day);
        return (weekday >= 5 ? WEEKEND : 1.0) * drift;
    }

    private double peakShift(long day) {
        return driftKey == 0 ? 0 : PEAK_DRIFT_HOURS * RandomStreams.gaussian(driftKey, -1 - day);
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
