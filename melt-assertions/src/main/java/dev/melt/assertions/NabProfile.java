package dev.melt.assertions;

/**
 * The application profiles of the Numenta Anomaly Benchmark (Lavin and Ahmad, "Evaluating
 * Real-time Anomaly Detection Algorithms – the Numenta Anomaly Benchmark", ICMLA 2015): the
 * weights of a true positive, a false positive and a false negative, as NAB's
 * {@code config/profiles.json} names them {@code standard}, {@code reward_low_FP_rate} and
 * {@code reward_low_FN_rate}.
 */
public enum NabProfile {
    /** The standard profile: A_TP = 1, A_FP = 0.11, A_FN = 1. */
    STANDARD(1.0, 0.11, 1.0),
    /** Rewards few false positives: A_TP = 1, A_FP = 0.22, A_FN = 1. */
    REWARD_LOW_FP_RATE(1.0, 0.22, 1.0),
    /** Rewards few false negatives: A_TP = 1, A_FP = 0.11, A_FN = 2. */
    REWARD_LOW_FN_RATE(1.0, 0.11, 2.0);

    private final double truePositiveWeight;
    private final double falsePositiveWeight;
    private final double falseNegativeWeight;

    NabProfile(double truePositiveWeight, double falsePositiveWeight, double falseNegativeWeight) {
        this.truePositiveWeight = truePositiveWeight;
        this.falsePositiveWeight = falsePositiveWeight;
        this.falseNegativeWeight = falseNegativeWeight;
    }

    /** @return A_TP, the reward of a detection at the very start of a window */
    public double truePositiveWeight() {
        return truePositiveWeight;
    }

    /** @return A_FP, the largest penalty of one false positive */
    public double falsePositiveWeight() {
        return falsePositiveWeight;
    }

    /** @return A_FN, the penalty of a window without a detection */
    public double falseNegativeWeight() {
        return falseNegativeWeight;
    }
}
