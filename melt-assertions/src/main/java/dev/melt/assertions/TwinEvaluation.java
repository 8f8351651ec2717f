package dev.melt.assertions;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.Twins;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A detector scored on a dataset and its counterfactual twin (the same world without some of its
 * incidents, {@code GenerationConfig.twin}): which of its alarms the incidents caused, and which it
 * raises on the baseline anyway.
 *
 * <p><b>The rule.</b> The detector is run on both datasets. An alarm of the original is a
 * <em>baseline alarm</em> when the twin's alarms hold an equal one (same window, service, host,
 * signal, metric, score and type: {@link Detection#equals}), each of the twin's alarms pairing with
 * one of the original's at most; the twin saw the same records there, so the incidents did not
 * cause it. Every other alarm of the original is an <em>incident alarm</em>: it exists because of
 * the removed incidents. An incident alarm lies <em>near</em> a removed incident when its window
 * meets the incident's affected span ({@link Twins}: its affected windows, widened by the margins
 * within which the twin may differ) widened on both sides by the scoring tolerance; one that lies
 * near no removed incident is <em>stray</em>: the incident moved the detector's state (a baseline it
 * learnt, a threshold it adapted) and the detector paid for it far from the incident. The twin's
 * alarms that the original does not have are <em>suppressed</em>: the incident hid or moved them.
 *
 * <pre>{@code
 * TwinEvaluation pair = TwinEvaluation.of(detector.detect(data), detector.detect(twin), data, twin,
 *         ScoringOptions.defaults().withTolerance(Duration.ofMinutes(1)));
 * pair.baselineAlarms();   // false alarms the detector raises with or without the incident
 * pair.incidentAlarms();   // the alarms the incidents caused
 * assertThat(pair).everyIncidentAlarmLiesNearItsIncident().detectsEveryRemovedIncident();
 * }</pre>
 *
 * <p>Only detectors that are pure functions of the records they read give meaningful pairs: the
 * same records in, the same alarms out.
 */
public final class TwinEvaluation {

    private final GroundTruth original;
    private final List<Incident> removed;
    private final Duration tolerance;
    private final List<Detection> baseline;
    private final List<Detection> incident;
    private final List<Detection> suppressed;
    private final Map<Incident, List<Detection>> byIncident;
    private final List<Detection> stray;

    private TwinEvaluation(Collection<Detection> onOriginal, Collection<Detection> onTwin, GroundTruth original,
                           GroundTruth twin, ScoringOptions options) {
        Objects.requireNonNull(onOriginal, "onOriginal");
        Objects.requireNonNull(onTwin, "onTwin");
        Objects.requireNonNull(options, "options");
        this.original = original;
        this.removed = List.copyOf(Twins.removed(original, twin));
        if (removed.isEmpty()) {
            throw new IllegalArgumentException("twin: removes no incident of the original; expected the twin of the"
                    + " original's dataset without one or more of its " + original.incidents().size() + " incidents");
        }
        this.tolerance = options.tolerance();
        Map<Detection, Integer> left = new HashMap<>();
        for (Detection d : onTwin) {
            left.merge(Objects.requireNonNull(d, "a detection on the twin"), 1, Integer::sum);
        }
        List<Detection> inBoth = new ArrayList<>();
        List<Detection> only = new ArrayList<>();
        for (Detection d : onOriginal) {
            Integer n = left.get(Objects.requireNonNull(d, "a detection on the original"));
            if (n != null && n > 0) {
                left.put(d, n - 1);
                inBoth.add(d);
            } else {
                only.add(d);
            }
        }
        List<Detection> twinOnly = new ArrayList<>();
        for (Detection d : onTwin) {
            Integer n = left.get(d);
            if (n != null && n > 0) {
                left.put(d, n - 1);
                twinOnly.add(d);
            }
        }
        Map<Incident, List<Detection>> near = new LinkedHashMap<>();
        removed.forEach(i -> near.put(i, new ArrayList<>()));
        List<Detection> far = new ArrayList<>();
        for (Detection d : only) {
            Incident nearest = nearest(d);
            if (nearest == null) {
                far.add(d);
            } else {
                near.get(nearest).add(d);
            }
        }
        near.replaceAll((k, v) -> List.copyOf(v));
        this.baseline = List.copyOf(inBoth);
        this.incident = List.copyOf(only);
        this.suppressed = List.copyOf(twinOnly);
        this.byIncident = Collections.unmodifiableMap(near);
        this.stray = List.copyOf(far);
    }

    /**
     * Scores a detector's alarms on a dataset and on its twin.
     *
     * @param onOriginal the detector's alarms on the original dataset
     * @param onTwin its alarms on the twin
     * @param original the original's ground truth
     * @param twin the twin's ground truth: the original's without the removed incidents
     * @param options the scoring options; their tolerance widens each removed incident's span
     * @return the evaluation
     * @throws IllegalArgumentException when {@code twin} is not a twin of {@code original} (another
     *     time span, an incident the original does not have) or removes no incident
     */
    public static TwinEvaluation of(Collection<Detection> onOriginal, Collection<Detection> onTwin,
                                    GroundTruth original, GroundTruth twin, ScoringOptions options) {
        return new TwinEvaluation(onOriginal, onTwin, Objects.requireNonNull(original, "original"),
                Objects.requireNonNull(twin, "twin"), options);
    }

