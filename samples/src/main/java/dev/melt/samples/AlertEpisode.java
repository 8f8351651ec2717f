package dev.melt.samples;

import java.time.Instant;
import java.util.List;

/**
 * Turns a series of anomalous / normal verdicts about one indicator into alerts: consecutive
 * anomalous verdicts form one episode, raised as one {@link Alert} when it lasted long enough.
 * Requiring a few consecutive verdicts is the usual way to trade a little delay for far fewer
 * false alarms on noisy series.
 *
 * <p>Not thread-safe: one instance per series.
 */
public final class AlertEpisode {

    private final String service;
    private final String host;
    private final String indicator;
    private final int minConsecutive;
    private Instant start;
    private int length;
    private double worstScore;

    /**
     * Creates the episode tracker of one series.
     *
     * @param service the service the series is about
     * @param host the host, or {@code null} for a service-wide series
     * @param indicator the indicator's name
     * @param minConsecutive how many consecutive anomalous verdicts raise an alert, 1 or more
     */
    public AlertEpisode(String service, String host, String indicator, int minConsecutive) {
        if (minConsecutive < 1) {
            throw new IllegalArgumentException("minConsecutive: " + minConsecutive + " is not accepted; expected 1 or more");
        }
        this.service = service;
        this.host = host;
        this.indicator = indicator;
        this.minConsecutive = minConsecutive;
    }

    /**
     * Records an anomalous verdict.
     *
     * @param at the instant of the judged sample or window
     * @param score its z-score
     */
    public void anomalous(Instant at, double score) {
        if (length == 0) {
            start = at;
            worstScore = score;
        }
        worstScore = Math.max(worstScore, score);
        length++;
    }

    /**
     * Records a normal verdict, closing a running episode.
     *
     * @param at the instant of the judged sample or window: the end of the episode
     * @param out receives the alert when the episode was long enough
     */
    public void normal(Instant at, List<Alert> out) {
        close(at, out);
    }

    /**
     * Judges a value against an EWMA baseline: above {@code threshold} standard deviations it is
     * anomalous and updates the baseline clipped to one standard deviation, so that an incident
     * does not become the new normal; otherwise it is normal and updates the baseline.
     *
     * @param at the instant of the judged sample or window
     * @param value the value
     * @param baseline the baseline of the series
     * @param threshold the z-score above which the value is anomalous
     * @param out receives the alert when a long enough episode ends
     */
    public void judge(Instant at, double value, EwmaBaseline baseline, double threshold, List<Alert> out) {
        double z = baseline.zScore(value);
        if (z > threshold) {
            anomalous(at, z);
            baseline.updateClipped(value, 1.0);
        } else {
            normal(at, out);
            baseline.update(value);
        }
    }

    /**
     * Closes a running episode at the end of the data.
     *
     * @param end the end of the last judged sample or window
     * @param out receives the alert when the episode was long enough
     */
    public void close(Instant end, List<Alert> out) {
        if (length >= minConsecutive) {
            out.add(new Alert(start, end.isBefore(start) ? start : end, service, host, indicator, worstScore));
        }
        length = 0;
    }
}
