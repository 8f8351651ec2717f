package dev.melt.generator.openmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.MetricRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenMetrics output in the real tools: {@code promtool check metrics} lints it,
 * {@code promtool tsdb create-blocks-from openmetrics} backfills it into a TSDB, and a
 * {@code prometheus} server started on 127.0.0.1 over that TSDB answers PromQL through its HTTP
 * API with the dataset's values, incident included. Needs Debian's {@code prometheus} package
 * (both binaries): {@code .ci/install-test-tools.sh} installs it; without it the test is skipped
 * outside CI and fails in CI.
 */
class PrometheusBackfillTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    static Path dataset;
    static Process server;
    static String base;
    static Incident spike;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void backfillAndStart() throws Exception {
        String promtool = PrometheusTools.require("promtool");
        String prometheus = PrometheusTools.require("prometheus");
        dataset = temp.resolve("data");
        new MeltGenerator(GenerationConfig.builder().seed(17).duration(Duration.ofMinutes(40)).requestRate(4)
                .anomalies(AnomalyType.CPU_SPIKE).formats(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS).build())
                .generate(dataset);
        spike = MeltData.open(dataset).groundTruth().incidents().stream()
                .filter(i -> i.type() == AnomalyType.CPU_SPIKE).findFirst().orElseThrow();
        Path tsdb = temp.resolve("tsdb");
        PrometheusTools.Run backfill = PrometheusTools.run(temp, null, promtool, "tsdb", "create-blocks-from",
                "openmetrics", dataset.resolve("metrics.om").toString(), tsdb.toString());
        assertThat(backfill.exit()).as("promtool backfill: %s %s", backfill.stdout(), backfill.stderr()).isZero();
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1m\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        server = new ProcessBuilder(prometheus, "--config.file=" + config, "--storage.tsdb.path=" + tsdb,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=100y")
                .redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("prometheus did not become ready: "
                        + Files.readString(temp.resolve("prometheus.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Runs an instant query; returns the result vector. */
    private static JsonNode query(String promql, Instant at) throws Exception {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + at.getEpochSecond() + (at.getNano() == 0 ? "" : "." + String.format("%03d", at.getNano() / 1_000_000));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", promql, r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).as(r.body()).isEqualTo("success");
        return body.path("data").path("result");
    }

    private static double single(String promql, Instant at) throws Exception {
        JsonNode result = query(promql, at);
        assertThat(result.size()).as("series of %s at %s: %s", promql, at, result).isEqualTo(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** The dataset's samples of one metric of one host, by time. */
    private static TreeMap<Instant, MetricRecord> jsonl(String metric, String host) throws IOException {
        try (Stream<MetricRecord> metrics = MeltData.open(dataset).metrics()) {
            return metrics.filter(r -> r.metricName().equals(metric) && r.host().equals(host))
                    .collect(Collectors.toMap(MetricRecord::timestamp, r -> r, (a, b) -> a, TreeMap::new));
        }
    }

    @Test
    void promtoolLintsOnlyWhatItsOlderFormatReadsDifferently() throws Exception {
        String promtool = PrometheusTools.require("promtool");
        PrometheusTools.Run check = PrometheusTools.run(temp, dataset.resolve("metrics.om"), promtool, "check",
                "metrics");
        // promtool check metrics reads the Prometheus text format 0.0.4, where a counter's HELP is
        // keyed by its sample name (requests_total), while OpenMetrics keys it by the family (requests).
        // Anything else it reports, including a parse error (exit 1), fails the test.
        Set<String> counters = OpenMetricsText.read(dataset.resolve("metrics.om")).families.entrySet().stream()
                .filter(f -> f.getValue()[0].equals("counter")).map(f -> f.getKey() + "_total no help text")
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(List.of((check.stdout() + check.stderr()).strip().split("\n"))))
                .as("promtool check metrics, exit %d", check.exit()).isEqualTo(counters);
        assertThat(check.exit()).as("exit code: 3 is lint problems, 1 a parse error").isIn(0, 3);
    }

    @Test
    void cpuUsageOfTheSpikedHostEqualsTheDatasetAtEveryTickOfTheIncident() throws Exception {
        String host = spike.rootCauseHost();
        TreeMap<Instant, MetricRecord> cpu = jsonl("cpu_usage", host);
        List<MetricRecord> during = new ArrayList<>(cpu.subMap(spike.start(), true, spike.end(), false).values());
        assertThat(during).as("cpu_usage samples in the incident window").isNotEmpty();
        for (MetricRecord r : during) {
            String selector = "{host=\"" + host + "\"}";
            assertThat(single("cpu_usage" + selector, r.timestamp())).as("cpu_usage at %s", r.timestamp())
                    .isEqualTo(r.value());
            assertThat(single("melt_anomaly" + selector, r.timestamp())).as("melt_anomaly at %s", r.timestamp())
                    .isEqualTo(1.0);
            assertThat(single("melt_incident{host=\"" + host + "\",incident_id=\"" + spike.id() + "\"}",
                    r.timestamp())).isEqualTo(1.0);
        }
    }

    @Test
    void theSpikeStandsOutInPromQlAsInTheDataset() throws Exception {
        String host = spike.rootCauseHost();
        TreeMap<Instant, MetricRecord> cpu = jsonl("cpu_usage", host);
        Duration window = Duration.between(spike.start(), spike.end());
        Instant end = cpu.lowerKey(spike.end());
        // max_over_time over (end - window, end] holds the incident's ticks.
        double inDataset = cpu.subMap(end.minus(window), false, end, true).values().stream()
                .mapToDouble(MetricRecord::value).max().orElseThrow();
        double before = cpu.headMap(spike.start(), false).values().stream().mapToDouble(MetricRecord::value).max()
                .orElseThrow();
        String promql = "max_over_time(cpu_usage{host=\"" + host + "\"}[" + window.toSeconds() + "s])";
        double inPrometheus = single(promql, end);
        assertThat(inPrometheus).isEqualTo(inDataset);
        assertThat(inPrometheus).as("the incident's peak against every sample before it").isGreaterThan(before);
        // Which hosts does Prometheus say are anomalous at the incident's end? Those the ground truth names.
        Instant tick = cpu.lowerKey(spike.end());
        Set<String> anomalous = new TreeSet<>();
        query("melt_anomaly == 1", tick).forEach(s -> anomalous.add(s.path("metric").path("host").asText()));
        Set<String> expected = new TreeSet<>();
        try (Stream<MetricRecord> metrics = MeltData.open(dataset).metrics()) {
            metrics.filter(r -> r.metricName().equals("cpu_usage") && r.timestamp().equals(tick) && r.anomaly())
                    .forEach(r -> expected.add(r.host()));
        }
        assertThat(anomalous).isEqualTo(expected).contains(host);
        for (AffectedService a : spike.affected()) {
            assertThat(anomalous.stream().anyMatch(h -> h.startsWith(a.service()))).as(a.service()).isTrue();
        }
    }

    @Test
    void countersAndHistogramsAnswerAsTheDatasetSays() throws Exception {
        String host = spike.rootCauseHost();
        TreeMap<Instant, MetricRecord> total = jsonl("requests_total", host);
        Instant last = total.lastKey();
        assertThat(single("requests_total{host=\"" + host + "\"}", last)).isEqualTo(total.get(last).value());
        // The +Inf bucket is the count, and the buckets are one series per bound.
        assertThat(single("http_server_duration_bucket{host=\"" + host + "\",le=\"+Inf\"}", last))
                .isEqualTo(jsonl("http_server_duration_count", host).get(last).value());
        assertThat(query("http_server_duration_bucket{host=\"" + host + "\"}", last).size())
                .isEqualTo(17);
    }
}
