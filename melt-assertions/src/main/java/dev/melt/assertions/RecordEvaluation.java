package dev.melt.assertions;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.TelemetryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Record-by-record scores of a detector that labels records (a classifier): its predictions
 * against the {@code anomaly} label every record carries.
 *
 * <pre>{@code
 * RecordEvaluation scores;
 * try (Stream<MetricRecord> metrics = data.metrics()) {
 *     scores = RecordEvaluation.of(data.groundTruth(), metrics, detector::isAnomalous);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Point-wise {@link #precision()}, {@link #recall()}, {@link #f1()} over the records.</li>
 *   <li>Point-adjusted {@link #pointAdjustedF1()} (OmniAnomaly, Su et al. KDD 2019): once one
 *       record of an incident is flagged, every record of that incident counts as flagged.
 *       <em>Optimistic</em> (Kim et al., AAAI 2022): report it next to the point-wise F1.</li>
 * </ul>
 * Where a definition divides by zero (no anomalous record, no flagged record) the value is the
 * {@linkplain ScoringOptions#zeroDivision() zero division} of the options, 0 by default (as
 * scikit-learn's {@code zero_division=0}): a detector that flags nothing has precision 0.
 */
public final class RecordEvaluation {

    /** How many false positives a failure message can show. */
    static final int SAMPLES = 10;

    private final GroundTruth truth;
    private final double zeroDivision;
    private final long truePositives;
    private final long falsePositives;
    private final long falseNegatives;
    private final long trueNegatives;
    private final long adjustedTruePositives;
    private final List<Incident> missedIncidents;
    private final List<TelemetryRecord> falsePositiveSamples;

    private RecordEvaluation(Builder builder) {
        truth = builder.truth;
        zeroDivision = builder.zeroDivision;
        truePositives = builder.truePositives;
        falsePositives = builder.falsePositives;
        falseNegatives = builder.falseNegatives;
        trueNegatives = builder.trueNegatives;
        long adjusted = 0;
        List<Incident> missed = new ArrayList<>();
        for (Incident incident : truth.incidents()) {
            long[] counts = builder.perIncident.get(incident.id());
            if (counts == null) {
                continue; // no labelled record of this incident was scored
            }
            if (counts[1] > 0) {
                adjusted += counts[0];
            } else {
                missed.add(incident);
            }
        }
        adjustedTruePositives = adjusted;
        missedIncidents = List.copyOf(missed);
        falsePositiveSamples = List.copyOf(builder.samples);
    }

    /**
     * Scores a stream of records in one pass.
     *
     * @param truth the ground truth the records were labelled from
     * @param records the records; the caller closes the stream
     * @param detector tells whether the detector flags a record as anomalous
     * @return the scores
     */
    public static RecordEvaluation of(GroundTruth truth, Stream<? extends TelemetryRecord> records,
                                      Predicate<? super TelemetryRecord> detector) {
        return of(truth, records, detector, ScoringOptions.defaults());
    }

    /**
     * Scores a stream of records in one pass, with the zero division of some options.
     *
     * @param truth the ground truth the records were labelled from
     * @param records the records; the caller closes the stream
     * @param detector tells whether the detector flags a record as anomalous
     * @param options the options; only {@link ScoringOptions#zeroDivision()} applies to records
     * @return the scores
     */
    public static RecordEvaluation of(GroundTruth truth, Stream<? extends TelemetryRecord> records,
                                      Predicate<? super TelemetryRecord> detector, ScoringOptions options) {
        Builder builder = builder(truth, options);
        records.forEachOrdered(r -> builder.add(r, detector.test(r)));
        return builder.build();
    }

    /**
     * Starts scoring records one at a time, for detectors that are easier to drive in a loop.
     *
     * @param truth the ground truth the records were labelled from
     * @return a builder; not thread-safe
     */
    public static Builder builder(GroundTruth truth) {
        return builder(truth, ScoringOptions.defaults());
    }

    /**
     * Starts scoring records one at a time, with the zero division of some options.
     *
     * @param truth the ground truth the records were labelled from
     * @param options the options; only {@link ScoringOptions#zeroDivision()} applies to records
     * @return a builder; not thread-safe
     */
    public static Builder builder(GroundTruth truth, ScoringOptions options) {
        return new Builder(Objects.requireNonNull(truth, "truth"),
                Objects.requireNonNull(options, "options").zeroDivision());
    }

    /** @return the ground truth */
    public GroundTruth groundTruth() {
        return truth;
    }

    /** @return anomalous records flagged */
    public long truePositives() {
        return truePositives;
    }

    /** @return normal records flagged */
    public long falsePositives() {
        return falsePositives;
    }

    /** @return anomalous records not flagged */
    public long falseNegatives() {
        return falseNegatives;
    }

    /** @return normal records not flagged */
    public long trueNegatives() {
        return trueNegatives;
    }

    /** @return TP / (TP + FP), or the zero division when nothing was flagged */
    public double precision() {
        return Evaluation.ratio(truePositives, truePositives + falsePositives, zeroDivision);
    }

    /** @return TP / (TP + FN), or the zero division when no record is anomalous */
    public double recall() {
        return Evaluation.ratio(truePositives, truePositives + falseNegatives, zeroDivision);
    }

    /** @return the value of a ratio over zero, from the options */
    public double zeroDivision() {
        return zeroDivision;
    }

    /** @return the harmonic mean of precision and recall */
    public double f1() {
        return Evaluation.f1(precision(), recall());
    }

    /** @return point-adjusted precision: TP' / (TP' + FP); optimistic */
    public double pointAdjustedPrecision() {
        return Evaluation.ratio(adjustedTruePositives, adjustedTruePositives + falsePositives, zeroDivision);
    }

    /** @return point-adjusted recall: TP' / (TP + FN); optimistic */
    public double pointAdjustedRecall() {
        return Evaluation.ratio(adjustedTruePositives, truePositives + falseNegatives, zeroDivision);
    }

    /** @return point-adjusted F1; optimistic, see the class comment */
    public double pointAdjustedF1() {
        return Evaluation.f1(pointAdjustedPrecision(), pointAdjustedRecall());
    }

    /** @return incidents with labelled records of which none was flagged, in ground-truth order */
    public List<Incident> missedIncidents() {
        return missedIncidents;
    }

    /** @return the first false positives (at most 10), in the order they were scored */
    public List<TelemetryRecord> falsePositiveSamples() {
        return falsePositiveSamples;
    }

    @Override
    public String toString() {
        return "RecordEvaluation[precision=" + precision() + ", recall=" + recall() + ", f1=" + f1() + ", tp="
                + truePositives + ", fp=" + falsePositives + ", fn=" + falseNegatives + ", tn=" + trueNegatives + "]";
    }

    /** Scores records one at a time. Not thread-safe. */
    public static final class Builder {

        private final GroundTruth truth;
        private final double zeroDivision;
        private final Map<String, long[]> perIncident = new HashMap<>();
        private final List<TelemetryRecord> samples = new ArrayList<>();
        private long truePositives;
        private long falsePositives;
        private long falseNegatives;
        private long trueNegatives;

        private Builder(GroundTruth truth, double zeroDivision) {
            this.truth = truth;
            this.zeroDivision = zeroDivision;
        }

        /**
         * Scores one record.
         *
         * @param record the record, with its label
         * @param flagged whether the detector flags it as anomalous
         * @return this builder
         */
        public Builder add(TelemetryRecord record, boolean flagged) {
            if (record.anomaly()) {
                if (flagged) {
                    truePositives++;
                } else {
                    falseNegatives++;
                }
                if (record.incidentId() != null) {
                    long[] counts = perIncident.computeIfAbsent(record.incidentId(), id -> new long[2]);
                    counts[0]++;
                    counts[1] += flagged ? 1 : 0;
                }
            } else if (flagged) {
                falsePositives++;
                if (samples.size() < SAMPLES) {
                    samples.add(record);
                }
            } else {
                trueNegatives++;
            }
            return this;
        }

        /** @return the scores of the records added so far */
        public RecordEvaluation build() {
            return new RecordEvaluation(this);
        }
    }
}
