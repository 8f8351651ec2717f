package dev.melt.generator.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One detection as a report draws it: a point ({@code start == end}) or a range, optionally on a
 * service, with an optional score.
 *
 * @param start when the detection starts (inclusive)
 * @param end when it ends; equal to {@code start} for a point
 * @param service the service it names, or {@code null} for the whole fleet
 * @param score the detector's score, or {@code NaN} when it gave none
 */
public record ReportDetection(Instant start, Instant end, String service, double score) {

    /**
     * Checks the fields.
     *
     * @param start when the detection starts (inclusive)
     * @param end when it ends; equal to {@code start} for a point
     * @param service the service it names, or {@code null}
     * @param score the score, or {@code NaN}
     */
    public ReportDetection {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("detection ends (" + end + ") before it starts (" + start + ")");
        }
    }

    /**
     * Returns whether this detection overlaps {@code [from, to)} and names the service or none.
     *
     * @param from the window start (inclusive)
     * @param to the window end (exclusive)
     * @param onService the service of the window
     * @return whether they overlap
     */
    public boolean overlaps(Instant from, Instant to, String onService) {
        boolean time = start.isBefore(to) && !end.isBefore(from);
        return time && (service == null || service.equals(onService));
    }
}
