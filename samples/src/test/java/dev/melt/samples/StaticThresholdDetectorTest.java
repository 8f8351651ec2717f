package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.MetricRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The naive detector of the calibration scorecard: runs above a fixed threshold, per series. */
class StaticThresholdDetectorTest {

    private static MetricRecord cpu(int second, String host, double value) {
        return new MetricRecord(Instant.ofEpochSecond(second), "cpu_usage", value,
                Map.of("service", "api", "host", host), false, null);
    }

    @Test
    void anAlertSpansEachRunAboveTheThresholdOfOneSeries() {
        List<Alert> alerts = new StaticThresholdDetector("cpu_usage", 60).detect(Stream.of(
                cpu(0, "api-1", 20), cpu(0, "api-2", 70),
                cpu(30, "api-1", 65), cpu(30, "api-2", 20),
                cpu(60, "api-1", 80), cpu(60, "api-2", 20),
                cpu(90, "api-1", 30), cpu(90, "api-2", 61),
                new MetricRecord(Instant.ofEpochSecond(90), "latency_p95", 900, Map.of("service", "api", "host", "api-1"),
                        false, null)));

        assertThat(alerts).extracting(Alert::host, a -> a.start().getEpochSecond(), a -> a.end().getEpochSecond(),
                Alert::score).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("api-2", 0L, 30L, 70.0),
                        org.assertj.core.groups.Tuple.tuple("api-1", 30L, 90L, 80.0),
                        // Still above at the last sample: the alert ends there.
                        org.assertj.core.groups.Tuple.tuple("api-2", 90L, 90L, 61.0));
    }

    @Test
    void aValueAtTheThresholdIsNotAboveIt() {
        assertThat(new StaticThresholdDetector("cpu_usage", 60).detect(Stream.of(cpu(0, "api-1", 60)))).isEmpty();
    }

    @Test
    void refusesAThresholdThatIsNotANumber() {
        assertThatThrownBy(() -> new StaticThresholdDetector("cpu_usage", Double.NaN))
                .hasMessage("threshold: NaN is not accepted; expected a finite number");
    }
}
