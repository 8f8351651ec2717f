package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.Signal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionTest {

    @Test
    void aPointIsAWindowOfZeroLength() {
        Detection point = Detection.at(at(5));
        assertThat(point.start()).isEqualTo(point.end());
        assertThat(point.isPoint()).isTrue();
        assertThat(point.service()).isNull();
        assertThat(point.score()).isEmpty();
    }

    @Test
    void factoriesReadWellAndReturnCopies() {
        Detection plain = Detection.between(at(5), at(6));
        Detection blamed = plain.on("payment").onHost("payment-2").onMetric("latency_ms").withScore(0.9);
        assertThat(plain.service()).isNull();
        assertThat(blamed.service()).isEqualTo("payment");
        assertThat(blamed.host()).isEqualTo("payment-2");
        assertThat(blamed.metric()).isEqualTo("latency_ms");
        assertThat(blamed.score()).hasValue(0.9);
        assertThat(blamed.toString()).isEqualTo(
                "[2024-01-01T00:05:00Z, 2024-01-01T00:06:00Z) on payment (host payment-2) metric latency_ms score 0.9");
        assertThat(Detection.at(at(5)).onSignal(Signal.LOGS).toString())
                .isEqualTo("2024-01-01T00:05:00Z on any service from logs");
    }

    @Test
    void aNamedTypeIsKeptByEveryCopyAndShown() {
        Detection typed = Detection.at(at(5)).ofType(AnomalyType.CPU_SPIKE).on("payment").withScore(0.5);
        assertThat(typed.type()).isEqualTo(AnomalyType.CPU_SPIKE);
        assertThat(Detection.at(at(5)).type()).isNull();
        assertThat(typed).isNotEqualTo(Detection.at(at(5)).on("payment").withScore(0.5))
                .isEqualTo(Detection.at(at(5)).on("payment").withScore(0.5).ofType(AnomalyType.CPU_SPIKE));
        assertThat(typed.toString()).isEqualTo("2024-01-01T00:05:00Z on payment as cpu_spike score 0.5");
    }

    @Test
    void aFlaggedRecordBecomesAPointOnItsServiceHostAndMetric() {
        MetricRecord record = new MetricRecord(at(7), "cpu_usage", 91.5,
                Map.of("service", "checkout", "host", "checkout-1"), true, "inc-0001");
        Detection detection = Detection.of(record);
        assertThat(detection.start()).isEqualTo(at(7));
        assertThat(detection.isPoint()).isTrue();
        assertThat(detection.service()).isEqualTo("checkout");
        assertThat(detection.host()).isEqualTo("checkout-1");
        assertThat(detection.signal()).isEqualTo(Signal.METRICS);
        assertThat(detection.metric()).isEqualTo("cpu_usage");
    }

    @Test
    void badWindowsAndScoresAreRejectedWithTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Detection.between(at(6), at(5)))
                .withMessage("detection end: 2024-01-01T00:05:00Z is not accepted; expected an instant at or after start"
                        + " 2024-01-01T00:06:00Z");
        assertThatIllegalArgumentException().isThrownBy(() -> Detection.at(at(1)).withScore(Double.NaN))
                .withMessage("detection score: NaN is not accepted; expected a finite number");
    }

    @Test
    void scoringOptionsRejectBadValuesNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScoringOptions.defaults().withTolerance(java.time.Duration.ofSeconds(-1)))
                .withMessage("tolerance: PT-1S is not accepted; expected a duration of zero or more, at most 100 years");
        assertThatIllegalArgumentException().isThrownBy(() -> ScoringOptions.defaults().withTimeStep(java.time.Duration.ZERO))
                .withMessage("timeStep: PT0S is not accepted; expected a positive duration of at most 100 years");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScoringOptions.defaults().withRangeRecall(1.5, Cardinality.ONE, PositionalBias.FLAT))
                .withMessage("rangeAlpha: 1.5 is not accepted; expected a number between 0 and 1");
        assertThatIllegalArgumentException().isThrownBy(() -> Detection.at(java.time.Instant.parse("2300-01-01T00:00:00Z")))
                .withMessage("detection instant: 2300-01-01T00:00:00Z is not accepted; expected an instant between"
                        + " 1677-09-22 and 2262-04-11");
    }

    @Test
    void equalDetectionsAreEqual() {
        assertThat(Detection.at(at(1)).on("a").withScore(1)).isEqualTo(Detection.at(at(1)).on("a").withScore(1))
                .hasSameHashCodeAs(Detection.at(at(1)).on("a").withScore(1))
                .isNotEqualTo(Detection.at(at(1)).on("b").withScore(1));
    }
}
