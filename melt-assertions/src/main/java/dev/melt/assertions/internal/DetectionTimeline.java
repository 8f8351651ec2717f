package dev.melt.assertions.internal;

import dev.melt.assertions.Detection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Detections sorted by start (then end), with their bounds as epoch nanos in primitive arrays,
 * which is what every sweep of the scoring reads.
 *
 * <p>Sorting a million objects with a comparator is the slow part of scoring, so the order is
 * found on primitives: input already in time order (what detectors usually emit) is detected in
 * one pass; otherwise each start, in milliseconds from the earliest, is packed with its index into
 * one {@code long} and the longs are sorted, then the few detections that share a millisecond are
 * put in exact order.
 */
public final class DetectionTimeline {

    private final Detection[] detections;
    private final long[] starts;
    private final long[] ends;
    private final int[] services;
    private final int[] hosts;

    private DetectionTimeline(Detection[] detections, long[] starts, long[] ends, int[] services, int[] hosts) {
        this.detections = detections;
        this.starts = starts;
        this.ends = ends;
        this.services = services;
        this.hosts = hosts;
    }

    /**
     * Sorts detections, turning the services and hosts they blame into numbers on the way.
     * Everything is read from the detections in one pass in the caller's order, which is the
     * order they lie in memory: the sweeps then touch primitive arrays only.
     *
     * @param input the detections, in any order, none null
     * @param serviceIds numbers a blamed service, or {@code null} for none
     * @param hostIds numbers a blamed host, or {@code null} for none
     * @return the timeline
     */
    public static DetectionTimeline of(Collection<Detection> input, ToIntFunction<String> serviceIds,
                                       ToIntFunction<String> hostIds) {
        Detection[] given = input.toArray(Detection[]::new);
        int n = given.length;
        long[] start = new long[n];
        long[] end = new long[n];
        int[] service = new int[n];
        int[] host = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            Detection detection = Objects.requireNonNull(given[i], "detections must not contain null");
            start[i] = detection.startEpochNanos();
            end[i] = detection.endEpochNanos();
            service[i] = serviceIds.applyAsInt(detection.service());
            host[i] = hostIds.applyAsInt(detection.host());
            sorted &= i == 0 || before(start[i - 1], end[i - 1], start[i], end[i]) <= 0;
        }
        if (sorted) {
            return new DetectionTimeline(given, start, end, service, host);
        }
        int[] order = order(start, end);
        Detection[] sortedDetections = new Detection[n];
        long[] sortedStart = new long[n];
        long[] sortedEnd = new long[n];
        int[] sortedService = new int[n];
        int[] sortedHost = new int[n];
        for (int i = 0; i < n; i++) {
            int from = order[i];
            sortedDetections[i] = given[from];
            sortedStart[i] = start[from];
            sortedEnd[i] = end[from];
            sortedService[i] = service[from];
            sortedHost[i] = host[from];
        }
        return new DetectionTimeline(sortedDetections, sortedStart, sortedEnd, sortedService, sortedHost);
    }

    private static int[] order(long[] start, long[] end) {
        int n = start.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : start) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        // in milliseconds first: nanos from 1677 to 2262 overflow a long when subtracted
        long minMillis = Math.floorDiv(min, 1_000_000L);
        long spanMillis = Math.floorDiv(max, 1_000_000L) - minMillis;
        int timeBits = 64 - Long.numberOfLeadingZeros(Math.max(1, spanMillis));
        int[] order = new int[n];
        if (indexBits + timeBits > 62) {
            // a span too wide to pack (centuries): one comparator sort
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            sortExactly(order, 0, n, start, end);
            return order;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (Math.floorDiv(start[i], 1_000_000L) - minMillis) << indexBits | i;
        }
        Arrays.sort(keys);
        long mask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        // detections that share a millisecond are in input order: put them in exact order
        int from = 0;
        while (from < n) {
            int to = from + 1;
            long millis = Math.floorDiv(start[order[from]], 1_000_000L);
            while (to < n && Math.floorDiv(start[order[to]], 1_000_000L) == millis) {
                to++;
            }
            if (to - from > 1) {
                sortExactly(order, from, to, start, end);
            }
            from = to;
        }
        return order;
    }

    private static void sortExactly(int[] order, int from, int to, long[] start, long[] end) {
        Integer[] group = new Integer[to - from];
        for (int i = from; i < to; i++) {
            group[i - from] = order[i];
        }
        Arrays.sort(group, (x, y) -> before(start[x], end[x], start[y], end[y]));
        for (int i = from; i < to; i++) {
            order[i] = group[i - from];
        }
    }

    private static int before(long startA, long endA, long startB, long endB) {
        int byStart = Long.compare(startA, startB);
        return byStart != 0 ? byStart : Long.compare(endA, endB);
    }

    /** @return the number of detections */
    public int size() {
        return detections.length;
    }

    /**
     * @param i a position in the timeline
     * @return the detection there
     */
    public Detection detection(int i) {
        return detections[i];
    }

    /** @return the detections in timeline order; do not modify */
    public Detection[] detections() {
        return detections;
    }

    /** @return the starts in epoch nanos, ascending; do not modify */
    public long[] starts() {
        return starts;
    }

    /** @return the ends in epoch nanos; do not modify */
    public long[] ends() {
        return ends;
    }

    /** @return the numbers of the blamed services; do not modify */
    public int[] services() {
        return services;
    }

    /** @return the numbers of the blamed hosts; do not modify */
    public int[] hosts() {
        return hosts;
    }
}
