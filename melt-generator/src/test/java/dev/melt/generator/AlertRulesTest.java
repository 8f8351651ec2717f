package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts are alert rules evaluated on the generated metrics, not announcements of the ground
 * truth: each FIRING alert follows samples that crossed its threshold for its {@code for}, each
 * such run fires one, each RESOLVED follows the first sample back under it, and so alerts come
 * late, miss incidents that stay under a threshold and fire on noise outside any window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertRulesTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** The rules with fixed thresholds: name, metric, threshold, for. */
    private static final Object[][] RULES = {
        {"HighCpuUsage", "cpu_usage", 80.0, Duration.ofMinutes(1)},
        {"HighErrorRate", "error_rate", 10.0, Duration.ofMinutes(1)},
        {"ServiceDown", "error_rate", 90.0, Duration.ofSeconds(30)},
    };

    private final Map<Difficulty, MeltData> data = new HashMap<>();

    @BeforeAll
    void generate(@TempDir Path temp) throws IOException {
        for (Difficulty d : new Difficulty[] {Difficulty.SUBTLE, Difficulty.NORMAL}) {
            GenerationConfig spec = GenerationConfig.builder().seed(7).size("40MB").anomalies(AnomalyType.values())
                    .anomalyConfig(AnomalyConfig.builder().difficulty(d).build()).build();
            Path dir = temp.resolve(d.name());
            new MeltGenerator(spec).generate(dir);
            data.put(d, MeltData.open(dir));
        }
    }

    private static List<EventRecord> alerts(MeltData data) {
        try (Stream<EventRecord> events = data.events()) {
            return events.filter(e -> e.eventType().equals("alert")).collect(Collectors.toList());
        }
    }

    /** Per host: a metric's samples by time. */
    private static Map<String, TreeMap<Instant, MetricRecord>> samples(MeltData data, String metric) {
        Map<String, TreeMap<Instant, MetricRecord>> byHost = new HashMap<>();
        try (Stream<MetricRecord> metrics = data.metrics()) {
            metrics.filter(m -> m.metricName().equals(metric))
                    .forEach(m -> byHost.computeIfAbsent(m.host(), k -> new TreeMap<>()).put(m.timestamp(), m));
        }
        return byHost;
    }

    @ParameterizedTest
    @EnumSource(value = Difficulty.class, names = {"SUBTLE", "NORMAL"})
    void everyAlertIsItsRuleEvaluatedOnTheMetricsAndEveryRunAboveAThresholdFiresOne(Difficulty d) {
        MeltData dataset = data.get(d);
        List<EventRecord> alerts = alerts(dataset);
        Instant end = dataset.manifest().end();
        int checked = 0;
        for (Object[] rule : RULES) {
            String name = (String) rule[0];
            double threshold = (Double) rule[2];
            Duration hold = (Duration) rule[3];
            Map<String, TreeMap<Instant, MetricRecord>> byHost = samples(dataset, (String) rule[1]);
            // Replay the rule on each host's samples: evaluated at each interval's end on its
            // sample; a missing sample breaks a run.
            List<String> expected = new ArrayList<>();
            for (Map.Entry<String, TreeMap<Instant, MetricRecord>> host : byHost.entrySet()) {
                Instant since = null;
                boolean firing = false;
                Instant previous = null;
                for (MetricRecord m : host.getValue().values()) {
                    Instant at = m.timestamp().plus(INTERVAL);
                    if (previous != null && !m.timestamp().equals(previous.plus(INTERVAL)) && since != null) {
                        since = null; // a gap: the condition did not hold in between
                        if (firing) {
                            firing = false;
                            expected.add("[RESOLVED] " + host.getKey() + " " + previous.plus(INTERVAL.multipliedBy(2)));
                        }
                    }
                    previous = m.timestamp();
                    if (m.value() > threshold) {
                        since = since == null ? at : since;
                        if (!firing && !at.isBefore(since.plus(hold))) {
                            firing = true;
                            expected.add("[FIRING] " + host.getKey() + " " + at);
                        }
                    } else {
                        since = null;
                        if (firing) {
                            firing = false;
                            expected.add("[RESOLVED] " + host.getKey() + " " + at);
                        }
                    }
                }
            }
            List<String> actual = alerts.stream().filter(e -> name.equals(e.metadata().get("alert_name")))
                    .map(e -> e.message().substring(0, e.message().indexOf(']') + 1) + " " + e.metadata().get("host")
                            + " " + e.timestamp())
                    .collect(Collectors.toList());
            expected.removeIf(x -> !Instant.parse(x.substring(x.lastIndexOf(' ') + 1)).isBefore(end));
            assertThat(actual).as("%s at %s", name, d).containsExactlyInAnyOrderElementsOf(expected);
            checked += actual.size();
        }
        assertThat(checked).as("alerts checked at %s", d).isGreaterThan(4);
    }

    @Test
    void anAlertEventIsLabelledByItsOwnTimestampAsEveryRecordIs() {
        int checked = 0;
        for (MeltData dataset : data.values()) {
            GroundTruth truth = dataset.groundTruth();
            for (EventRecord alert : alerts(dataset)) {
                String expected = truth.incidentAt(alert.service(), alert.host(), alert.timestamp())
                        .map(Incident::id).orElse(null);
                assertThat(alert.incidentId()).as("%s", alert.message()).isEqualTo(expected);
                assertThat(alert.anomaly()).isEqualTo(expected != null);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void alertsComeLateMissSubtleIncidentsAndFireOnNoise() {
        for (Map.Entry<Difficulty, MeltData> e : data.entrySet()) {
            List<EventRecord> firing = alerts(e.getValue()).stream().filter(a -> a.message().startsWith("[FIRING]"))
                    .collect(Collectors.toList());
            for (Incident i : e.getValue().groundTruth().incidents()) {
                // Never before a minute of the incident has passed: a rule needs its samples.
                assertThat(firing).filteredOn(a -> i.id().equals(a.incidentId()))
                        .allSatisfy(a -> assertThat(a.timestamp()).isAfterOrEqualTo(i.start().plusSeconds(30)));
            }
        }
        MeltData subtle = data.get(Difficulty.SUBTLE);
        List<EventRecord> subtleFiring = alerts(subtle).stream().filter(a -> a.message().startsWith("[FIRING]"))
                .collect(Collectors.toList());
        assertThat(subtle.groundTruth().incidents()).as("incidents no alert names at subtle")
                .anyMatch(i -> subtleFiring.stream().noneMatch(a -> i.id().equals(a.incidentId())));
        List<EventRecord> normalFiring = alerts(data.get(Difficulty.NORMAL)).stream()
                .filter(a -> a.message().startsWith("[FIRING]")).collect(Collectors.toList());
        assertThat(normalFiring).as("alerts outside every incident").anyMatch(a -> !a.anomaly());
        assertThat(normalFiring).as("alerts inside incidents").anyMatch(EventRecord::anomaly);
    }
}
