package dev.melt.assertions;

import dev.melt.assertions.internal.Affiliation;
import dev.melt.assertions.internal.DetectionTimeline;
import dev.melt.assertions.internal.EpochNanos;
import dev.melt.assertions.internal.IncidentMatcher;
import dev.melt.assertions.internal.NabScorer;
import dev.melt.assertions.internal.RangeMetrics;
import dev.melt.assertions.internal.ScoredSeries;
import dev.melt.assertions.internal.StepRanges;
import dev.melt.assertions.internal.ThresholdFreeMetrics;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scores of a list of detections against a {@link GroundTruth}. Plain Java: usable without
 * AssertJ, for reports or for tuning a detector.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluation.of(detections, data.groundTruth(),
 *         ScoringOptions.defaults().withTolerance(Duration.ofMinutes(1)));
 * double recall = evaluation.recall();
 * Map<AnomalyType, Evaluation> perType = evaluation.byType();
 * }</pre>
 *
 * <h2>Metrics</h2>
 * <ul>
 *   <li><b>Incident-level (event-wise)</b> {@link #recall()}, {@link #precision()}, {@link #f1()}:
 *       an incident is detected when a detection shares an instant with one of its affected
 *       windows widened by the {@linkplain ScoringOptions#tolerance() tolerance} (on the same
 *       service when the detection names one, on the same host when both name one); a detection
 *       that matches no incident is a {@linkplain #falseAlarms() false alarm}.</li>
 *   <li><b>Point-wise</b> {@link #pointwisePrecision()}, {@link #pointwiseRecall()},
 *       {@link #pointwiseF1()}: the dataset is cut into steps of
 *       {@linkplain ScoringOptions#timeStep() time step}; a step is anomalous when an incident
 *       (from its first affected window to its last) touches it, predicted when a detection does.</li>
 *   <li><b>Point-adjusted</b> {@link #pointAdjustedF1()} (Su et al., OmniAnomaly, KDD 2019):
 *       point-wise, except that every step of an anomalous range counts as predicted as soon as
 *       one of its steps is. <em>Optimistic</em>: one lucky step credits a whole incident, so
 *       even random detectors reach high values (Kim et al., AAAI 2022). Report it next to the
 *       others, never alone.</li>
 *   <li><b>Range-based</b> {@link #rangeRecall()}, {@link #rangePrecision()} of Tatbul et al.,
 *       "Precision and Recall for Time Series" (NeurIPS 2018), over the same steps, with
 *       α, γ ({@link Cardinality}) and δ ({@link PositionalBias}) from the options.</li>
 *   <li><b>Detection delay</b>: per detected incident, from its onset to the start of the first
 *       matching detection (zero when a detection was already open); {@link #meanDetectionDelay()},
 *       {@link #maxDetectionDelay()}.</li>
 *   <li><b>False alarms per hour</b> of dataset.</li>
 *   <li><b>NAB score</b> {@link #nabScore()} (Lavin and Ahmad, ICMLA 2015) as NAB v1.1 scores one
 *       data file whose records are the time steps: positions from a window's last record, a
 *       probationary period, every flagged record scored; see {@link #nabScore(NabProfile)}.</li>
 * </ul>
 * The point-wise, range-based and NAB metrics see the system as one series: they look at time
 * only, not at the services a detection names.
 *
 * <p>Where a definition divides by zero (recall without incidents, precision without
 * detections) the value is the {@linkplain ScoringOptions#zeroDivision() zero division} of the
 * options, 0 unless set otherwise, as scikit-learn's {@code zero_division}, TimeEval, the PRTS
 * evaluator and aeon return: a detector that never fires scores precision 0, not 1. An F1 is
 * the harmonic mean of those values, 0 when both are 0 (scikit-learn's F1 in every case).
 * {@link EvaluationAssert} goes further: its score checks fail on a ground truth without
 * incidents, whatever the zero division.
 *
 * <p>Matching is one sort-and-sweep pass: a million detections against ten thousand incidents
 * take well under a second. Instances are immutable and thread-safe.
 */
public final class Evaluation {

    /** TSB-AD's default {@code slidingWindow}, the largest window of {@link #vusPr()}, in steps. */
    public static final int DEFAULT_VUS_WINDOW = 100;

    /** The longest series the threshold-free metrics build: 100 M steps, 900 MB. */
    private static final long MAX_SERIES = 100_000_000L;

    private final DetectionTimeline timeline;
    private final List<Detection> detections;
    private final GroundTruth truth;
    private final ScoringOptions options;
    private final int[] incidentTypes;
    private final long[] firstMatch;
    private final int detectedIncidents;
    private final int matchedDetections;
    private StepRanges realSteps;
    private StepRanges predictedSteps;
    private double[] affiliation;
    private ScoredSeries scoredSeries;
    private double[] volume;
    private int volumeWindow = -1;
    private Map<AnomalyType, Evaluation> byType;

    private Evaluation(Collection<Detection> given, GroundTruth truth, ScoringOptions options) {
        IncidentMatcher matcher = new IncidentMatcher(truth.incidents(), EpochNanos.of(options.tolerance()));
        this.timeline = DetectionTimeline.of(given, matcher::serviceId, matcher::hostId);
        this.detections = Collections.unmodifiableList(Arrays.asList(timeline.detections()));
        this.truth = truth;
        this.options = options;
        IncidentMatcher.Matches matches = matcher.match(timeline);
        this.incidentTypes = matches.incidentTypes();
        this.firstMatch = matches.firstMatch();
        int detected = 0;
        for (long first : firstMatch) {
            if (first != Long.MAX_VALUE) {
                detected++;
            }
        }
        int matched = 0;
        for (int mask : incidentTypes) {
            if (mask != 0) {
                matched++;
            }
        }
        this.detectedIncidents = detected;
        this.matchedDetections = matched;
    }

    /**
     * Scores detections with the {@linkplain ScoringOptions#defaults() default options}.
     *
     * @param detections what the detector reported, in any order
     * @param truth the ground truth of the dataset
     * @return the evaluation
     */
    public static Evaluation of(Collection<Detection> detections, GroundTruth truth) {
        return of(detections, truth, ScoringOptions.defaults());
    }

    /**
     * Scores detections.
     *
     * @param detections what the detector reported, in any order
     * @param truth the ground truth of the dataset
     * @param options the tolerance and metric parameters
     * @return the evaluation
     */
    public static Evaluation of(Collection<Detection> detections, GroundTruth truth, ScoringOptions options) {
        Objects.requireNonNull(detections, "detections");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(options, "options");
        return new Evaluation(detections, truth, options);
    }

    /**
     * Writes a self-contained HTML report of this evaluation: the incident windows, the
     * detections, the missed incidents and false alarms as scored here (no series: see
     * {@link #writeHtml(java.nio.file.Path, dev.melt.generator.MeltData)}). It is written to a
     * temporary file and moved into place.
     *
     * @param file the HTML file to write
     * @throws java.io.IOException when it cannot be written
     */
    public void writeHtml(java.nio.file.Path file) throws java.io.IOException {
        dev.melt.assertions.internal.report.EvaluationReport.write(this, null, file);
    }

    /**
     * Writes a self-contained HTML report of this evaluation with the dataset's series around
     * each incident (see {@link dev.melt.generator.report.DatasetReport}).
     *
     * @param file the HTML file to write
     * @param data the dataset scored against
     * @throws java.io.IOException when it cannot be written
     */
    public void writeHtml(java.nio.file.Path file, dev.melt.generator.MeltData data)
            throws java.io.IOException {
        dev.melt.assertions.internal.report.EvaluationReport.write(this, Objects.requireNonNull(data, "data"), file);
    }

    /** @return the ground truth scored against */
    public GroundTruth groundTruth() {
        return truth;
    }

    /** @return the options used */
    public ScoringOptions options() {
        return options;
    }

    /** @return the detections, sorted by start then end */
    public List<Detection> detections() {
        return detections;
    }

    /** @return the number of incidents in the ground truth */
    public int incidentCount() {
        return firstMatch.length;
    }

    /** @return the incidents some detection matched, in ground-truth order */
    public List<Incident> detectedIncidents() {
        return incidents(true);
    }

    /** @return the incidents no detection matched, in ground-truth order */
    public List<Incident> missedIncidents() {
        return incidents(false);
    }

    private List<Incident> incidents(boolean detected) {
        List<Incident> result = new ArrayList<>();
        for (int i = 0; i < firstMatch.length; i++) {
            if ((firstMatch[i] != Long.MAX_VALUE) == detected) {
                result.add(truth.incidents().get(i));
            }
        }
        return result;
    }

    /**
     * Incident-level recall: the share of incidents that at least one detection matched.
     *
     * @return detected incidents / incidents, or the zero division when there is no incident
     */
    public double recall() {
        return ratio(detectedIncidents, incidentCount());
    }

    /**
     * Incident-level precision: the share of detections that matched at least one incident.
     *
     * @return matching detections / detections, or the zero division when there is no detection
     */
    public double precision() {
        return ratio(matchedDetections, detections.size());
    }

    /** @return the harmonic mean of {@link #precision()} and {@link #recall()} */
    public double f1() {
        return f1(precision(), recall());
    }

    /** @return the detections that matched no incident, sorted by start */
    public List<Detection> falseAlarms() {
        List<Detection> result = new ArrayList<>();
        for (int d = 0; d < incidentTypes.length; d++) {
            if (incidentTypes[d] == 0) {
                result.add(detections.get(d));
            }
        }
        return result;
    }

    /** @return the number of detections that matched no incident */
    public int falseAlarmCount() {
        return detections.size() - matchedDetections;
    }

    /**
     * Returns the false alarms per hour of dataset ({@code end − start} of the ground truth).
     *
     * @return false alarms / hours; 0 without false alarms, infinite for an empty dataset span
     *     with false alarms
     */
    public double falseAlarmsPerHour() {
        int falseAlarms = falseAlarmCount();
        if (falseAlarms == 0) {
            return 0.0;
        }
        double hours = Duration.between(truth.start(), truth.end()).toNanos() / 3.6e12;
        return hours > 0 ? falseAlarms / hours : Double.POSITIVE_INFINITY;
    }

    /**
     * Returns how long an incident went unnoticed.
     *
     * @param incidentId the incident id
     * @return from the incident's onset to the start of the first detection that matched it, zero
     *     when that detection started before the onset; empty when no detection matched it
     * @throws IllegalArgumentException when the ground truth has no incident with that id
     */
    public Optional<Duration> detectionDelay(String incidentId) {
        for (int i = 0; i < firstMatch.length; i++) {
            if (truth.incidents().get(i).id().equals(incidentId)) {
                return delay(i);
            }
        }
        throw new IllegalArgumentException("incidentId: '" + incidentId
                + "' is not accepted; expected the id of an incident of the ground truth");
    }

    private Optional<Duration> delay(int incident) {
        if (firstMatch[incident] == Long.MAX_VALUE) {
            return Optional.empty();
        }
        long onset = EpochNanos.of(truth.incidents().get(incident).start());
        return Optional.of(Duration.ofNanos(Math.max(0, firstMatch[incident] - onset)));
    }

    /** @return the detection delay of every detected incident, by incident id, in ground-truth order */
    public Map<String, Duration> detectionDelays() {
        Map<String, Duration> delays = new LinkedHashMap<>();
        for (int i = 0; i < firstMatch.length; i++) {
            int incident = i;
            delay(i).ifPresent(d -> delays.put(truth.incidents().get(incident).id(), d));
        }
        return delays;
    }

    /** @return the mean detection delay over detected incidents, or empty when none was detected */
    public Optional<Duration> meanDetectionDelay() {
        Collection<Duration> delays = detectionDelays().values();
        if (delays.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (Duration delay : delays) {
            total += delay.toNanos();
        }
        return Optional.of(Duration.ofNanos(total / delays.size()));
    }

    /** @return the longest detection delay over detected incidents, or empty when none was detected */
    public Optional<Duration> maxDetectionDelay() {
        return detectionDelays().values().stream().max(Comparator.naturalOrder());
    }

    /** @return point-wise precision: predicted anomalous steps / predicted steps (the zero division when none) */
    public double pointwisePrecision() {
        long common = RangeMetrics.commonSteps(realSteps(), predictedSteps());
        return ratio(common, predictedSteps().totalSteps());
    }

    /** @return point-wise recall: predicted anomalous steps / anomalous steps (the zero division when none) */
    public double pointwiseRecall() {
        long common = RangeMetrics.commonSteps(realSteps(), predictedSteps());
        return ratio(common, realSteps().totalSteps());
    }

    /** @return the harmonic mean of point-wise precision and recall */
    public double pointwiseF1() {
        return f1(pointwisePrecision(), pointwiseRecall());
    }

    /**
     * Point-adjusted precision: as point-wise, after every step of an anomalous range touched by a
     * prediction was counted as predicted. Optimistic, see the class comment.
     *
     * @return adjusted true positives / (adjusted true positives + false positive steps), the zero
     *     division when nothing was predicted
     */
    public double pointAdjustedPrecision() {
        long adjusted = RangeMetrics.adjustedTruePositives(realSteps(), predictedSteps());
        long falsePositives = predictedSteps().totalSteps() - RangeMetrics.commonSteps(realSteps(), predictedSteps());
        return ratio(adjusted, adjusted + falsePositives);
    }

    /**
     * Point-adjusted recall: the share of anomalous steps in ranges that a prediction touched.
     * Optimistic, see the class comment.
     *
     * @return adjusted true positives / anomalous steps (the zero division when none)
     */
    public double pointAdjustedRecall() {
        return ratio(RangeMetrics.adjustedTruePositives(realSteps(), predictedSteps()), realSteps().totalSteps());
    }

    /**
     * Point-adjusted F1 as reported in much of the AIOps literature (OmniAnomaly's adjustment).
     * Optimistic: prefer {@link #f1()} or the range-based metrics to judge a detector.
     *
     * @return the harmonic mean of point-adjusted precision and recall
     */
    public double pointAdjustedF1() {
        return f1(pointAdjustedPrecision(), pointAdjustedRecall());
    }

    /**
     * Range-based recall with the α, γ and δ of the options.
     *
     * @return the recall, or the zero division when there is no incident
     */
    public double rangeRecall() {
        return rangeRecall(options.rangeAlpha(), options.rangeCardinality(), options.rangeRecallBias());
    }

    /**
     * Range-based recall of Tatbul et al. (NeurIPS 2018): the mean over real ranges R_i of
     * {@code α·ExistenceReward + (1 − α)·CardinalityFactor·Σ_j ω(R_i, R_i ∩ P_j, δ)}.
     *
     * @param alpha α, between 0 and 1
     * @param cardinality γ
     * @param bias δ
     * @return the recall, or the zero division when there is no incident
     */
    public double rangeRecall(double alpha, Cardinality cardinality, PositionalBias bias) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " is not accepted; expected a number between 0 and 1");
        }
        return RangeMetrics.recall(realSteps(), predictedSteps(), alpha, Objects.requireNonNull(cardinality),
                Objects.requireNonNull(bias), options.zeroDivision());
    }

    /**
     * Range-based precision with the γ and δ of the options.
     *
     * @return the precision, or the zero division when there is no detection
     */
    public double rangePrecision() {
        return rangePrecision(options.rangeCardinality(), options.rangePrecisionBias());
    }

    /**
     * Range-based precision of Tatbul et al. (NeurIPS 2018): the mean over predicted ranges P_i
     * of {@code CardinalityFactor·Σ_j ω(P_i, P_i ∩ R_j, δ)}.
     *
     * @param cardinality γ
     * @param bias δ
     * @return the precision, or the zero division when there is no detection
     */
    public double rangePrecision(Cardinality cardinality, PositionalBias bias) {
        return RangeMetrics.precision(realSteps(), predictedSteps(), Objects.requireNonNull(cardinality),
                Objects.requireNonNull(bias), options.zeroDivision());
    }

    /** @return the harmonic mean of {@link #rangePrecision()} and {@link #rangeRecall()} */
    public double rangeF1() {
        return f1(rangePrecision(), rangeRecall());
    }

    /**
     * Affiliation precision of Huet, Navarro and Rossi (KDD 2022), as the authors' reference
     * implementation ({@code affiliation-metrics-py}, {@code pr_from_events}) computes it on the
     * events of the label series: each run of steps is an event {@code [first, last + 1)} on the
     * step line, the series is {@code [0, steps)} from the ground truth's start to its end, and
     * each incident's affiliation zone is the part of the series closer to it than to any other
     * incident. Precision averages, over the zones a detection reaches, how close the detected
     * steps lie to the incident compared with a random step of the zone. Detections outside the
     * series are cut to it.
     *
     * @return the precision in [0, 1], or the zero division when no detection reaches a zone or
     *     there is no incident
     */
    public double affiliationPrecision() {
        return affiliation()[0];
    }

    /**
     * Affiliation recall of Huet, Navarro and Rossi (KDD 2022): the mean over incidents of how
     * close the incident's steps lie to the nearest detection in its zone, compared with a random
     * step of the zone; 0 for an incident whose zone holds no detection. See
     * {@link #affiliationPrecision()} for the events it is computed on.
     *
     * @return the recall in [0, 1], or the zero division when there is no incident
     */
    public double affiliationRecall() {
        return affiliation()[1];
    }

    /** @return the harmonic mean of {@link #affiliationPrecision()} and {@link #affiliationRecall()} */
    public double affiliationF1() {
        return f1(affiliationPrecision(), affiliationRecall());
    }

    private synchronized double[] affiliation() {
        if (affiliation == null) {
            StepRanges real = realSteps();
            StepRanges predicted = predictedSteps();
            long step = EpochNanos.of(options.timeStep());
            long span = EpochNanos.of(truth.end()) - EpochNanos.of(truth.start());
            double steps = Math.max(1, -Math.floorDiv(-span, step));
            double zero = options.zeroDivision();
            if (real.size() == 0) {
                affiliation = new double[] {zero, zero};
            } else {
                double[][] r = events(real, steps);
                double[][] p = events(predicted, steps);
                double[] pr = Affiliation.precisionRecall(r[0], r[1], r[0].length, p[0], p[1], p[0].length, 0,
                        Math.max(steps, r[1][r[1].length - 1]));
                affiliation = new double[] {Double.isNaN(pr[0]) ? zero : pr[0], pr[1]};
            }
        }
        return affiliation;
    }

    /** The ranges as events {@code [first, last + 1)} cut to {@code [0, steps)}, empty ones left out. */
    private static double[][] events(StepRanges ranges, double steps) {
        double[] start = new double[ranges.size()];
        double[] end = new double[ranges.size()];
        int n = 0;
        for (int i = 0; i < ranges.size(); i++) {
            double s = Math.max(0, ranges.first(i));
            double e = Math.min(steps, ranges.last(i) + 1);
            if (e > s) {
                start[n] = s;
                end[n] = e;
                n++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(start, n), java.util.Arrays.copyOf(end, n)};
    }

    /** @return the NAB score with the profile of the options */
    public double nabScore() {
        return nabScore(options.nabProfile());
    }

    /**
     * The NAB score, as NAB v1.1's {@code sweeper.py} and {@code runner.normalize()} compute it for
     * one data file whose records are the {@linkplain ScoringOptions#timeStep() time steps} of the
     * dataset ({@code ⌈(end − start) / step⌉} records). A window is an incident from its first to
     * its last affected instant, widened by the tolerance, as the records it touches; overlapping
     * windows merge. A record is flagged when a detection touches it, and every flagged record
     * is scored: a detection over ten records is ten flagged records, as NAB sees a score series.
     * The first 15% of the records (at most 750; see
     * {@link ScoringOptions#nabProbationaryPercent()}) are not scored. See {@link NabProfile}.
     *
     * @param profile the NAB profile
     * @return 100 for a perfect detector, 0 for one that never fires, below 0 for one worse than
     *     that; with no incident, 100 × the zero division
     */
    public double nabScore(NabProfile profile) {
        Objects.requireNonNull(profile, "profile");
        long origin = EpochNanos.of(truth.start());
        long step = EpochNanos.of(options.timeStep());
        long records = seriesLength();
        long tolerance = EpochNanos.of(options.tolerance());
        List<Incident> incidents = new ArrayList<>(truth.incidents());
        incidents.sort(Comparator.comparing(Incident::firstAffected));
        long[] first = new long[incidents.size()];
        long[] last = new long[incidents.size()];
        int windows = 0;
        for (Incident incident : incidents) {
            long from = Math.max(0, Math.floorDiv(EpochNanos.of(incident.firstAffected()) - tolerance - origin, step));
            long endStep = -Math.floorDiv(origin - EpochNanos.of(incident.lastAffected()) - tolerance, step) - 1;
            long to = Math.min(records - 1, Math.max(Math.floorDiv(EpochNanos.of(incident.firstAffected())
                    - tolerance - origin, step), endStep));
            if (from > to) {
                continue; // outside the series
            }
            if (windows > 0 && from <= last[windows - 1]) {
                last[windows - 1] = Math.max(last[windows - 1], to); // NAB merges overlapping windows
            } else {
                first[windows] = from;
                last[windows] = to;
                windows++;
            }
        }
        return NabScorer.score(records, Arrays.copyOf(first, windows), Arrays.copyOf(last, windows),
                predictedSteps(), profile, options.nabProbationaryPercent(), options.zeroDivision());
    }

    /** @return the number of time steps of the dataset, {@code ⌈(end − start) / step⌉} */
    private long seriesLength() {
        long span = EpochNanos.of(truth.end()) - EpochNanos.of(truth.start());
        long step = EpochNanos.of(options.timeStep());
        return Math.max(0, -Math.floorDiv(-span, step));
    }

    /**
     * AUC-PR: scikit-learn's {@code average_precision_score} of the anomaly scores against the
     * labels, over the {@linkplain ScoringOptions#timeStep() time steps} of the dataset, as TSB-AD
     * reports it. A step is anomalous when an incident (first to last affected instant) touches
     * it; it scores the highest {@linkplain Detection#score() score} of the detections that touch
     * it, +∞ for a detection without a score, −∞ when none does.
     *
     * @return the average precision, or the zero division when there is no incident
     */
    public double aucPr() {
        ScoredSeries series = scoredSeries();
        return series == null ? options.zeroDivision() : ThresholdFreeMetrics.averagePrecision(series);
    }

    /**
     * VUS-PR with TSB-AD's default largest window, {@value #DEFAULT_VUS_WINDOW} steps.
     *
     * @return the volume under the range-PR surface, or the zero division without incidents
     * @see #vusPr(int)
     */
    public double vusPr() {
        return vusPr(DEFAULT_VUS_WINDOW);
    }

    /**
     * VUS-PR (Paparrizos et al., "Volume Under the Surface", VLDB 2022) as TSB-AD (NeurIPS 2024)
     * computes it ({@code RangeAUC_volume_opt}, 250 thresholds), over the steps of
     * {@link #aucPr()}: the mean over windows 0 … {@code maxWindow} of the range-based average
     * precision whose labels fade out over half a window on each side of every incident.
     *
     * @param maxWindow the largest window in time steps, 0 or more (TSB-AD's {@code slidingWindow})
     * @return the volume, or the zero division without incidents
     */
    public double vusPr(int maxWindow) {
        return volume(maxWindow)[1];
    }

    /**
     * VUS-ROC with TSB-AD's default largest window, {@value #DEFAULT_VUS_WINDOW} steps.
     *
     * @return the volume under the range-ROC surface, or the zero division without incidents
     * @see #vusRoc(int)
     */
    public double vusRoc() {
        return vusRoc(DEFAULT_VUS_WINDOW);
    }

    /**
     * VUS-ROC as TSB-AD computes it; see {@link #vusPr(int)}.
     *
     * @param maxWindow the largest window in time steps, 0 or more
     * @return the volume, or the zero division without incidents
     */
    public double vusRoc(int maxWindow) {
        return volume(maxWindow)[0];
    }

    private double[] volume(int maxWindow) {
        if (maxWindow < 0) {
            throw new IllegalArgumentException("maxWindow: " + maxWindow + " is not accepted; expected 0 or more steps");
        }
        synchronized (this) {
            if (volumeWindow == maxWindow) {
                return volume; // VUS-PR and VUS-ROC come from one surface
            }
        }
        ScoredSeries series = scoredSeries();
        double[] result = series == null ? new double[] {options.zeroDivision(), options.zeroDivision()}
                : ThresholdFreeMetrics.tsbVolume(series, maxWindow);
        synchronized (this) {
            volume = result;
            volumeWindow = maxWindow;
        }
        return result;
    }

    /**
     * Range-AUC-PR with aeon's default buffer, the median incident length in steps.
     *
     * @return the area, or the zero division without incidents
     * @see #rangeAucPr(int)
     */
    public double rangeAucPr() {
        return rangeAuc(-1)[0];
    }

    /**
     * Range-AUC-PR (Paparrizos et al., VLDB 2022) as aeon's {@code range_pr_auc_score} computes
     * it, over the steps of {@link #aucPr()}: labels fade out over half a buffer on each side of
     * every incident, 250 thresholds, trapezoids. 0 for a constant score, as in aeon.
     *
     * @param buffer the buffer in time steps, 0 or more
     * @return the area, or the zero division without incidents
     */
    public double rangeAucPr(int buffer) {
        return rangeAuc(requireBuffer(buffer))[0];
    }

    /**
     * Range-AUC-ROC with aeon's default buffer, the median incident length in steps.
     *
     * @return the area, or the zero division without incidents
     */
    public double rangeAucRoc() {
        return rangeAuc(-1)[1];
    }

    /**
     * Range-AUC-ROC as aeon's {@code range_roc_auc_score} computes it; see {@link #rangeAucPr(int)}.
     *
     * @param buffer the buffer in time steps, 0 or more
     * @return the area, or the zero division without incidents
     */
    public double rangeAucRoc(int buffer) {
        return rangeAuc(requireBuffer(buffer))[1];
    }

    private static int requireBuffer(int buffer) {
        if (buffer < 0) {
            throw new IllegalArgumentException("buffer: " + buffer + " is not accepted; expected 0 or more steps");
        }
        return buffer;
    }

    private double[] rangeAuc(int buffer) {
        ScoredSeries series = scoredSeries();
        return series == null ? new double[] {options.zeroDivision(), options.zeroDivision()}
                : ThresholdFreeMetrics.aeonRangeAuc(series, buffer);
    }

    /** The labels and scores per time step, or {@code null} when no step is anomalous. */
    private synchronized ScoredSeries scoredSeries() {
        if (scoredSeries == null) {
            long length = seriesLength();
            if (length > MAX_SERIES) {
                throw new IllegalArgumentException("timeStep: " + options.timeStep() + " is not accepted for the"
                        + " threshold-free metrics; it cuts the dataset into " + length + " steps, expected at most "
                        + MAX_SERIES + " (choose a longer time step)");
            }
            int n = (int) length;
            boolean[] label = new boolean[n];
            boolean anomalous = false;
            StepRanges real = realSteps();
            for (int r = 0; r < real.size(); r++) {
                for (long i = Math.max(0, real.first(r)); i <= Math.min(n - 1L, real.last(r)); i++) {
                    label[(int) i] = true;
                    anomalous = true;
                }
            }
            if (!anomalous) {
                return null;
            }
            double[] score = new double[n];
            Arrays.fill(score, Double.NEGATIVE_INFINITY);
            long origin = EpochNanos.of(truth.start());
            long step = EpochNanos.of(options.timeStep());
            long[] starts = timeline.starts();
            long[] ends = timeline.ends();
            for (int d = 0; d < timeline.size(); d++) {
                long lo = Math.max(0, Math.floorDiv(starts[d] - origin, step));
                long hi = Math.min(n - 1L, Math.max(Math.floorDiv(starts[d] - origin, step),
                        -Math.floorDiv(origin - ends[d], step) - 1));
                double s = timeline.detection(d).scoreOrNaN();
                double value = Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
                for (long i = lo; i <= hi; i++) {
                    if (value > score[(int) i]) {
                        score[(int) i] = value;
                    }
                }
            }
            scoredSeries = new ScoredSeries(label, score);
        }
        return scoredSeries;
    }

    /**
     * Breaks the evaluation down per incident type. The evaluation of a type scores its incidents
     * against the detections <em>attributed</em> to it: those that matched one of its incidents,
     * and the false alarms that {@linkplain Detection#ofType(AnomalyType) name the type}. A false
     * alarm that names no type is charged to no type, and a detection that only matched incidents
     * of other types is left out.
     *
     * <p>So recall, detection delays and detected counts per type are the type's own. Precision
     * and false alarms per type count only attributed false alarms: for a detector whose
     * detections name no type, a type's precision is 1 as soon as one of its incidents was
     * detected, and its false alarms are none. The detector's precision and false alarms are
     * those of this whole evaluation ({@link #precision()}, {@link #falseAlarmsPerHour()}), which
     * a {@link Scorecard} reports once per dataset next to the recall per type.
     *
     * @return one evaluation per type that has incidents, in {@link AnomalyType} order
     */
    public synchronized Map<AnomalyType, Evaluation> byType() {
        if (byType == null) {
            Map<AnomalyType, Evaluation> result = new EnumMap<>(AnomalyType.class);
            for (Incident incident : truth.incidents()) {
                result.computeIfAbsent(incident.type(), this::restrictedTo);
            }
            byType = Collections.unmodifiableMap(result);
        }
        return byType;
    }

    /**
     * Returns the evaluation of one incident type (see {@link #byType()}).
     *
     * @param type the incident type
     * @return its evaluation; with no incident of that type, recall is the zero division and the
     *     false alarms are those that name the type
     */
    public Evaluation forType(AnomalyType type) {
        Evaluation evaluation = byType().get(Objects.requireNonNull(type, "type"));
        return evaluation != null ? evaluation : restrictedTo(type);
    }

    private Evaluation restrictedTo(AnomalyType type) {
        int bit = 1 << type.ordinal();
        List<Detection> kept = new ArrayList<>();
        for (int d = 0; d < incidentTypes.length; d++) {
            Detection detection = detections.get(d);
            if (incidentTypes[d] == 0 ? detection.type() == type : (incidentTypes[d] & bit) != 0) {
                kept.add(detection);
            }
        }
        return new Evaluation(kept, new GroundTruth(truth.start(), truth.end(), truth.incidentsOf(type)), options);
    }

    private synchronized StepRanges realSteps() {
        if (realSteps == null) {
            List<Incident> incidents = truth.incidents();
            long[] starts = new long[incidents.size()];
            long[] ends = new long[incidents.size()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = EpochNanos.of(incidents.get(i).firstAffected());
                ends[i] = EpochNanos.of(incidents.get(i).lastAffected());
            }
            realSteps = StepRanges.of(starts, ends, starts.length, EpochNanos.of(truth.start()),
                    EpochNanos.of(options.timeStep()));
        }
        return realSteps;
    }

    private synchronized StepRanges predictedSteps() {
        if (predictedSteps == null) {
            predictedSteps = StepRanges.of(timeline.starts(), timeline.ends(), timeline.size(), EpochNanos.of(truth.start()),
                    EpochNanos.of(options.timeStep()));
        }
        return predictedSteps;
    }

    private double ratio(long numerator, long denominator) {
        return ratio(numerator, denominator, options.zeroDivision());
    }

    static double ratio(long numerator, long denominator, double zeroDivision) {
        return denominator == 0 ? zeroDivision : (double) numerator / denominator;
    }

    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    /** @return a one-line summary: recall, precision, F1 and counts */
    @Override
    public String toString() {
        return "Evaluation[recall=" + recall() + ", precision=" + precision() + ", f1=" + f1() + ", incidents="
                + incidentCount() + ", detected=" + detectedIncidents + ", detections=" + detections.size()
                + ", falseAlarms=" + falseAlarmCount() + ", tolerance=" + options.tolerance() + "]";
    }
}
