package dev.melt.generator.internal.signals;

import java.util.Arrays;

/**
 * What every host served in one metric interval: how many requests, how many failed (5xx), and
 * a log-linear histogram of their durations from which the latency quantiles are read. Filled by
 * {@link RequestsGenerator} request by request, read by {@link MetricsGenerator}, then cleared.
 *
 * <p>Bins are 16 per power of two (each 4.4% wide; hand-written rather than HdrHistogram since
 * a bin is two shifts of the double's bits and the set is cleared 2,880 times a simulated day);
 * a quantile is interpolated linearly inside its bin, as Prometheus' {@code histogram_quantile}
 * does, so it is within about 6% of the exact quantile of the interval's requests.
 */
final class RequestStats {

    /** Sub-bins per power of two: the top four bits of the mantissa. */
    private static final int SUB_BITS = 4;
    private static final int BINS = 32 << SUB_BITS;
    private static final long BIAS = 1023L << SUB_BITS;

    /**
     * The upper bounds of the exported histogram's buckets, in ms: OpenTelemetry's default
     * boundaries of {@code http.server.duration} (semantic conventions 1.20) without 0, plus 150
     * and 350, where the tails of the entry services lie (between 100 and 250 and between 250 and
     * 500 a quantile interpolated in the bucket was up to 19% off the spans'); a last bucket,
     * {@code +Inf}, holds the rest.
     */
    static final double[] BUCKET_BOUNDS_MS = {5, 10, 25, 50, 75, 100, 150, 250, 350, 500, 750, 1000, 2500, 5000, 7500,
        10000};
    private static final long[] BUCKET_BOUNDS_MICROS = java.util.Arrays.stream(BUCKET_BOUNDS_MS)
            .mapToLong(ms -> (long) (ms * 1000)).toArray();

    /**
     * Per fine bin: the bucket holding all of it, or {@code -1 - k} when bucket bound {@code k}
     * lies inside it (durations up to the bound are in bucket k, above it in k + 1).
     */
    private static final int[] BUCKET_OF_BIN = new int[BINS];

    static {
        for (int b = 0; b < BINS; b++) {
            double lo = b == 0 ? 0 : lowerBound(b);
            double hi = b == BINS - 1 ? Double.MAX_VALUE : lowerBound(b + 1);
            int k = 0;
            while (k < BUCKET_BOUNDS_MICROS.length && BUCKET_BOUNDS_MICROS[k] < lo) {
                k++;
            }
            // Bins hold whole microseconds from lo (inclusive) to hi (exclusive).
            BUCKET_OF_BIN[b] = k < BUCKET_BOUNDS_MICROS.length && BUCKET_BOUNDS_MICROS[k] < hi - 1 ? -1 - k : k;
        }
    }

    /**
     * Per host, side by side, so that counting a request touches one array: its count, its
     * errors, the lowest and highest bin in use (to clear and scan only those), the buckets (the
     * requests whose duration is at most each bucket's bound, not cumulative), then the bins.
     */
    private final int[] data;
    private static final int COUNT = 0;
    private static final int ERRORS = 1;
    private static final int LOW = 2;
    private static final int HIGH = 3;
    private static final int BUCKETS = 4;
    private static final int BIN0 = BUCKETS + BUCKET_BOUNDS_MS.length + 1;
    private static final int STRIDE = BIN0 + BINS;
    private final int hosts;
    /** Per host: the sum of the durations, in microseconds. */
    private final long[] sumMicros;

    RequestStats(int hosts) {
        this.hosts = hosts;
        data = new int[hosts * STRIDE];
        sumMicros = new long[hosts];
        for (int host = 0; host < hosts; host++) {
            data[host * STRIDE + LOW] = BINS;
            data[host * STRIDE + HIGH] = -1;
        }
    }

    /** @return whether this set was made for that many hosts */
    boolean isFor(int hosts) {
        return this.hosts == hosts;
    }

    /**
     * Counts one request a host served.
     *
     * @param host the host
     * @param durationMicros its server span's duration
     * @param error whether it failed with a server error
     */
    void add(int host, long durationMicros, boolean error) {
        int[] d = data;
        int o = host * STRIDE;
        d[o + COUNT]++;
        if (error) {
            d[o + ERRORS]++;
        }
        sumMicros[host] += durationMicros;
        int b = bin(durationMicros);
        // The bucket of most fine bins is known; a bin a bucket bound cuts through is decided exactly.
        int k = BUCKET_OF_BIN[b];
        if (k < 0) {
            k = -1 - k;
            if (durationMicros > BUCKET_BOUNDS_MICROS[k]) {
                k++;
            }
        }
        d[o + BUCKETS + k]++;
        d[o + BIN0 + b]++;
        if (b < d[o + LOW]) {
            d[o + LOW] = b;
        }
        if (b > d[o + HIGH]) {
            d[o + HIGH] = b;
        }
    }

    static int bin(long micros) {
        long bits = Double.doubleToRawLongBits(Math.max(1.0, (double) micros));
        return (int) Math.min(BINS - 1, (bits >>> (52 - SUB_BITS)) - BIAS);
    }

    /** The lower bound of a bin, in microseconds. */
    static double lowerBound(int bin) {
        return Double.longBitsToDouble((bin + BIAS) << (52 - SUB_BITS));
    }

    /** @return the requests the host served */
    int count(int host) {
        return data[host * STRIDE + COUNT];
    }

    /** @return the sum of the durations of the host's requests, in microseconds */
    long sumMicros(int host) {
        return sumMicros[host];
    }

    /**
     * Returns how many of the host's requests took at most a bucket's bound and more than the
     * bound before (the last bucket: more than the last bound).
     *
     * @param host the host
     * @param bucket 0 to {@code BUCKET_BOUNDS_MS.length}
     * @return the count
     */
    int bucket(int host, int bucket) {
        return data[host * STRIDE + BUCKETS + bucket];
    }

    /** @return the requests of the host that failed with a server error */
    int errors(int host) {
        return data[host * STRIDE + ERRORS];
    }

    /**
     * Returns a latency quantile of the host's requests.
     *
     * @param host the host, with at least one request
     * @param q the quantile, in (0, 1)
     * @return the duration in milliseconds
     */
    double quantileMillis(int host, double q) {
        int o = host * STRIDE;
        int high = data[o + HIGH];
        double rank = q * data[o + COUNT];
        long seen = 0;
        for (int b = data[o + LOW]; b <= high; b++) {
            int k = data[o + BIN0 + b];
            if (k > 0 && seen + k >= rank) {
                double f = (rank - seen) / k;
                double lo = lowerBound(b);
                return (lo + f * (lowerBound(b + 1) - lo)) / 1000.0;
            }
            seen += k;
        }
        return lowerBound(high + 1) / 1000.0;
    }

    /** Empties every host's counts for the next interval. */
    void clear() {
        for (int host = 0; host < hosts; host++) {
            int o = host * STRIDE;
            if (data[o + HIGH] >= 0) {
                Arrays.fill(data, o + BIN0 + data[o + LOW], o + BIN0 + data[o + HIGH] + 1, 0);
            }
            Arrays.fill(data, o, o + BIN0, 0);
            data[o + LOW] = BINS;
            data[o + HIGH] = -1;
            sumMicros[host] = 0;
        }
    }
}
