package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.twoIncidents;
import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.MetricRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Record-by-record scores of a detector that labels records. */
class RecordEvaluationTest {

    private static final GroundTruth TRUTH = twoIncidents();

    private static MetricRecord sample(int minute, String service, String incident) {
        return new MetricRecord(at(minute), "cpu_usage", 50, Map.of("service", service, "host", service + "-1"),
                incident != null, incident);
    }

    /**
     * 10 anomalous records of inc-0001 (minutes 10..19), of which 8 are flagged; 90 normal
     * records, of which 2 are flagged. inc-0002 has 5 anomalous records, none flagged.
     */
    private static RecordEvaluation scores() {
        List<MetricRecord> records = new ArrayList<>();
        for (int m = 10; m < 20; m++) {
            records.add(sample(m, "checkout", "inc-0001"));
        }
        for (int m = 30; m < 35; m++) {
            records.add(sample(m, "payment", "inc-0002"));
        }
        for (int n = 0; n < 90; n++) {
            records.add(sample(n % 60, "db", null));
        }
        return RecordEvaluation.of(TRUTH, records.stream(),
                r -> ("inc-0001".equals(r.incidentId()) && r.timestamp().isAfter(at(11)))
                        || (!r.anomaly() && r.timestamp().equals(at(3))));
    }

    @Test
    void pointWiseCountsRecords() {
        // flagged: inc-0001 minutes 12..19 = 8 TP, 2 FN; inc-0002 5 FN; db at minute 3 appears twice
        // (n = 3 and n = 63) → 2 FP, 88 TN. Precision 8/10, recall 8/15, F1 = 2·0.8·(8/15)/(0.8 + 8/15) = 0.64
        RecordEvaluation scores = scores();
        assertThat(scores.truePositives()).isEqualTo(8);
        assertThat(scores.falsePositives()).isEqualTo(2);
        assertThat(scores.falseNegatives()).isEqualTo(7);
        assertThat(scores.trueNegatives()).isEqualTo(88);
        assertThat(scores.precision()).isCloseTo(0.8, within(1e-12));
        assertThat(scores.recall()).isCloseTo(8.0 / 15, within(1e-12));
        assertThat(scores.f1()).isCloseTo(0.64, within(1e-12));
        assertThat(scores.missedIncidents()).extracting(Incident::id).containsExactly("inc-0002");
        assertThat(scores.falsePositiveSamples()).hasSize(2);
    }

    @Test
    void pointAdjustmentCreditsEveryRecordOfATouchedIncident() {
        // inc-0001 touched → all its 10 records count: TP' = 10, FP 2, anomalous 15.
        // precision 10/12, recall 10/15, F1 = 2·(5/6)·(2/3)/(5/6 + 2/3) = 20/27
        RecordEvaluation scores = scores();
        assertThat(scores.pointAdjustedPrecision()).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(scores.pointAdjustedRecall()).isCloseTo(10.0 / 15, within(1e-12));
        assertThat(scores.pointAdjustedF1()).isCloseTo(20.0 / 27, within(1e-12));
    }

    @Test
    void assertionsPassAndFailListingMissedIncidentsAndFlaggedNormalRecords() {
        assertThatCode(() -> assertThat(scores()).hasPrecisionAtLeast(0.8).hasRecallAtLeast(0.5).hasF1AtLeast(0.6)
                .hasPointAdjustedF1AtLeast(0.7)).doesNotThrowAnyException();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(scores()).hasRecallAtLeast(0.9))
                .withMessage(String.join(System.lineSeparator(), "",
                        "Expecting record recall:",
                        "  0.5333 (TP 8, FP 2, FN 7, TN 88)",
                        "to be at least:",
                        "  0.9",
                        "Incidents with no flagged record (1):",
                        "  inc-0002 latency_spike at payment (host payment-1) [2024-01-01T00:30:00Z, 2024-01-01T00:40:00Z)",
                        "Flagged normal records (2):",
                        "  2024-01-01T00:03:00Z metrics of db (host db-1)",
                        "  2024-01-01T00:03:00Z metrics of db (host db-1)"));
    }

    @Test
    void theBuilderScoresOneRecordAtATime() {
        RecordEvaluation scores = RecordEvaluation.builder(TRUTH)
                .add(sample(12, "checkout", "inc-0001"), true)
                .add(sample(50, "db", null), false)
                .build();
        assertThat(scores.precision()).isEqualTo(1.0);
        assertThat(scores.recall()).isEqualTo(1.0);
        assertThat(scores.missedIncidents()).isEmpty();
    }
}
