package dev.melt.assertions;

import static dev.melt.assertions.internal.Listing.figure;
import static dev.melt.assertions.internal.ShouldDetectEvery.shouldDetectEvery;
import static dev.melt.assertions.internal.ShouldHaveSomethingToScore.shouldHaveSomethingToScore;
import static dev.melt.assertions.internal.ShouldReachScore.shouldBeAtLeast;
import static dev.melt.assertions.internal.ShouldReachScore.shouldBeAtMost;

import dev.melt.assertions.internal.Listing;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the {@link Evaluation} of a detector. Each check fails with the expected and the
 * actual figure, then the missed incidents and the false alarms (the first ten of each, with a
 * count of the rest):
 *
 * <pre>
 * Expecting incident recall:
 *   0.5 (1 of 2 incidents detected)
 * to be at least:
 *   0.9
 * Missed incidents (1 of 2, tolerance PT0S):
 *   inc-0002 latency_spike at payment (host payment-1) [2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z)
 * False alarms (1 of 2 detections):
 *   2024-01-01T00:50:00Z on checkout
 * </pre>
 *
 * In the examples, {@code truth} is a one-hour dataset with two incidents, {@code inc-0001}
 * (cpu_spike at checkout, 00:10–00:20, cascading to frontend) and {@code inc-0002}
 * (latency_spike at payment on payment-1, 00:30–00:40); {@code half} is the evaluation of a
 * detection at 00:10:30 on checkout and a false alarm at 00:50; {@code exact} that of detections
 * covering both incidents exactly.
 */
public class EvaluationAssert extends AbstractAssert<EvaluationAssert, Evaluation> {

