package dev.melt.samples;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sample detector raises: a window in which a service (and possibly one of its hosts)
 * looks wrong on one indicator. The detectors know nothing of melt-assertions, as a production
 * detector would not; the tests turn alerts into {@code Detection}s to score them.
 *
 * @param start the first instant that looked wrong (inclusive)
 * @param end the instant the indicator was back to normal (exclusive), at least {@code start}
 * @param service the service the alert blames
 * @param host the host the alert blames, or {@code null} when it concerns the whole service
 * @param indicator what looked wrong, for example {@code cpu_usage} or {@code error_ratio}
 * @param score how far from its baseline the indicator went at worst (a z-score)
 */
public record Alert(Instant start, Instant end, String service, String host, String indicator, double score) {

    /**
     * Creates an alert.
     *
     * @param start the start (inclusive)
     * @param end the end (exclusive), not before {@code start}
     * @param service the blamed service
     * @param host the blamed host, or {@code null}
     * @param indicator what looked wrong
     * @param score the worst z-score
     */
    public Alert {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(indicator, "indicator");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("alert end: " + end + " is not accepted; expected an instant at or after start "
                    + start);
        }
    }
}
