package dev.melt.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a counterfactual twin promises, as numbers: a twin ({@link GenerationConfig#twin}) is the
 * same world as its original, with some incidents removed, and outside each removed incident's
 * <em>affected span</em> every record of the twin is byte-identical to the original's, with three
 * exceptions that docs/twins.md states precisely (cumulative counters carry a constant offset until
 * the host restarts; the hosts an outage restarted keep their memory until their next restart; the
 * first alert event of each rule and host after the span).
 *
 * <p>The affected span of an incident runs from {@link #MARGIN_BEFORE} before its first affected
 * window starts to {@link #MARGIN_AFTER} after its last one ends. The margins hold the requests in
 * flight across the windows' edges (a request's calls each end by the 10 s deadline, and a metric
 * sample counts the requests that entered in its 30 s interval) and, after an outage, the two
 * minutes its restarted hosts take to warm up.
 */
public final class Twins {

    /** How long before an incident's first affected window its affected span starts. */
    public static final Duration MARGIN_BEFORE = Duration.ofMinutes(1);
    /** How long after an incident's last affected window its affected span ends. */
    public static final Duration MARGIN_AFTER = Duration.ofMinutes(3);

    private Twins() {
    }

    /**
     * Returns where an incident's affected span starts.
     *
     * @param incident a removed incident
     * @return {@link #MARGIN_BEFORE} before its first affected window (inclusive)
     */
    public static Instant spanStart(Incident incident) {
        return incident.firstAffected().minus(MARGIN_BEFORE);
    }

    /**
     * Returns where an incident's affected span ends.
     *
     * @param incident a removed incident
     * @return {@link #MARGIN_AFTER} after its last affected window (exclusive)
     */
    public static Instant spanEnd(Incident incident) {
        return incident.lastAffected().plus(MARGIN_AFTER);
    }

    /**
     * Tells whether an instant lies in the affected span of any of the given incidents.
     *
     * @param incidents removed incidents
     * @param at an instant
     * @return {@code true} when a twin's record stamped {@code at} may differ from the original's
     */
    public static boolean inAffectedSpan(List<Incident> incidents, Instant at) {
        for (Incident incident : incidents) {
            if (!at.isBefore(spanStart(incident)) && at.isBefore(spanEnd(incident))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the incidents of an original that its twin goes without.
     *
     * @param original the original's ground truth
     * @param twin the twin's ground truth
     * @return the original's incidents whose ids the twin does not have, in the original's order
     * @throws IllegalArgumentException when the two do not span the same time, or the twin has an
     *     incident the original does not (then it is not this original's twin)
     */
    public static List<Incident> removed(GroundTruth original, GroundTruth twin) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(twin, "twin");
        if (!original.start().equals(twin.start()) || !original.end().equals(twin.end())) {
            throw new IllegalArgumentException("twin: spans " + twin.start() + " to " + twin.end()
                    + " is not accepted; expected the original's span, " + original.start() + " to " + original.end());
        }
        Set<String> kept = new HashSet<>();
        for (Incident incident : twin.incidents()) {
            if (!original.incidents().contains(incident)) {
                throw new IllegalArgumentException("twin: incident " + incident.id() + " is not accepted; expected"
                        + " only incidents of the original, as a twin removes incidents and adds none");
            }
            kept.add(incident.id());
        }
        List<Incident> removed = new ArrayList<>();
        for (Incident incident : original.incidents()) {
            if (!kept.contains(incident.id())) {
                removed.add(incident);
            }
        }
        return removed;
    }
}
