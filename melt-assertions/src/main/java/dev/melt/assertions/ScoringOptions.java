package dev.melt.assertions;

import java.time.Duration;
import java.util.Objects;

/**
 * How detections are scored: the tolerance around incident windows, the time step of the
 * point-wise and range-based metrics, the parameters of the range-based metrics and the NAB
 * profile. Immutable; each {@code with…} method returns a copy.
 *
 * <pre>{@code
 * ScoringOptions options = ScoringOptions.defaults()
 *         .withTolerance(Duration.ofMinutes(1))
 *         .withRangeRecall(0.5, Cardinality.RECIPROCAL, PositionalBias.FRONT);
 * }</pre>
 *
 * @param tolerance how far an incident's affected windows are widened on both sides before
 *     detections are matched to them (event-wise metrics, detection delay, NAB windows); not
 *     negative; default zero
 * @param timeStep the length of one time step of the point-wise, point-adjusted and range-based
 *     metrics, which see the dataset as a series of steps; positive; default one second
 * @param rangeAlpha α, the weight of the existence reward in range-based recall, between 0 and 1;
 *     default 0
 * @param rangeCardinality γ of range-based recall and precision; default {@link Cardinality#ONE}
 * @param rangeRecallBias δ of range-based recall; default {@link PositionalBias#FLAT}
 * @param rangePrecisionBias δ of range-based precision; default {@link PositionalBias#FLAT}
 * @param nabProfile the NAB profile of {@link Evaluation#nabScore()}; default {@link NabProfile#STANDARD}
 * @param zeroDivision the value of a ratio whose denominator is zero (precision without
 *     detections, recall without incidents, ...), as scikit-learn's {@code zero_division}: 0, 1
 *     or NaN; default 0, so a detector that never fires scores precision 0, not 1
 * @param nabProbationaryPercent the share of the series NAB leaves unscored at its start (at most
 *     that share of 5000 records), at least 0 and below 1; default 0.15, NAB's
 */
