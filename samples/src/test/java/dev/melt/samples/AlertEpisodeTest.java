package dev.melt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEpisodeTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void raisesOneAlertPerLongEnoughEpisode() {
        AlertEpisode episode = new AlertEpisode("payment", "payment-01", "cpu_usage", 2);
        List<Alert> alerts = new ArrayList<>();

        episode.anomalous(T0, 5);
        episode.normal(T0.plusSeconds(30), alerts);          // one sample only: no alert
        episode.anomalous(T0.plusSeconds(60), 6);
        episode.anomalous(T0.plusSeconds(90), 9);
        episode.normal(T0.plusSeconds(120), alerts);

        assertThat(alerts).containsExactly(
                new Alert(T0.plusSeconds(60), T0.plusSeconds(120), "payment", "payment-01", "cpu_usage", 9));
    }

    @Test
    void judgesValuesAgainstABaselineThatAnIncidentDoesNotDrag() {
        AlertEpisode episode = new AlertEpisode("api", "api-01", "latency_p95", 2);
        EwmaBaseline baseline = new EwmaBaseline(0.5, 3, 1.0);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            episode.judge(T0.plusSeconds(30L * i), 10, baseline, 3, alerts);
        }
        // z = (20 - 10) / 1 = 10 twice: an episode; the baseline moves by at most one deviation per step.
        episode.judge(T0.plusSeconds(150), 20, baseline, 3, alerts);
        episode.judge(T0.plusSeconds(180), 20, baseline, 3, alerts);
        assertThat(baseline.mean()).isLessThan(11.5);
        episode.judge(T0.plusSeconds(210), 10, baseline, 3, alerts);

        assertThat(alerts).containsExactly(
                new Alert(T0.plusSeconds(150), T0.plusSeconds(210), "api", "api-01", "latency_p95", 10));
    }

    @Test
    void closesAnEpisodeStillOpenAtTheEnd() {
        AlertEpisode episode = new AlertEpisode("web", null, "log_error_ratio", 1);
        List<Alert> alerts = new ArrayList<>();

        episode.anomalous(T0, 7);
        episode.close(T0.plusSeconds(60), alerts);
        episode.close(T0.plusSeconds(120), alerts);          // nothing open any more

        assertThat(alerts).containsExactly(new Alert(T0, T0.plusSeconds(60), "web", null, "log_error_ratio", 7));
    }
}
