package dev.melt.samples;

import dev.melt.generator.SpanRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Flags outages and latency spikes from spans: per service and window, the share of failed
 * spans is compared with the service's usual share (binomial z-score), and the median span
 * duration with its usual value (z-score of its logarithm against an EWMA baseline). The median,
 * not the 95th percentile, because a quiet service has only a handful of spans per window and
 * the p95 of five spans is their maximum: one slow request would raise an alert.
 *
 * <pre>{@code
 * try (Stream<SpanRecord> spans = data.traces()) {
 *     List<Alert> alerts = new TraceWindowDetector().detect(spans);
 * }
 * }</pre>
 *
 * <p>Spans arrive in trace order, roughly by start time; a window is judged once spans of two
 * windows later have been seen, so memory stays at a few windows per service.
 */
public final class TraceWindowDetector {

    /** The indicator of error alerts: the share of failed spans. */
    public static final String ERROR_RATIO = "span_error_ratio";
    /** The indicator of latency alerts: the median span duration. */
    public static final String LATENCY_MEDIAN = "span_latency_median";

    private final Duration window;
    private final int warmUpWindows;
    private final double errorThreshold;
    private final int minErrors;
    private final double latencyThreshold;
    private final int minSpansForLatency;

    /**
     * Creates the tuned detector: two-minute windows, five of them learnt first; errors with z
     * above 5 and at least 5 failed spans; latency with z above 5 over at least 3 spans.
     */
    public TraceWindowDetector() {
        this(Duration.ofMinutes(2), 5, 5.0, 5, 5.0, 3);
    }

    /**
     * Creates a detector.
     *
     * @param window the length of a window, positive
     * @param warmUpWindows how many windows each service learns before judging
     * @param errorThreshold the binomial z-score above which the error share is anomalous
     * @param minErrors the fewest failed spans in a window with an anomalous error share
     * @param latencyThreshold the z-score (of the log median) above which latency is anomalous
     * @param minSpansForLatency the fewest spans in a window whose median is judged
     */
    public TraceWindowDetector(Duration window, int warmUpWindows, double errorThreshold, int minErrors, double latencyThreshold,
                               int minSpansForLatency) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window: " + window + " is not accepted; expected a positive duration");
        }
        if (warmUpWindows < 1) {
            throw new IllegalArgumentException("warmUpWindows: " + warmUpWindows
                    + " is not accepted; expected 1 or more");
        }
        this.window = window;
        this.warmUpWindows = warmUpWindows;
        this.errorThreshold = errorThreshold;
        this.minErrors = minErrors;
        this.latencyThreshold = latencyThreshold;
        this.minSpansForLatency = minSpansForLatency;
    }

    /**
     * Runs the detector over spans in file order.
     *
     * @param spans the spans; consumed, not closed
     * @return the alerts, one per episode, service and indicator
     */
    public List<Alert> detect(Stream<SpanRecord> spans) {
        long windowMillis = window.toMillis();
        Map<String, ServiceWindows> services = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        long[] newest = {Long.MIN_VALUE};
        spans.forEach(span -> {
            long w = Math.floorDiv(span.startTime().toEpochMilli(), windowMillis);
            services.computeIfAbsent(span.service(), ServiceWindows::new).add(w, span);
            if (w > newest[0]) {
                newest[0] = w;
                for (ServiceWindows s : services.values()) {
                    s.judgeBefore(w - 1, windowMillis, alerts);
                }
            }
        });
        for (ServiceWindows s : services.values()) {
            s.judgeBefore(Long.MAX_VALUE, windowMillis, alerts);
            s.close(windowMillis, alerts);
        }
        return alerts;
    }

    /** The spans of one service in one window. */
    private static final class WindowStats {
        long spans;
        long errors;
        long[] durations = new long[16];

        void add(SpanRecord span) {
            if (spans == durations.length) {
                durations = Arrays.copyOf(durations, durations.length * 2);
            }
            durations[(int) spans++] = span.durationMicros();
            if (span.isError()) {
                errors++;
            }
        }

        double median() {
            long[] sorted = Arrays.copyOf(durations, (int) spans);
            Arrays.sort(sorted);
            return sorted[(int) (spans - 1) / 2];
        }
    }

    private final class ServiceWindows {
        final TreeMap<Long, WindowStats> open = new TreeMap<>();
        final ErrorRatioBaseline errorBaseline = new ErrorRatioBaseline(0.1, warmUpWindows, 0.005);
        final EwmaBaseline latencyBaseline = new EwmaBaseline(0.1, warmUpWindows, 0.15);
        final AlertEpisode errorEpisode;
        final AlertEpisode latencyEpisode;
        long lastJudged = Long.MIN_VALUE;

        ServiceWindows(String service) {
            errorEpisode = new AlertEpisode(service, null, ERROR_RATIO, 1);
            latencyEpisode = new AlertEpisode(service, null, LATENCY_MEDIAN, 1);
        }

        void add(long w, SpanRecord span) {
            // a span of an already judged window is too late to change its verdict: count it in the next one
            open.computeIfAbsent(Math.max(w, lastJudged + 1), k -> new WindowStats()).add(span);
        }

        void judgeBefore(long limit, long windowMillis, List<Alert> alerts) {
            while (!open.isEmpty() && open.firstKey() < limit) {
                Map.Entry<Long, WindowStats> first = open.pollFirstEntry();
                judge(first.getKey(), first.getValue(), windowMillis, alerts);
            }
        }

        void judge(long w, WindowStats stats, long windowMillis, List<Alert> alerts) {
            Instant start = Instant.ofEpochMilli(w * windowMillis);
            if (lastJudged != Long.MIN_VALUE && w > lastJudged + 1) {
                // a window without spans tells nothing about errors or latency: it ends an episode
                Instant gap = Instant.ofEpochMilli((lastJudged + 1) * windowMillis);
                errorEpisode.normal(gap, alerts);
                latencyEpisode.normal(gap, alerts);
            }
            lastJudged = w;
            double errorZ = errorBaseline.zScore(stats.errors, stats.spans);
            if (stats.errors >= minErrors && errorZ > errorThreshold) {
                errorEpisode.anomalous(start, errorZ);
            } else {
                errorEpisode.normal(start, alerts);
                errorBaseline.update(stats.errors, stats.spans);
            }
            if (stats.spans >= minSpansForLatency) {
                double logMedian = Math.log(Math.max(1, stats.median()));
                latencyEpisode.judge(start, logMedian, latencyBaseline, latencyThreshold, alerts);
            }
        }

        void close(long windowMillis, List<Alert> alerts) {
            Instant end = Instant.ofEpochMilli((lastJudged + 1) * windowMillis);
            errorEpisode.close(end, alerts);
            latencyEpisode.close(end, alerts);
        }
    }
}