    private Function<Evaluation, EvaluationAssert> evaluationAsserts = EvaluationAssert::new;

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(Evaluation)}.
     *
     * @param actual the evaluation
     */
    public EvaluationAssert(Evaluation actual) {
        super(actual, EvaluationAssert.class);
    }

    /** Lets soft assertions keep collecting failures after {@code forType(...)}. */
    EvaluationAssert creatingEvaluationAssertsWith(Function<Evaluation, EvaluationAssert> factory) {
        this.evaluationAsserts = factory;
        return myself;
    }

    /**
     * Verifies the incident-level recall: the share of incidents that some detection matched.
     *
     * <pre>{@code
     * assertThat(half).hasRecallAtLeast(0.5); // passes: 1 of 2 incidents detected
     * assertThat(half).hasRecallAtLeast(0.9); // fails, listing inc-0002 as missed
     * }</pre>
     *
     * @param minimum the lowest acceptable recall, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the recall is below {@code minimum}
     */
    public EvaluationAssert hasRecallAtLeast(double minimum) {
        isNotNull();
        requireIncidents("incident recall");
        requireShare("minimum", minimum);
        if (actual.recall() < minimum) {
            int detected = actual.incidentCount() - actual.missedIncidents().size();
            failAtLeast("incident recall", actual.recall(), detected + " of " + actual.incidentCount()
                    + " incidents detected", minimum);
        }
        return myself;
    }

    /**
     * Verifies the incident-level precision: the share of detections that matched an incident.
     *
     * <pre>{@code
     * assertThat(half).hasPrecisionAtLeast(0.5); // passes: 1 of 2 detections matched
     * assertThat(half).hasPrecisionAtLeast(0.8); // fails, listing the false alarm at 00:50
     * }</pre>
     *
     * @param minimum the lowest acceptable precision, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the precision is below {@code minimum}
     */
    public EvaluationAssert hasPrecisionAtLeast(double minimum) {
        isNotNull();
        requireIncidents("incident precision");
        requireShare("minimum", minimum);
        if (actual.precision() < minimum) {
            int matched = actual.detections().size() - actual.falseAlarmCount();
            failAtLeast("incident precision", actual.precision(), actual.detections().isEmpty()
                    ? "no detection: the zero division of the options" : matched + " of "
                    + actual.detections().size() + " detections matched an incident", minimum);
        }
        return myself;
    }

    /**
     * Verifies the incident-level F1, the harmonic mean of precision and recall.
     *
     * <pre>{@code
     * assertThat(half).hasF1AtLeast(0.5); // passes: F1 = 0.5
     * assertThat(half).hasF1AtLeast(0.7); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable F1, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the F1 is below {@code minimum}
     */
    public EvaluationAssert hasF1AtLeast(double minimum) {
        isNotNull();
        requireIncidents("incident F1");
        requireShare("minimum", minimum);
        if (actual.f1() < minimum) {
            failAtLeast("incident F1", actual.f1(), "precision " + figure(actual.precision()) + ", recall "
                    + figure(actual.recall()), minimum);
        }
        return myself;
    }

    /**
     * Verifies the point-wise F1 over time steps of {@link ScoringOptions#timeStep()}.
     *
     * <pre>{@code
     * assertThat(exact).hasPointwiseF1AtLeast(1.0); // passes
     * assertThat(half).hasPointwiseF1AtLeast(0.5);  // fails: one point covers few steps
     * }</pre>
     *
     * @param minimum the lowest acceptable F1, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the point-wise F1 is below {@code minimum}
     */
    public EvaluationAssert hasPointwiseF1AtLeast(double minimum) {
        isNotNull();
        requireIncidents("point-wise F1");
        requireShare("minimum", minimum);
        if (actual.pointwiseF1() < minimum) {
            failAtLeast("point-wise F1", actual.pointwiseF1(), "precision " + figure(actual.pointwisePrecision())
                    + ", recall " + figure(actual.pointwiseRecall()) + ", time step " + actual.options().timeStep(),
                    minimum);
        }
        return myself;
    }

    /**
     * Verifies the point-adjusted F1 (OmniAnomaly's adjustment). Optimistic: one detected step
     * credits a whole incident, so pair it with a stricter check.
     *
     * <pre>{@code
     * assertThat(half).hasPointAdjustedF1AtLeast(0.5); // passes
     * assertThat(half).hasPointAdjustedF1AtLeast(0.9); // fails: inc-0002 is missed
     * }</pre>
     *
     * @param minimum the lowest acceptable F1, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the point-adjusted F1 is below {@code minimum}
     */
    public EvaluationAssert hasPointAdjustedF1AtLeast(double minimum) {
        isNotNull();
        requireIncidents("point-adjusted F1");
        requireShare("minimum", minimum);
        if (actual.pointAdjustedF1() < minimum) {
            failAtLeast("point-adjusted F1", actual.pointAdjustedF1(), "precision "
                    + figure(actual.pointAdjustedPrecision()) + ", recall " + figure(actual.pointAdjustedRecall())
                    + ", time step " + actual.options().timeStep(), minimum);
        }
        return myself;
    }

    /**
     * Verifies the range-based recall of Tatbul et al. with the α, γ and δ of the options.
     *
     * <pre>{@code
     * assertThat(exact).hasRangeRecallAtLeast(1.0); // passes: both ranges fully covered
     * assertThat(half).hasRangeRecallAtLeast(0.5);  // fails: a point covers 1 of 660 steps
     * }</pre>
     *
     * @param minimum the lowest acceptable recall, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the range-based recall is below {@code minimum}
     */
    public EvaluationAssert hasRangeRecallAtLeast(double minimum) {
        isNotNull();
        requireIncidents("range-based recall");
        requireShare("minimum", minimum);
        if (actual.rangeRecall() < minimum) {
            ScoringOptions o = actual.options();
            failAtLeast("range-based recall", actual.rangeRecall(), "α " + figure(o.rangeAlpha()) + ", γ "
                    + name(o.rangeCardinality()) + ", δ " + name(o.rangeRecallBias()) + ", time step " + o.timeStep(),
                    minimum);
        }
        return myself;
    }

    /**
     * Verifies the range-based precision of Tatbul et al. with the γ and δ of the options.
     *
     * <pre>{@code
     * assertThat(exact).hasRangePrecisionAtLeast(1.0); // passes
     * assertThat(half).hasRangePrecisionAtLeast(0.9);  // fails: the false alarm overlaps nothing
     * }</pre>
     *
     * @param minimum the lowest acceptable precision, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the range-based precision is below {@code minimum}
     */
    public EvaluationAssert hasRangePrecisionAtLeast(double minimum) {
        isNotNull();
        requireIncidents("range-based precision");
        requireShare("minimum", minimum);
        if (actual.rangePrecision() < minimum) {
            ScoringOptions o = actual.options();
            failAtLeast("range-based precision", actual.rangePrecision(), "γ " + name(o.rangeCardinality()) + ", δ "
                    + name(o.rangePrecisionBias()) + ", time step " + o.timeStep(), minimum);
        }
        return myself;
    }

    /**
     * Verifies the affiliation precision of Huet et al. (KDD 2022), as
     * {@link Evaluation#affiliationPrecision()} computes it.
     *
     * <pre>{@code
     * assertThat(exact).hasAffiliationPrecisionAtLeast(1.0); // passes: every detected step is in an incident
     * assertThat(late).hasAffiliationPrecisionAtLeast(0.9);  // fails: the detections lie far from the incidents
     * }</pre>
     *
     * @param minimum the lowest acceptable precision, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the affiliation precision is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasAffiliationPrecisionAtLeast(double minimum) {
        isNotNull();
        requireIncidents("affiliation precision");
        requireShare("minimum", minimum);
        if (actual.affiliationPrecision() < minimum) {
            failAtLeast("affiliation precision", actual.affiliationPrecision(), "time step " + actual.options().timeStep(),
                    minimum);
        }
        return myself;
    }

    /**
     * Verifies the affiliation recall of Huet et al. (KDD 2022), as
     * {@link Evaluation#affiliationRecall()} computes it.
     *
     * <pre>{@code
     * assertThat(exact).hasAffiliationRecallAtLeast(1.0); // passes
     * assertThat(half).hasAffiliationRecallAtLeast(0.9);  // fails: an incident's zone holds no detection
     * }</pre>
     *
     * @param minimum the lowest acceptable recall, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the affiliation recall is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasAffiliationRecallAtLeast(double minimum) {
        isNotNull();
        requireIncidents("affiliation recall");
        requireShare("minimum", minimum);
        if (actual.affiliationRecall() < minimum) {
            failAtLeast("affiliation recall", actual.affiliationRecall(), "time step " + actual.options().timeStep(),
                    minimum);
        }
        return myself;
    }

    /**
     * Verifies the NAB score with the profile of the options (100 is perfect, 0 is a detector
     * that never fires).
     *
     * <pre>{@code
     * assertThat(exact).hasNabScoreAtLeast(90); // passes: both windows hit at their start
     * assertThat(half).hasNabScoreAtLeast(90);  // fails: inc-0002 missed costs half the range
     * }</pre>
     *
     * @param minimum the lowest acceptable score
     * @return {@code this} assertion object
     * @throws AssertionError when the NAB score is below {@code minimum}
     */
    public EvaluationAssert hasNabScoreAtLeast(double minimum) {
        isNotNull();
        requireIncidents("NAB score");
        double score = actual.nabScore();
        if (score < minimum) {
            failAtLeast("NAB score", score, name(actual.options().nabProfile()) + " profile", minimum);
        }
        return myself;
    }

    /**
     * Verifies AUC-PR, scikit-learn's average precision of the detections' scores over the time
     * steps (see {@link Evaluation#aucPr()}).
     *
     * <pre>{@code
     * // ranked: 100 one-minute steps scored so that most incident steps rank high
     * assertThat(ranked).hasAucPrAtLeast(0.5); // passes: 0.5756
     * assertThat(ranked).hasAucPrAtLeast(0.6); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable AUC-PR, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the AUC-PR is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasAucPrAtLeast(double minimum) {
        return thresholdFree("AUC-PR", minimum, Evaluation::aucPr, "time step " + timeStep());
    }

    /**
     * Verifies VUS-PR as TSB-AD computes it, with its default largest window of 100 steps (see
     * {@link Evaluation#vusPr(int)}).
     *
     * <pre>{@code
     * assertThat(ranked).hasVusPrAtLeast(0.9);  // passes: 0.9215
     * assertThat(ranked).hasVusPrAtLeast(0.95); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable VUS-PR, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the VUS-PR is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasVusPrAtLeast(double minimum) {
        return thresholdFree("VUS-PR", minimum, Evaluation::vusPr, vusWindow());
    }

    /**
     * Verifies VUS-ROC as TSB-AD computes it, with its default largest window of 100 steps.
     *
     * <pre>{@code
     * assertThat(ranked).hasVusRocAtLeast(0.95); // passes: 0.9730
     * assertThat(ranked).hasVusRocAtLeast(0.99); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable VUS-ROC, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the VUS-ROC is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasVusRocAtLeast(double minimum) {
        return thresholdFree("VUS-ROC", minimum, Evaluation::vusRoc, vusWindow());
    }

    /**
     * Verifies range-AUC-PR as aeon computes it, with its default buffer, the median incident
     * length (see {@link Evaluation#rangeAucPr(int)}).
     *
     * <pre>{@code
     * assertThat(ranked).hasRangeAucPrAtLeast(0.7);  // passes: 0.7005
     * assertThat(ranked).hasRangeAucPrAtLeast(0.75); // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable range-AUC-PR, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the range-AUC-PR is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasRangeAucPrAtLeast(double minimum) {
        return thresholdFree("range-AUC-PR", minimum, Evaluation::rangeAucPr,
                "buffer: the median incident length, time step " + timeStep());
    }

    /**
     * Verifies range-AUC-ROC as aeon computes it, with its default buffer.
     *
     * <pre>{@code
     * assertThat(ranked).hasRangeAucRocAtLeast(0.85); // passes: 0.8522
     * assertThat(ranked).hasRangeAucRocAtLeast(0.9);  // fails
     * }</pre>
     *
     * @param minimum the lowest acceptable range-AUC-ROC, between 0 and 1
     * @return {@code this} assertion object
     * @throws AssertionError when the range-AUC-ROC is below {@code minimum}, or there is no incident
     */
    public EvaluationAssert hasRangeAucRocAtLeast(double minimum) {
        return thresholdFree("range-AUC-ROC", minimum, Evaluation::rangeAucRoc,
                "buffer: the median incident length, time step " + timeStep());
    }

    private EvaluationAssert thresholdFree(String metric, double minimum,
                                           java.util.function.ToDoubleFunction<Evaluation> score, String context) {
        isNotNull();
        requireIncidents(metric);
        requireShare("minimum", minimum);
        double value = score.applyAsDouble(actual);
        if (!(value >= minimum)) {
            failAtLeast(metric, value, context, minimum);
        }
        return myself;
    }

    private String vusWindow() {
        return "largest window " + Evaluation.DEFAULT_VUS_WINDOW + " steps of " + timeStep();
    }

    private Duration timeStep() {
        return actual.options().timeStep();
    }

    /**
     * Verifies that every incident of one type was detected. Fails when the ground truth has no
     * incident of that type: there is nothing to detect.
     *
     * <pre>{@code
     * assertThat(half).detectsEvery(AnomalyType.CPU_SPIKE);     // passes
     * assertThat(half).detectsEvery(AnomalyType.LATENCY_SPIKE); // fails, listing inc-0002
     * }</pre>
     *
     * @param type the incident type
     * @return {@code this} assertion object
     * @throws AssertionError when an incident of that type was missed
     */
    public EvaluationAssert detectsEvery(AnomalyType type) {
        isNotNull();
        Objects.requireNonNull(type, "type");
        if (actual.groundTruth().incidentsOf(type).isEmpty()) {
            throwAssertionError(shouldHaveSomethingToScore("detection of every " + type.id() + " incident",
                    "the ground truth has no " + type.id() + " incident"));
        }
        List<Incident> missed = actual.missedIncidents().stream().filter(i -> i.type() == type).toList();
        if (!missed.isEmpty()) {
            int total = actual.groundTruth().incidentsOf(type).size();
            throwAssertionError(shouldDetectEvery(type.id() + " incident", missed.size(), total,
                    Listing.lines(missed, Listing::incident)));
        }
        return myself;
    }

    /**
     * Verifies that every incident was detected (incident-level recall 1). Fails when the ground
     * truth has no incident.
     *
     * <pre>{@code
     * assertThat(exact).detectsEveryIncident(); // passes
     * assertThat(half).detectsEveryIncident();  // fails, listing inc-0002
     * }</pre>
     *
     * @return {@code this} assertion object
     * @throws AssertionError when an incident was missed
     */
    public EvaluationAssert detectsEveryIncident() {
        isNotNull();
        requireIncidents("incident detection");
        List<Incident> missed = actual.missedIncidents();
        if (!missed.isEmpty()) {
            throwAssertionError(shouldDetectEvery("incident", missed.size(), actual.incidentCount(),
                    Listing.lines(missed, Listing::incident)));
        }
        return myself;
    }

    /**
     * Verifies the mean detection delay over detected incidents. Fails when no incident was
     * detected, and when the ground truth has none.
     *
     * <pre>{@code
     * // the detection of inc-0001 came 30 s after its onset
     * assertThat(half).hasMeanDetectionDelayAtMost(Duration.ofMinutes(1));  // passes
     * assertThat(half).hasMeanDetectionDelayAtMost(Duration.ofSeconds(10)); // fails
     * }</pre>
     *
     * @param maximum the longest acceptable mean delay
     * @return {@code this} assertion object
     * @throws AssertionError when the mean delay is longer, or nothing was detected
     */
    public EvaluationAssert hasMeanDetectionDelayAtMost(Duration maximum) {
        isNotNull();
        requireIncidents("mean detection delay");
        Objects.requireNonNull(maximum, "maximum");
        Optional<Duration> mean = actual.meanDetectionDelay();
        if (mean.isEmpty()) {
            throwAssertionError(shouldBeAtMost("mean detection delay", "undefined (no incident was detected)",
                    maximum.toString(), details()));
        } else if (mean.isPresent() && mean.get().compareTo(maximum) > 0) {
            throwAssertionError(shouldBeAtMost("mean detection delay", mean.get() + " (over "
                    + Listing.count(actual.detectionDelays().size(), "detected incident") + ")", maximum.toString(),
                    lateIncidents(maximum) + details()));
        }
        return myself;
    }

    /**
     * Verifies that no detected incident was detected later than a maximum after its onset. Fails
     * when no incident was detected, and when the ground truth has none.
     *
     * <pre>{@code
     * assertThat(half).hasMaxDetectionDelayAtMost(Duration.ofMinutes(1));  // passes: 30 s
     * assertThat(half).hasMaxDetectionDelayAtMost(Duration.ofSeconds(10)); // fails, listing inc-0001
     * }</pre>
     *
     * @param maximum the longest acceptable delay
     * @return {@code this} assertion object
     * @throws AssertionError when an incident was detected later
     */
    public EvaluationAssert hasMaxDetectionDelayAtMost(Duration maximum) {
        isNotNull();
        requireIncidents("max detection delay");
        Objects.requireNonNull(maximum, "maximum");
        Optional<Duration> max = actual.maxDetectionDelay();
        if (max.isEmpty()) {
            throwAssertionError(shouldBeAtMost("max detection delay", "undefined (no incident was detected)",
                    maximum.toString(), details()));
        } else if (max.get().compareTo(maximum) > 0) {
            throwAssertionError(shouldBeAtMost("max detection delay", max.get().toString(), maximum.toString(),
                    lateIncidents(maximum) + details()));
        }
        return myself;
    }

    /**
     * Verifies the number of false alarms per hour of dataset.
     *
     * <pre>{@code
     * // one false alarm in a one-hour dataset
     * assertThat(half).hasFalseAlarmsPerHourAtMost(1.0); // passes
     * assertThat(half).hasFalseAlarmsPerHourAtMost(0.5); // fails, listing the alarm at 00:50
     * }</pre>
     *
     * @param maximum the highest acceptable rate, not negative
     * @return {@code this} assertion object
     * @throws AssertionError when the rate is higher
     */
    public EvaluationAssert hasFalseAlarmsPerHourAtMost(double maximum) {
        isNotNull();
        if (!(maximum >= 0)) {
            throw new IllegalArgumentException("maximum: " + maximum + " is not accepted; expected 0 or more");
        }
        if (actual.falseAlarmsPerHour() > maximum) {
            Duration span = Duration.between(actual.groundTruth().start(), actual.groundTruth().end());
            throwAssertionError(shouldBeAtMost("false alarms per hour", figure(actual.falseAlarmsPerHour()) + " ("
                    + Listing.count(actual.falseAlarmCount(), "false alarm") + " in " + span + ")", figure(maximum), details()));
        }
        return myself;
    }

    /**
     * Verifies the number of false alarms.
     *
     * @param maximum the highest acceptable count, not negative
     * @return {@code this} assertion object
     * @throws AssertionError when there are more false alarms
     * @deprecated renamed {@link #hasFalseAlarmsAtMost(int)}, in line with
     *     {@link #hasFalseAlarmsPerHourAtMost(double)}; this name still works
     */
    @Deprecated
    public EvaluationAssert hasAtMostFalseAlarms(int maximum) {
        return hasFalseAlarmsAtMost(maximum);
    }

    /**
     * Verifies the number of false alarms.
     *
     * <pre>{@code
     * assertThat(half).hasFalseAlarmsAtMost(1); // passes
     * assertThat(half).hasFalseAlarmsAtMost(0); // fails, listing the alarm at 00:50
     * }</pre>
     *
     * @param maximum the highest acceptable count, not negative
     * @return {@code this} assertion object
     * @throws AssertionError when there are more false alarms
     */
    public EvaluationAssert hasFalseAlarmsAtMost(int maximum) {
        isNotNull();
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum: " + maximum + " is not accepted; expected 0 or more");
        }
        if (actual.falseAlarmCount() > maximum) {
            throwAssertionError(shouldBeAtMost("false alarms", actual.falseAlarmCount() + " of "
                    + actual.detections().size() + " detections", String.valueOf(maximum), details()));
        }
        return myself;
    }

    /**
     * Verifies that every detection matched an incident.
     *
     * <pre>{@code
     * assertThat(exact).hasNoFalseAlarms(); // passes
     * assertThat(half).hasNoFalseAlarms();  // fails, listing the alarm at 00:50
     * }</pre>
     *
     * @return {@code this} assertion object
     * @throws AssertionError when a detection matched no incident
     */
    public EvaluationAssert hasNoFalseAlarms() {
        return hasFalseAlarmsAtMost(0);
    }

    /**
     * Continues with the evaluation of one incident type (see {@link Evaluation#forType(AnomalyType)}).
     *
     * <pre>{@code
     * assertThat(half).forType(AnomalyType.CPU_SPIKE).hasRecallAtLeast(1.0);     // passes
     * assertThat(half).forType(AnomalyType.LATENCY_SPIKE).hasRecallAtLeast(1.0); // fails
     * }</pre>
     *
     * @param type the incident type
     * @return assertions on the evaluation of that type, described as {@code <type> incidents}
     */
    public EvaluationAssert forType(AnomalyType type) {
        isNotNull();
        return evaluationAsserts.apply(actual.forType(type)).as(type.id() + " incidents");
    }

    /**
     * Before the failure is thrown, writes an HTML report of the evaluation where the running test
     * collects them (melt-junit attaches it to a failed test; see
     * {@link dev.melt.generator.report.FailureReports}). A report that cannot be written never
     * hides the assertion's own failure.
     */
    @Override
    protected void throwAssertionError(org.assertj.core.error.ErrorMessageFactory errorMessageFactory) {
        try {
            java.util.Optional<java.nio.file.Path> file = dev.melt.generator.report.FailureReports.nextFile();
            if (file.isPresent()) {
                actual.writeHtml(file.get());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // The failure below is what the user needs; the report is a help.
        }
        super.throwAssertionError(errorMessageFactory);
    }

    /** A score over a ground truth without incidents only measures a division by zero: fail. */
    private void requireIncidents(String metric) {
        if (actual.incidentCount() == 0) {
            throwAssertionError(shouldHaveSomethingToScore(metric, "the ground truth has no incident"));
        }
    }

    private void failAtLeast(String metric, double value, String counts, double minimum) {
        throwAssertionError(shouldBeAtLeast(metric, figure(value) + " (" + counts + ")", figure(minimum), details()));
    }

    /** The missed incidents and the false alarms, the part of every message that says what to fix. */
    private String details() {
        List<Incident> missed = actual.missedIncidents();
        List<Detection> falseAlarms = actual.falseAlarms();
        return Listing.section("Missed incidents (" + missed.size() + " of " + actual.incidentCount() + ", tolerance "
                + actual.options().tolerance() + ")", missed, Listing::incident)
                + Listing.section("False alarms (" + falseAlarms.size() + " of " + actual.detections().size()
                + " detections)", falseAlarms, Detection::toString);
    }

    private String lateIncidents(Duration maximum) {
        List<String> late = new ArrayList<>();
        for (Map.Entry<String, Duration> delay : actual.detectionDelays().entrySet()) {
            if (delay.getValue().compareTo(maximum) > 0) {
                Incident incident = actual.groundTruth().incident(delay.getKey()).orElseThrow();
                late.add(Listing.incident(incident) + " detected after " + delay.getValue());
            }
        }
        return Listing.section("Detected later than " + maximum + " (" + late.size() + ")", late, s -> s);
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": " + value + " is not accepted; expected a number between 0 and 1");
        }
    }
}