public record ScoringOptions(Duration tolerance, Duration timeStep, double rangeAlpha, Cardinality rangeCardinality,
                             PositionalBias rangeRecallBias, PositionalBias rangePrecisionBias,
                             NabProfile nabProfile, double zeroDivision, double nabProbationaryPercent) {

    /** Keeps every figure in the range of {@code long} nanoseconds. */
    private static final Duration LONGEST = Duration.ofDays(36_525);

    private static final ScoringOptions DEFAULTS = new ScoringOptions(Duration.ZERO, Duration.ofSeconds(1), 0.0,
            Cardinality.ONE, PositionalBias.FLAT, PositionalBias.FLAT, NabProfile.STANDARD, 0.0, 0.15);

    /**
     * Validates the options.
     *
     * @param tolerance the tolerance, not negative
     * @param timeStep the time step, positive
     * @param rangeAlpha α, between 0 and 1
     * @param rangeCardinality γ
     * @param rangeRecallBias δ of recall
     * @param rangePrecisionBias δ of precision
     * @param nabProfile the NAB profile
     * @param zeroDivision the value of a ratio over zero: 0, 1 or NaN
     * @param nabProbationaryPercent NAB's probationary share, in [0, 1)
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    public ScoringOptions {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(timeStep, "timeStep");
        Objects.requireNonNull(rangeCardinality, "rangeCardinality");
        Objects.requireNonNull(rangeRecallBias, "rangeRecallBias");
        Objects.requireNonNull(rangePrecisionBias, "rangePrecisionBias");
        Objects.requireNonNull(nabProfile, "nabProfile");
        if (tolerance.isNegative() || tolerance.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("tolerance: " + tolerance
                    + " is not accepted; expected a duration of zero or more, at most 100 years");
        }
        if (timeStep.isNegative() || timeStep.isZero() || timeStep.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("timeStep: " + timeStep
                    + " is not accepted; expected a positive duration of at most 100 years");
        }
        if (!(rangeAlpha >= 0.0 && rangeAlpha <= 1.0)) {
            throw new IllegalArgumentException("rangeAlpha: " + rangeAlpha
                    + " is not accepted; expected a number between 0 and 1");
        }
        if (!(zeroDivision == 0.0 || zeroDivision == 1.0 || Double.isNaN(zeroDivision))) {
            throw new IllegalArgumentException("zeroDivision: " + zeroDivision
                    + " is not accepted; expected 0, 1 or NaN (as scikit-learn's zero_division)");
        }
        if (!(nabProbationaryPercent >= 0.0 && nabProbationaryPercent < 1.0)) {
            throw new IllegalArgumentException("nabProbationaryPercent: " + nabProbationaryPercent
                    + " is not accepted; expected a share of at least 0 and below 1 (NAB uses 0.15)");
        }
    }

    /**
     * The options as they were before {@code zeroDivision} existed, with the defaults of the newer ones.
     *
     * @param tolerance the tolerance, not negative
     * @param timeStep the time step, positive
     * @param rangeAlpha α, between 0 and 1
     * @param rangeCardinality γ
     * @param rangeRecallBias δ of recall
     * @param rangePrecisionBias δ of precision
     * @param nabProfile the NAB profile
     * @deprecated use {@link #defaults()} and the {@code with…} methods, which survive new options
     */
    @Deprecated
    public ScoringOptions(Duration tolerance, Duration timeStep, double rangeAlpha, Cardinality rangeCardinality,
                          PositionalBias rangeRecallBias, PositionalBias rangePrecisionBias, NabProfile nabProfile) {
        this(tolerance, timeStep, rangeAlpha, rangeCardinality, rangeRecallBias, rangePrecisionBias, nabProfile,
                0.0, 0.15);
    }

    /**
     * Returns the default options: no tolerance, a one-second time step, α = 0, γ = one,
     * flat δ for recall and precision, the standard NAB profile, a zero division of 0, NAB's 15% probationary period.
     *
     * @return the defaults
     */
    public static ScoringOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another tolerance.
     *
     * @param newTolerance how far incident windows are widened on both sides, not negative
     * @return the copy
     */
    public ScoringOptions withTolerance(Duration newTolerance) {
        return new ScoringOptions(newTolerance, timeStep, rangeAlpha, rangeCardinality, rangeRecallBias,
                rangePrecisionBias, nabProfile, zeroDivision,
                nabProbationaryPercent);
    }

    /**
     * Returns a copy with another time step.
     *
     * @param newTimeStep the length of one step of the point-wise and range-based metrics, positive
     * @return the copy
     */
    public ScoringOptions withTimeStep(Duration newTimeStep) {
        return new ScoringOptions(tolerance, newTimeStep, rangeAlpha, rangeCardinality, rangeRecallBias,
                rangePrecisionBias, nabProfile, zeroDivision,
                nabProbationaryPercent);
    }

    /**
     * Returns a copy with other parameters of range-based recall.
     *
     * @param alpha the weight of the existence reward, between 0 and 1
     * @param cardinality γ, shared with range-based precision
     * @param bias δ of recall
     * @return the copy
     */
    public ScoringOptions withRangeRecall(double alpha, Cardinality cardinality, PositionalBias bias) {
        return new ScoringOptions(tolerance, timeStep, alpha, cardinality, bias, rangePrecisionBias, nabProfile, zeroDivision,
                nabProbationaryPercent);
    }

    /**
     * Returns a copy with another positional bias for range-based precision.
     *
     * @param bias δ of precision
     * @return the copy
     */
    public ScoringOptions withRangePrecisionBias(PositionalBias bias) {
        return new ScoringOptions(tolerance, timeStep, rangeAlpha, rangeCardinality, rangeRecallBias, bias,
                nabProfile, zeroDivision,
                nabProbationaryPercent);
    }

    /**
     * Returns a copy with another NAB profile.
     *
     * @param profile the profile
     * @return the copy
     */
    public ScoringOptions withNabProfile(NabProfile profile) {
        return new ScoringOptions(tolerance, timeStep, rangeAlpha, rangeCardinality, rangeRecallBias,
                rangePrecisionBias, profile, zeroDivision,
                nabProbationaryPercent);
    }

    /**
     * Returns a copy with another value for ratios whose denominator is zero.
     *
     * <pre>{@code
     * ScoringOptions.defaults().withZeroDivision(1.0); // nothing to score scores 1, as melt did at first
     * }</pre>
     *
     * @param value 0, 1 or NaN
     * @return the copy
     */
    public ScoringOptions withZeroDivision(double value) {
        return new ScoringOptions(tolerance, timeStep, rangeAlpha, rangeCardinality, rangeRecallBias,
                rangePrecisionBias, nabProfile, value,
                nabProbationaryPercent);
    }

    /**
     * Returns a copy with another probationary period for NAB.
     *
     * @param percent the share of the series left unscored at its start, at least 0 and below 1
     * @return the copy
     */
    public ScoringOptions withNabProbationaryPercent(double percent) {
        return new ScoringOptions(tolerance, timeStep, rangeAlpha, rangeCardinality, rangeRecallBias,
                rangePrecisionBias, nabProfile, zeroDivision, percent);
    }
}
