package dev.melt.samples;

import dev.melt.generator.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Flags error bursts in logs: per service and minute, the share of {@code ERROR} lines is
 * compared with the service's usual share (a binomial z-score, see {@link ErrorRatioBaseline});
 * a minute with at least a few errors and a z-score above the threshold is anomalous.
 *
 * <pre>{@code
 * try (Stream<LogRecord> logs = data.logs()) {
 *     List<Alert> alerts = new LogErrorBurstDetector().detect(logs);
 * }
 * }</pre>
 *
 * <p>Memory is one open minute per service: logs are read in time order and each minute is
 * judged as soon as the service's next minute starts.
 */
public final class LogErrorBurstDetector {

    /** The indicator of the alerts: the share of ERROR lines. */
    public static final String INDICATOR = "log_error_ratio";

    private final Duration window;
    private final double threshold;
    private final int minErrors;
    private final int minConsecutive;

    /** Creates the tuned detector: one-minute windows, z above 5, at least 5 errors, one window. */
    public LogErrorBurstDetector() {
        this(Duration.ofMinutes(1), 5.0, 5, 1);
    }

    /**
     * Creates a detector.
     *
     * @param window the length of a window, positive
     * @param threshold the z-score above which a window is anomalous
     * @param minErrors the fewest ERROR lines in an anomalous window
     * @param minConsecutive how many consecutive anomalous windows raise an alert
     */
    public LogErrorBurstDetector(Duration window, double threshold, int minErrors, int minConsecutive) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window: " + window + " is not accepted; expected a positive duration");
        }
        if (minConsecutive < 1) {
            throw new IllegalArgumentException("minConsecutive: " + minConsecutive
                    + " is not accepted; expected 1 or more");
        }
        this.window = window;
        this.threshold = threshold;
        this.minErrors = minErrors;
        this.minConsecutive = minConsecutive;
    }

    /**
     * Runs the detector over log lines in time order (the order of {@code logs.jsonl}).
     *
     * @param logs the log lines; consumed, not closed
     * @return the alerts, one per episode and service
     */
    public List<Alert> detect(Stream<LogRecord> logs) {
        long windowMillis = window.toMillis();
        Map<String, ServiceWindows> services = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        logs.forEach(log -> services.computeIfAbsent(log.service(), ServiceWindows::new)
                .accept(Math.floorDiv(log.timestamp().toEpochMilli(), windowMillis), "ERROR".equals(log.level()),
                        windowMillis, alerts));
        for (ServiceWindows s : services.values()) {
            s.finish(windowMillis, alerts);
        }
        return alerts;
    }

    private final class ServiceWindows {
        final ErrorRatioBaseline baseline = new ErrorRatioBaseline(0.05, 10, 0.005);
        final AlertEpisode episode;
        long current = Long.MIN_VALUE;
        long errors;
        long lines;

        ServiceWindows(String service) {
            this.episode = new AlertEpisode(service, null, INDICATOR, minConsecutive);
        }

        void accept(long windowIndex, boolean error, long windowMillis, List<Alert> alerts) {
            if (windowIndex > current) {
                if (current != Long.MIN_VALUE) {
                    judge(windowMillis, alerts);
                    // minutes in which the service logged nothing are judged as empty windows
                    for (long gap = current + 1; gap < windowIndex; gap++) {
                        current = gap;
                        judge(windowMillis, alerts);
                    }
                }
                current = windowIndex;
            }
            // a line older than the open window (out of order) counts in the open window
            lines++;
            if (error) {
                errors++;
            }
        }

        void judge(long windowMillis, List<Alert> alerts) {
            Instant start = Instant.ofEpochMilli(current * windowMillis);
            double z = baseline.zScore(errors, lines);
            if (errors >= minErrors && z > threshold) {
                episode.anomalous(start, z);
            } else {
                episode.normal(start, alerts);
                baseline.update(errors, lines);
            }
            errors = 0;
            lines = 0;
        }

        void finish(long windowMillis, List<Alert> alerts) {
            judge(windowMillis, alerts);
            episode.close(Instant.ofEpochMilli((current + 1) * windowMillis), alerts);
        }
    }
}
