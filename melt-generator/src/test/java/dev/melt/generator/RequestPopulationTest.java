package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics, traces and logs come from one simulated request population: over twelve hours of a
 * Tuesday (the night's trough and the morning's rise), the metrics of every service agree with
 * its sampled spans within sampling error, latency has heavy tails and rises with load, endpoints
 * have their own trace shapes and hosts their own baselines. The dataset is read as a stream and
 * aggregated; nothing is held but the aggregates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class RequestPopulationTest {

    private static final double SAMPLING = 0.25;
    private static final Instant START = Instant.parse("2024-01-02T00:00:00Z");

    /** Per service: metric requests, metric errors and sampled spans and error spans, per minute. */
    private final Map<String, TreeMap<Long, double[]>> perMinute = new TreeMap<>();
    /** Per service and hour: its p95 and p99 samples. */
    private final Map<String, Map<Long, List<Double>[]>> metricQuantiles = new TreeMap<>();
    /** Per service and hour: the durations of its spans, in ms. */
    private final Map<String, Map<Long, List<Double>>> spanDurations = new TreeMap<>();
    /** Per operation: span durations, ms. */
    private final Map<String, List<Double>> operations = new TreeMap<>();
    /** Per root operation: the span counts of its traces. */
    private final Map<String, List<Integer>> traceSizes = new TreeMap<>();
    /** Per host: (request_rate, latency_p50) of each interval. */
    private final Map<String, List<double[]>> loadAndLatency = new TreeMap<>();
    /** Per service: errors and requests by the metrics. */
    private final Map<String, double[]> errorShare = new TreeMap<>();
    private final Map<String, String> serviceOfHost = new HashMap<>();
    /** Per service and hour: the increases of each histogram bucket (by its le) over the hour. */
    private final Map<String, Map<Long, TreeMap<Double, Double>>> bucketIncreases = new TreeMap<>();
    /** The last value of each bucket series, by host and le. */
    private final Map<String, Double> lastBucket = new HashMap<>();
    /** The latest instant of any record, and the dataset's end. */
    private Instant latest = Instant.MIN;
    private Instant end;
    /** Spans of 10 s or more, by id: {duration in µs, 1 when it has a child, its HTTP status}. */
    private final Map<String, long[]> longSpans = new HashMap<>();
    private static final double[] BOUNDS = {5, 10, 25, 50, 75, 100, 150, 250, 350, 500, 750, 1000, 2500, 5000, 7500,
        10000, Double.POSITIVE_INFINITY};

    @BeforeAll
    void generate(@TempDir Path temp) throws IOException {
        GenerationConfig spec = GenerationConfig.builder().seed(11).startTime(START).duration(Duration.ofHours(12))
                .requestRate(8).traceSampling(SAMPLING).missingSpanRate(0).metricsInterval(Duration.ofMinutes(1)).build();
        Path dir = temp.resolve("day");
        new MeltGenerator(spec).generate(dir);
        MeltData data = MeltData.open(dir);
        end = data.manifest().end();
        Map<String, Double> rateOf = new HashMap<>();
        try (Stream<MetricRecord> metrics = data.metrics()) {
            metrics.forEach(m -> {
                metric(m, rateOf);
                later(m.timestamp());
            });
        }
        try (Stream<LogRecord> logs = data.logs()) {
            logs.forEach(l -> later(l.timestamp()));
        }
        Map<String, Integer> spansOfTrace = new HashMap<>();
        Map<String, String> rootOf = new HashMap<>();
        try (Stream<SpanRecord> spans = data.traces()) {
            spans.forEach(s -> {
                span(s);
                later(s.startTime());
                long[] parent = s.parentSpanId() == null ? null : longSpans.get(s.parentSpanId());
                if (parent != null) {
                    parent[1] = 1;
                }
                if (s.durationMicros() >= 10_000_000) {
                    longSpans.put(s.spanId(), new long[] {s.durationMicros(), 0,
                        ((Number) s.tags().get("http.status_code")).longValue()});
                }
                spansOfTrace.merge(s.traceId(), 1, Integer::sum);
                if (s.parentSpanId() == null) {
                    rootOf.put(s.traceId(), s.operationName());
                }
            });
        }
        spansOfTrace.forEach((trace, n) -> traceSizes.computeIfAbsent(rootOf.get(trace), k -> new ArrayList<>()).add(n));
    }

    private void later(Instant t) {
        if (t.isAfter(latest)) {
            latest = t;
        }
    }

    private void metric(MetricRecord m, Map<String, Double> rateOf) {
        String key = m.host() + m.timestamp();
        serviceOfHost.put(m.host(), m.service());
        long minute = m.timestamp().getEpochSecond() / 60;
        long hour = minute / 60;
        switch (m.metricName()) {
            case "request_rate":
                rateOf.put(key, m.value());
                minute(m.service(), minute)[0] += m.value() * 60;
                errorShare.computeIfAbsent(m.service(), k -> new double[2])[1] += m.value() * 60;
                break;
            case "error_rate":
                double errors = m.value() / 100 * rateOf.get(key) * 60;
                minute(m.service(), minute)[1] += errors;
                errorShare.get(m.service())[0] += errors;
                break;
            case "latency_p50":
                loadAndLatency.computeIfAbsent(m.host(), k -> new ArrayList<>())
                        .add(new double[] {rateOf.get(key), m.value()});
                break;
            case "latency_p95":
            case "latency_p99":
                metricQuantiles.computeIfAbsent(m.service(), k -> new TreeMap<>())
                        .computeIfAbsent(hour, k -> new List[] {new ArrayList<Double>(), new ArrayList<Double>()})
                        [m.metricName().equals("latency_p95") ? 0 : 1].add(m.value());
                break;
            case "http_server_duration_bucket":
                String le = m.labels().get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                Double last = lastBucket.put(m.host() + "/" + le, m.value());
                // A counter: its increase, or its value after a reset.
                double increase = last == null || m.value() < last ? m.value() : m.value() - last;
                bucketIncreases.computeIfAbsent(m.service(), k -> new TreeMap<>())
                        .computeIfAbsent(hour, k -> new TreeMap<>()).merge(bound, increase, Double::sum);
                break;
            default:
                break;
        }
    }

    private void span(SpanRecord s) {
        long minute = s.startTime().getEpochSecond() / 60;
        double[] row = minute(s.service(), minute);
        row[2]++;
        row[3] += s.isError() ? 1 : 0;
        double ms = s.durationMicros() / 1000.0;
        spanDurations.computeIfAbsent(s.service(), k -> new TreeMap<>())
                .computeIfAbsent(minute / 60, k -> new ArrayList<>()).add(ms);
        operations.computeIfAbsent(s.operationName(), k -> new ArrayList<>()).add(ms);
    }

    private double[] minute(String service, long minute) {
        return perMinute.computeIfAbsent(service, k -> new TreeMap<>()).computeIfAbsent(minute, k -> new double[4]);
    }

    @Test
    void everyServicesRequestRateFollowsItsSampledSpansMinuteByMinute() {
        assertThat(perMinute).hasSize(6);
        perMinute.forEach((service, rows) -> {
            // Whole minutes only: the first and last may be cut.
            List<double[]> inner = new ArrayList<>(rows.values()).subList(1, rows.size() - 1);
            double[] requests = inner.stream().mapToDouble(r -> r[0]).toArray();
            double[] spans = inner.stream().mapToDouble(r -> r[2] / SAMPLING).toArray();
            assertThat(correlation(requests, spans)).as("correlation of %s's request_rate and spans", service)
                    .isGreaterThanOrEqualTo(0.9);
            // And the totals agree within sampling error (binomial, 4 sigma).
            double total = Arrays.stream(requests).sum();
            double sampled = inner.stream().mapToDouble(r -> r[2]).sum();
            assertThat(sampled).as("sampled spans of %s", service)
                    .isCloseTo(total * SAMPLING, within(4 * Math.sqrt(total * SAMPLING * (1 - SAMPLING)) + 1));
        });
    }

    @Test
    void errorRateAgreesWithTheErrorSpansWithinSamplingError() {
        perMinute.forEach((service, rows) -> {
            double errors = rows.values().stream().mapToDouble(r -> r[1]).sum();
            double errorSpans = rows.values().stream().mapToDouble(r -> r[3]).sum();
            assertThat(errorSpans).as("error spans of %s, %.0f errors by the metrics", service, errors)
                    .isCloseTo(errors * SAMPLING, within(4 * Math.sqrt(errors * SAMPLING * (1 - SAMPLING)) + 2));
        });
    }

    /**
     * The hour's p95 and p99 by {@code histogram_quantile} over the increases of the
     * {@code http_server_duration} buckets, against the same quantile of the hour's sampled spans
     * counted into the same buckets: both interpolate inside a bucket, so they agree within the
     * sampling error of the spans (3 sigma on the rank). Not within a fixed 10%: a bucket is 1.4 to
     * 2.5 times as wide as its lower bound, so a rank within sampling error moves the value
     * interpolated inside it by up to 11%. And the interval gauge {@code latency_p95}: its median over the
     * hour against the spans' p95. (The gauges are quantiles of one interval's requests and cannot
     * be added up over an hour, as with a Prometheus summary; the histogram can.)
     */
    @Test
    void theHistogramsHourlyQuantilesAndTheP95GaugeAgreeWithTheSpans() {
        int hours = 0;
        for (Map.Entry<String, Map<Long, TreeMap<Double, Double>>> service : bucketIncreases.entrySet()) {
            for (Map.Entry<Long, TreeMap<Double, Double>> hour : service.getValue().entrySet()) {
                List<Double> spans = spanDurations.get(service.getKey()).get(hour.getKey());
                TreeMap<Double, Double> spanBuckets = new TreeMap<>();
                for (double bound : BOUNDS) {
                    spanBuckets.put(bound, (double) spans.stream().filter(d -> d <= bound).count());
                }
                hours++;
                for (double q : new double[] {0.95, 0.99}) {
                    double metric = histogramQuantile(q, hour.getValue());
                    // The spans' quantile is an estimate from n sampled requests: its rank is off by
                    // up to 3 sqrt(q (1 - q) / n) at 3 sigma; the metric, of every request, lies inside.
                    double sigma = Math.sqrt(q * (1 - q) / spans.size());
                    assertThat(metric).as("p%.0f of %s in hour %d, %d spans", q * 100, service.getKey(),
                            hour.getKey(), spans.size()).isBetween(histogramQuantile(q - 3 * sigma, spanBuckets),
                            histogramQuantile(Math.min(0.9999, q + 3 * sigma), spanBuckets));
                }
                assertThat(quantile(metricQuantiles.get(service.getKey()).get(hour.getKey())[0], 0.5))
                        .as("latency_p95 of %s in hour %d", service.getKey(), hour.getKey())
                        .isCloseTo(quantile(spans, 0.95), org.assertj.core.data.Percentage.withPercentage(10));
            }
        }
        assertThat(hours).isEqualTo(6 * 12);
    }

    /** Prometheus' histogram_quantile: linear inside the bucket holding the rank, from 0 below the first. */
    private static double histogramQuantile(double q, TreeMap<Double, Double> cumulative) {
        double total = cumulative.lastEntry().getValue();
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
            if (b.getValue() >= rank) {
                if (b.getKey().isInfinite()) {
                    return lower;
                }
                return lower + (b.getKey() - lower) * (rank - below) / (b.getValue() - below);
            }
            lower = b.getKey();
            below = b.getValue();
        }
        return lower;
    }

    @Test
    void tailsAreHeavyPerOperationWithOutliersBeyondTwentyTimesTheMedian() {
        assertThat(operations).hasSizeGreaterThanOrEqualTo(15);
        Map<String, Double> ratios = new TreeMap<>();
        operations.forEach((op, durations) -> ratios.put(op, quantile(durations, 0.99) / quantile(durations, 0.50)));
        assertThat(ratios).as("p99/p50 per operation").allSatisfy((op, ratio) -> assertThat(ratio).isBetween(3.0, 10.0));
        long withOutliers = operations.values().stream()
                .filter(d -> d.stream().mapToDouble(Double::doubleValue).max().orElse(0) > 20 * quantile(d, 0.5))
                .count();
        assertThat(withOutliers).as("operations with a request slower than 20 times their median")
                .isGreaterThanOrEqualTo(operations.size() / 2);
    }

    @Test
    void latencyRisesWithLoadOnEveryService() {
        Map<String, List<double[]>> byService = new TreeMap<>();
        loadAndLatency.forEach((host, rows) -> byService.computeIfAbsent(serviceOfHost.get(host),
                k -> new ArrayList<>()).addAll(normalised(rows)));
        assertThat(byService).hasSize(6);
        byService.forEach((service, rows) -> assertThat(correlation(
                rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray()))
                .as("correlation of %s's load and p50", service).isGreaterThan(0.2));
    }

    /** Each host's rows divided by its own means, so that hosts with other baselines can be pooled. */
    private static List<double[]> normalised(List<double[]> rows) {
        double load = rows.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        double latency = rows.stream().mapToDouble(r -> r[1]).average().orElseThrow();
        return rows.stream().map(r -> new double[] {r[0] / load, r[1] / latency}).collect(Collectors.toList());
    }

    @Test
    void endpointsHaveTheirOwnTraceShapes() {
        Map<String, Double> meanSize = new TreeMap<>();
        traceSizes.forEach((op, sizes) -> meanSize.put(op, sizes.stream().mapToInt(Integer::intValue).average().orElse(0)));
        assertThat(meanSize).hasSize(6);
        // Reads that hit the cache are short; lists and writes call further.
        double smallest = meanSize.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double largest = meanSize.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(largest / smallest).as("mean trace sizes per endpoint: %s", meanSize).isGreaterThan(1.3);
        assertThat(traceSizes.values()).allSatisfy(sizes ->
                assertThat(sizes.stream().distinct().count()).as("trace sizes of one endpoint").isGreaterThan(1));
    }

    @Test
    void hostsOfAServiceDifferAndTheBaselineErrorRateIsBelowOnePercent() {
        Map<String, List<Double>> meanLatencyOfHosts = new TreeMap<>();
        loadAndLatency.forEach((host, rows) -> meanLatencyOfHosts.computeIfAbsent(serviceOfHost.get(host),
                k -> new ArrayList<>()).add(rows.stream().mapToDouble(r -> r[1]).average().orElseThrow()));
        long differing = meanLatencyOfHosts.values().stream()
                .filter(means -> Math.abs(means.get(0) / means.get(1) - 1) > 0.05).count();
        assertThat(differing).as("services whose two hosts differ by more than 5%% in p50: %s", meanLatencyOfHosts)
                .isGreaterThanOrEqualTo(4);
        errorShare.forEach((service, e) -> assertThat(e[0] / e[1]).as("error rate of %s", service)
                .isBetween(0.0005, 0.01));
    }

    @Test
    void nothingIsStampedAtOrAfterTheDatasetsEnd(@TempDir Path temp) throws IOException {
        assertThat(latest).isBefore(end).isAfter(end.minusSeconds(60));
        // At 300 requests a second, every trace sampled, dozens of requests are still running at
        // the end: their spans and lines stamped after it are not written.
        GenerationConfig busy = GenerationConfig.builder().seed(9).duration(Duration.ofMinutes(2)).requestRate(300)
                .traceSampling(1.0).build();
        Path dir = temp.resolve("busy");
        new MeltGenerator(busy).generate(dir);
        MeltData data = MeltData.open(dir);
        Instant busyEnd = data.manifest().end();
        try (Stream<LogRecord> logs = data.logs(); Stream<SpanRecord> spans = data.traces()) {
            assertThat(logs.filter(l -> !l.timestamp().isBefore(busyEnd)).count()).as("logs at or after the end").isZero();
            assertThat(spans.filter(x -> !x.startTime().isBefore(busyEnd)).count()).as("spans at or after").isZero();
        }
    }

    @Test
    void theServersDeadlineCutsThePowerLawTailWithA504() {
        // A span without children is all own time: at most the 10 s deadline plus the 0.2 ms
        // before its work starts; one that reaches the deadline failed with a 504.
        List<long[]> leaves = longSpans.values().stream().filter(v -> v[1] == 0).collect(Collectors.toList());
        assertThat(leaves).allSatisfy(v -> {
            assertThat(v[0]).as("leaf span duration, µs").isLessThanOrEqualTo(10_000_300L);
            assertThat(v[2]).as("its status").isEqualTo(504);
        });
    }

    @Test
    void anEntryServiceThatIsDownLeavesTheIngresss502sAndNoCountInItsMetrics(@TempDir Path temp) throws IOException {
        AnomalyConfig outages = AnomalyConfig.builder().probability(AnomalyType.SERVICE_OUTAGE, 1.0).build();
        GenerationConfig spec = GenerationConfig.builder().seed(5).duration(Duration.ofHours(6)).services("web")
                .hostsPerService(2).anomalies(AnomalyType.SERVICE_OUTAGE).anomalyConfig(outages).requestRate(10)
                .build();
        Path dir = temp.resolve("web-only");
        new MeltGenerator(spec).generate(dir);
        MeltData data = MeltData.open(dir);
        List<Incident> incidents = data.groundTruth().incidents();
        assertThat(incidents).isNotEmpty();
        List<LogRecord> refused;
        try (Stream<LogRecord> logs = data.logs()) {
            refused = logs.filter(l -> l.message().matches("[A-Z]+ /\\w+ 502 0 ms")).collect(Collectors.toList());
        }
        assertThat(refused).as("access lines of refused requests").hasSizeGreaterThan(20).allSatisfy(l -> {
            assertThat(l.traceId()).isNull();
            assertThat(l.metadata()).containsEntry("http.status_code", 502L);
            Incident in = incidents.stream().filter(i -> i.id().equals(l.incidentId())).findFirst().orElseThrow();
            assertThat(in.type()).isEqualTo(AnomalyType.SERVICE_OUTAGE);
            assertThat(l.timestamp()).isBetween(in.start(), in.end());
        });
        // The down hosts count only the requests they still served (fast 503s): far fewer than
        // in the hour before, when they counted every request.
        Incident first = incidents.get(0);
        Duration length = Duration.between(first.start(), first.end());
        double[] served = new double[2];
        try (Stream<MetricRecord> metrics = data.metrics()) {
            metrics.filter(m -> m.metricName().equals("request_rate")).forEach(m -> {
                if (!m.timestamp().isBefore(first.start()) && m.timestamp().isBefore(first.end())) {
                    served[0] += m.value();
                } else if (!m.timestamp().isBefore(first.start().minus(length)) && m.timestamp().isBefore(first.start())) {
                    served[1] += m.value();
                }
            });
        }
        assertThat(served[0]).as("request_rate summed over %s, against as long before it", first.id())
                .isLessThan(0.5 * served[1]);
    }

    @Test
    void anIntervalWithoutRequestsReportsNoLatencyAndNoErrorRate(@TempDir Path temp) throws IOException {
        GenerationConfig quiet = GenerationConfig.builder().seed(3).duration(Duration.ofMinutes(30)).requestRate(0.02)
                .build();
        Path dir = temp.resolve("quiet");
        new MeltGenerator(quiet).generate(dir);
        Map<String, List<String>> namesAt = new HashMap<>();
        Map<String, Double> rate = new HashMap<>();
        try (Stream<MetricRecord> metrics = MeltData.open(dir).metrics()) {
            metrics.forEach(m -> {
                String key = m.host() + m.timestamp();
                namesAt.computeIfAbsent(key, k -> new ArrayList<>()).add(m.metricName());
                if (m.metricName().equals("request_rate")) {
                    rate.put(key, m.value());
                }
            });
        }
        List<String> perRequest = List.of("error_rate", "latency_p50", "latency_p95", "latency_p99");
        long idle = rate.values().stream().filter(r -> r == 0).count();
        assertThat(idle).as("idle intervals").isGreaterThan(10);
        assertThat(rate.size() - idle).as("busy intervals").isGreaterThan(10);
        rate.forEach((key, r) -> {
            if (r == 0) {
                assertThat(namesAt.get(key)).as("samples of %s", key).doesNotContainAnyElementsOf(perRequest)
                        .contains("cpu_usage", "memory_usage", "request_rate", "requests_total");
            } else {
                assertThat(namesAt.get(key)).as("samples of %s", key).containsAll(perRequest);
            }
        });
    }

    private static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