    /**
     * Scores a detector's alarms on a dataset and on its twin, as
     * {@link #of(Collection, Collection, GroundTruth, GroundTruth, ScoringOptions)} does, with the
     * datasets' ground truths.
     *
     * @param onOriginal the detector's alarms on {@code original}
     * @param onTwin its alarms on {@code twin}
     * @param original the original dataset
     * @param twin its twin
     * @param options the scoring options
     * @return the evaluation
     * @throws IllegalArgumentException when {@code twin} is not a twin of {@code original}: its
     *     manifest's spec is not a twin's, or not of the original's spec and seed
     */
    public static TwinEvaluation of(Collection<Detection> onOriginal, Collection<Detection> onTwin, MeltData original,
                                    MeltData twin, ScoringOptions options) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(twin, "twin");
        GenerationConfig o = original.manifest().spec();
        GenerationConfig t = twin.manifest().spec();
        // The formats a dataset is written in change no byte of it; everything else must agree.
        if (!t.isTwin() || !t.original().toBuilder().formats(o.formats()).build().equals(o.original())) {
            throw new IllegalArgumentException("twin: " + twin.directory() + " is not accepted; expected the twin of "
                    + original.directory() + " (generate --twin-of), whose spec and seed are its original's");
        }
        return of(onOriginal, onTwin, original.groundTruth(), twin.groundTruth(), options);
    }

    /**
     * The removed incident the detection is given to: among those whose span, widened by the
     * tolerance, it meets, the one whose affected windows it lies nearest (the first on a tie); null
     * when it meets none.
     */
    private Incident nearest(Detection d) {
        Incident best = null;
        long bestGap = Long.MAX_VALUE;
        for (Incident i : removed) {
            if (gapNanos(d, Twins.spanStart(i), Twins.spanEnd(i)) > tolerance.toNanos()) {
                continue;
            }
            long gap = gapNanos(d, i.firstAffected(), i.lastAffected());
            if (gap < bestGap) {
                best = i;
                bestGap = gap;
            }
        }
        return best;
    }

    /** How far a detection lies from {@code [start, end)}, in nanoseconds; 0 when they meet. */
    private static long gapNanos(Detection d, Instant start, Instant end) {
        long from = nanos(start);
        long to = nanos(end);
        if (d.endEpochNanos() < from) {
            return from - d.endEpochNanos();
        }
        return d.startEpochNanos() > to ? d.startEpochNanos() - to : 0;
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    /**
     * Returns how far a detection lies from the nearest removed incident's affected span.
     *
     * @param detection an alarm
     * @return zero when it meets a span, else the gap to the nearest one
     */
    public Duration distanceToNearestIncident(Detection detection) {
        long best = Long.MAX_VALUE;
        for (Incident i : removed) {
            best = Math.min(best, gapNanos(detection, Twins.spanStart(i), Twins.spanEnd(i)));
        }
        return Duration.ofNanos(best);
    }

    /** @return the original's ground truth */
    public GroundTruth groundTruth() {
        return original;
    }

    /** @return the incidents the twin goes without, in ground-truth order */
    public List<Incident> removedIncidents() {
        return removed;
    }

    /** @return the tolerance that widens each removed incident's span */
    public Duration tolerance() {
        return tolerance;
    }

    /** @return the original's alarms the twin raises too: false alarms of the baseline, in the original's order */
    public List<Detection> baselineAlarms() {
        return baseline;
    }

    /** @return the original's alarms the twin does not raise: caused by the removed incidents, in order */
    public List<Detection> incidentAlarms() {
        return incident;
    }

    /**
     * Returns the incident alarms that lie near one removed incident, per incident: each alarm is
     * given, among the incidents whose span widened by the tolerance it meets, to the one whose
     * affected windows it lies nearest (the first in ground-truth order on a tie).
     *
     * @return every removed incident, mapped to its alarms (possibly none)
     */
    public Map<Incident, List<Detection>> incidentAlarmsByIncident() {
        return byIncident;
    }

    /** @return the incident alarms that lie near no removed incident, beyond the tolerance */
    public List<Detection> strayIncidentAlarms() {
        return stray;
    }

    /** @return the removed incidents no incident alarm lies near: the detector missed them */
    public List<Incident> missedIncidents() {
        List<Incident> missed = new ArrayList<>();
        byIncident.forEach((i, alarms) -> {
            if (alarms.isEmpty()) {
                missed.add(i);
            }
        });
        return missed;
    }

    /** @return the twin's alarms the original does not raise: baseline alarms the incidents hid or moved */
    public List<Detection> suppressedAlarms() {
        return suppressed;
    }

    @Override
    public String toString() {
        return "TwinEvaluation[removed=" + removed.size() + ", baselineAlarms=" + baseline.size() + ", incidentAlarms="
                + incident.size() + ", stray=" + stray.size() + ", suppressed=" + suppressed.size() + ", missed="
                + missedIncidents().size() + ", tolerance=" + tolerance + "]";
    }
}
