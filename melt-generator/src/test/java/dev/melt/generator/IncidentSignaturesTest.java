package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.internal.plan.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generates small datasets with every incident type and checks, record by record, that each
 * incident shows its signature in every signal, that the baseline holds outside the windows and
 * that labels match the ground truth exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentSignaturesTest {

    private final List<Dataset> datasets = new ArrayList<>();

    /** A fleet of one host per service and short incidents keep the datasets at 20 MB (about 9 requests a second). */
    static GenerationConfig spec(long seed) {
        AnomalyConfig anomalies = AnomalyConfig.builder()
                .duration(AnomalyType.CPU_SPIKE, Duration.ofMinutes(3), Duration.ofMinutes(5))
                .duration(AnomalyType.SERVICE_OUTAGE, Duration.ofMinutes(3), Duration.ofMinutes(5))
                .duration(AnomalyType.LATENCY_SPIKE, Duration.ofMinutes(3), Duration.ofMinutes(5))
                .duration(AnomalyType.ERROR_BURST, Duration.ofMinutes(2), Duration.ofMinutes(4)).build();
        return GenerationConfig.builder().seed(seed).size("20MB").duration(Duration.ofHours(1)).hostsPerService(1)
                .logsInterval(Duration.ofSeconds(5)).traceSampling(0.2)
                .anomalies(AnomalyType.values()).anomalyConfig(anomalies).build();
    }

    @BeforeAll
    void generate(@TempDir Path temp) throws IOException {
        for (long seed : new long[] {1, 2}) {
            Path dir = temp.resolve("seed-" + seed);
            new MeltGenerator(spec(seed)).generate(dir);
            datasets.add(new Dataset(seed, MeltData.open(dir)));
        }
    }

    Stream<Dataset> datasets() {
        return datasets.stream();
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void everyRecordIsLabelledExactlyWhenItLiesInAWindowOfItsIncident(Dataset d) {
        GroundTruth truth = d.data.groundTruth();
        List<TelemetryRecord> all = d.all();
        long labelled = 0;
        for (TelemetryRecord r : all) {
            String expected = truth.incidentAt(r.service(), r.host(), r.timestamp()).map(Incident::id).orElse(null);
            assertThat(r.incidentId()).as("label of %s", r).isEqualTo(expected);
            assertThat(r.anomaly()).as("anomaly flag of %s", r).isEqualTo(expected != null);
            labelled += expected == null ? 0 : 1;
        }
        assertThat(labelled).isPositive();
        // Each signal labels something of every incident.
        for (Incident i : truth.incidents()) {
            assertThat(d.metrics).as("metrics of %s", i.id()).anyMatch(r -> i.id().equals(r.incidentId()));
            assertThat(d.spans).as("spans of %s", i.id()).anyMatch(r -> i.id().equals(r.incidentId()));
            assertThat(d.logs).as("logs of %s", i.id()).anyMatch(r -> i.id().equals(r.incidentId()));
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void cpuBuildsUpToAPlateauAbove80PercentOnTheRootHostOfACpuSpike(Dataset d) {
        for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.CPU_SPIKE)) {
            List<Double> cpu = d.values("cpu_usage", i.rootCauseService(), i.rootCauseHost(), i.id());
            assertThat(cpu).as("cpu of %s", i.id()).hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy(v -> assertThat(v).isBetween(0.0, 97.0));
            // The middle fifth of the window is on the plateau; the first sample is still on the
            // way up (a ramp of 15-35% of the window), far below it.
            List<Double> middle = cpu.subList(cpu.size() * 2 / 5, Math.max(cpu.size() * 2 / 5 + 1, cpu.size() * 3 / 5));
            assertThat(middle).as("plateau of %s", i.id()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(80.0));
            assertThat(cpu.get(0)).as("first sample of %s", i.id()).isLessThan(mean(middle) - 20);
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void aCallerOfASaturatedHostLogsSlowCallsNotCpuThrottling(Dataset d) {
        java.util.Set<String> cpuLines = java.util.Set.of("CPU throttling detected, request queue growing",
                "event loop lag above 200 ms", "worker pool saturated, queueing requests");
        for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.CPU_SPIKE)) {
            assertThat(d.logs).as("CPU lines of %s on its root", i.id()).anyMatch(l -> i.id().equals(l.incidentId())
                    && i.rootCauseService().equals(l.service()) && cpuLines.contains(l.message()));
            assertThat(d.logs).as("CPU lines of %s on its callers", i.id()).noneMatch(l -> i.id().equals(l.incidentId())
                    && !i.rootCauseService().equals(l.service()) && cpuLines.contains(l.message()));
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void latencyAtLeastDoublesInALatencySpike(Dataset d) {
        for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.LATENCY_SPIKE)) {
            String s = i.rootCauseService();
            assertThat(mean(d.values("latency_p50", s, null, i.id())))
                    .isGreaterThanOrEqualTo(2 * mean(d.values("latency_p50", s, null, null)));
            assertThat(median(d.spanDurations(s, i.id())))
                    .isGreaterThanOrEqualTo(2 * median(d.spanDurations(s, null)));
            assertThat(d.logs).as("slow-request warnings of %s", i.id())
                    .anyMatch(l -> i.id().equals(l.incidentId()) && l.level().equals("WARN") && s.equals(l.service()));
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void errorRateExceedsTenPercentInAnErrorBurstWithFittingErrorCodes(Dataset d) {
        for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.ERROR_BURST)) {
            String s = i.rootCauseService();
            assertThat(d.values("error_rate", s, null, i.id())).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(10.0));
            List<SpanRecord> spans = d.spans(s, i.id());
            assertThat(spans).hasSizeGreaterThanOrEqualTo(10);
            assertThat(spans.stream().filter(SpanRecord::isError).count()).isGreaterThanOrEqualTo(spans.size() / 10);
            // The burst has one cause: a single error code dominates the root's ERROR logs.
            Set<Object> codes = d.logs.stream().filter(l -> i.id().equals(l.incidentId()) && s.equals(l.service())
                            && l.level().equals("ERROR") && l.traceId() != null)
                    .map(l -> l.metadata().get("error_code")).collect(Collectors.toSet());
            assertThat(codes).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void noSpanSucceedsOnAServiceThatIsDownUntilItRestartsAndItsRequestRateCollapses(Dataset d) {
        for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.SERVICE_OUTAGE)) {
            String s = i.rootCauseService();
            // The restart or rollback starts the recovery, inside the window: from then on the
            // instances come back and calls succeed again, slowly at first.
            java.time.Instant restart = d.events.stream().filter(e -> i.id().equals(e.incidentId())
                    && (e.eventType().equals("restart") || e.eventType().equals("rollback")))
                    .map(EventRecord::timestamp).findFirst().orElseThrow();
            assertThat(restart).isAfter(i.start().plus(Duration.between(i.start(), i.end()).multipliedBy(7).dividedBy(10)))
                    .isBefore(i.end());
            List<SpanRecord> spans = d.spans(s, i.id());
            assertThat(spans).filteredOn(span -> span.startTime().isBefore(restart.minusSeconds(1)))
                    .isNotEmpty().noneMatch(span -> !span.isError());
            assertThat(spans).filteredOn(span -> span.startTime().isAfter(restart.plusSeconds(5)))
                    .anyMatch(span -> !span.isError());
            // Refused calls never reach it; it answers 15% of calls, retries included, with fast 503s.
            List<Double> whileDown = d.metrics.stream().filter(m -> m.metricName().equals("request_rate")
                    && s.equals(m.service()) && i.id().equals(m.incidentId())
                    && m.timestamp().isBefore(restart.minus(d.data.manifest().spec().metricsInterval())))
                    .map(MetricRecord::value).collect(Collectors.toList());
            assertThat(mean(whileDown)).isLessThan(0.4 * mean(d.values("request_rate", s, null, null)));
            assertThat(d.logs).anyMatch(l -> i.id().equals(l.incidentId()) && s.equals(l.service())
                    && "SERVICE_UNAVAILABLE".equals(l.metadata().get("error_code")));
            assertThat(d.events).as("restart or rollback ending %s", i.id()).anyMatch(e -> i.id().equals(e.incidentId())
                    && (e.eventType().equals("restart") || e.eventType().equals("rollback")));
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void theBaselineHoldsOutsideEveryWindow(Dataset d) {
        assertThat(d.metrics).filteredOn(m -> !m.anomaly() && m.metricName().equals("cpu_usage"))
                .allSatisfy(m -> assertThat(m.value()).isLessThan(80.0));
        for (String s : d.services()) {
            // The error rate of an interval is that of its few hundred requests: low on average, rarely
            // above 10% (a few failures among few requests).
            List<Double> errors = d.values("error_rate", s, null, null);
            assertThat(mean(errors)).as("mean error rate of %s", s).isLessThan(2.0);
            assertThat(errors.stream().filter(v -> v >= 10.0).count()).as("error rates of %s above 10%%", s)
                    .isLessThanOrEqualTo(errors.size() / 100);
            List<Double> p50 = d.values("latency_p50", s, null, null);
            double median = median(p50);
            // A batch job, a restart or a run of cache misses may slow one interval; hardly any is twice as slow.
            assertThat(p50.stream().filter(v -> v >= 2 * median).count()).as("slow intervals of %s", s)
                    .isLessThanOrEqualTo(Math.max(1, p50.size() / 100));
            List<SpanRecord> normal = d.spans(s, null);
            assertThat(normal.stream().filter(SpanRecord::isError).count()).isLessThan(normal.size() / 10);
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void requestCountersCountTheRequestRateAndResetOnlyWhenTheHostRestarts(Dataset d) {
        java.util.Map<String, List<MetricRecord>> series = d.metrics.stream()
                .filter(m -> m.metricName().equals("requests_total"))
                .collect(Collectors.groupingBy(MetricRecord::host));
        java.util.Map<String, Double> rate = d.metrics.stream().filter(m -> m.metricName().equals("request_rate"))
                .collect(Collectors.toMap(m -> m.host() + m.timestamp(), MetricRecord::value));
        assertThat(series).isNotEmpty();
        int resets = 0;
        for (java.util.Map.Entry<String, List<MetricRecord>> e : series.entrySet()) {
            String host = e.getKey();
            List<MetricRecord> samples = e.getValue();
            for (int k = 1; k < samples.size(); k++) {
                MetricRecord now = samples.get(k);
                double served = rate.get(host + now.timestamp()) * 30;
                if (now.value() < samples.get(k - 1).value()) {
                    // A reset: the process restarted (a rolling deployment, the end of an outage) in the interval.
                    resets++;
                    assertThat(now.value()).isEqualTo(Math.round(served));
                    assertThat(d.events).as("restart of %s before %s", host, now.timestamp()).anyMatch(ev ->
                            now.service().equals(ev.service()) && Set.of("deployment", "restart", "rollback")
                                    .contains(ev.eventType()) && !ev.timestamp().isAfter(now.timestamp().plusSeconds(30))
                                    && ev.timestamp().isAfter(now.timestamp().minusSeconds(600)));
                } else {
                    // Otherwise it grows by exactly the requests the interval's request_rate counts.
                    assertThat(now.value() - samples.get(k - 1).value()).as("requests_total of %s at %s", host,
                            now.timestamp()).isCloseTo(served, org.assertj.core.api.Assertions.within(0.6));
                }
            }
        }
        // Rolling deployments and the end of the outage restart hosts: some counters reset.
        assertThat(resets).isPositive().isLessThan(series.size() * 4);
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void callersShowTheCascadeAfterTheRootCauseStarts(Dataset d) {
        int cascades = 0;
        for (Incident i : d.data.groundTruth().incidents()) {
            for (AffectedService a : i.affected()) {
                if (a.role() != AffectedService.Role.CASCADE) {
                    continue;
                }
                cascades++;
                assertThat(a.start()).isAfter(i.start());
                String s = a.service();
                if (i.type() == AnomalyType.LATENCY_SPIKE || i.type() == AnomalyType.NETWORK_DELAY) {
                    // Only the endpoints that call the slow service wait, so the shift is diluted (issue 15
                    // makes cascades carry their evidence); it is there.
                    assertThat(mean(d.values("latency_p95", s, null, i.id())))
                            .isGreaterThan(mean(d.values("latency_p95", s, null, null)));
                } else if (i.type() == AnomalyType.CPU_SPIKE) {
                    // Weaker: only the calls routed to the saturated host are slower.
                    assertThat(mean(d.values("latency_p50", s, null, i.id())))
                            .isGreaterThan(mean(d.values("latency_p50", s, null, null)));
                } else if (i.type() == AnomalyType.PACKET_LOSS) {
                    // Diluted too: only the requests whose calls cross the lossy edge fail.
                    assertThat(mean(d.values("error_rate", s, null, i.id())))
                            .isGreaterThan(mean(d.values("error_rate", s, null, null)));
                } else {
                    assertThat(mean(d.values("error_rate", s, null, i.id())))
                            .isGreaterThan(1.5 * mean(d.values("error_rate", s, null, null)));
                }
                assertThat(d.spans(s, i.id())).allSatisfy(span -> assertThat(span.startTime()).isAfterOrEqualTo(a.start()));
            }
        }
        assertThat(cascades).isPositive();
    }

    /** Over both datasets: one may have no latency spike two hops below a caller. */
    @org.junit.jupiter.api.Test
    void callersFurtherUpWaitInTheirChildSpansNotInTheirOwnTime() {
        int checked = 0;
        for (Dataset d : datasets) {
            checked += checkCallersFurtherUp(d);
        }
        assertThat(checked).isPositive();
    }

    private int checkCallersFurtherUp(Dataset d) {
        Topology topology = Topology.of(spec(d.seed));
        java.util.Map<String, Long> childTime = d.childTime();
        int checked = 0;
        for (Incident i : d.data.groundTruth().incidents()) {
            // In an outage, callers further up fail fast or retry with backoff in their own time; in a
            // latency spike nothing fails, so they only wait on their calls.
            if (i.type() != AnomalyType.LATENCY_SPIKE) {
                continue;
            }
            int root = topology.service(i.rootCauseService()).index();
            for (AffectedService a : i.affected()) {
                // Two or more hops up: it does not call the root cause itself.
                if (a.role() != AffectedService.Role.CASCADE
                        || topology.service(a.service()).callees().contains(root)) {
                    continue;
                }
                List<SpanRecord> sick = d.spans(a.service(), i.id());
                List<SpanRecord> normal = d.spans(a.service(), null);
                if (sick.size() < 20) {
                    continue;
                }
                checked++;
                double sickSelf = median(d.selfTimes(sick, childTime));
                double normalSelf = median(d.selfTimes(normal, childTime));
                // The mean: only the requests whose endpoint calls the slow service wait.
                double sickTotal = mean(d.durations(sick));
                double normalTotal = mean(d.durations(normal));
                assertThat(sickTotal).as("mean duration of %s in %s vs normal", a.service(), i.id())
                        .isGreaterThan(normalTotal);
                assertThat(sickSelf).as("median self time of %s in %s vs normal %.2f ms", a.service(), i.id(),
                        normalSelf).isLessThan(1.3 * normalSelf);
            }
        }
        return checked;
    }

    /** Over both datasets: a CPU spike may hit an entry service, which has no callers. */
    @org.junit.jupiter.api.Test
    void cpuSpikeCallersAreSlowerOnlyThroughTheirCallsToTheSaturatedHost() {
        int checked = 0;
        for (Dataset d : datasets) {
            checked += checkCpuSpikeCallers(d);
        }
        assertThat(checked).isPositive();
    }

    private int checkCpuSpikeCallers(Dataset d) {
        Topology topology = Topology.of(spec(d.seed));
        java.util.Map<String, Long> childTime = d.childTime();
        int checked = 0;
        for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.CPU_SPIKE)) {
            List<String> callers = topology.service(i.rootCauseService()).callers().stream()
                    .map(c -> topology.services().get(c).name()).collect(Collectors.toList());
            assertThat(i.affected().stream().filter(a -> a.role() == AffectedService.Role.CASCADE)
                    .map(AffectedService::service)).as("cascade of %s", i.id()).containsAll(callers);
            for (String caller : callers) {
                AffectedService a = i.affected().stream().filter(x -> x.service().equals(caller)).findFirst().orElseThrow();
                assertThat(a.start()).isAfter(i.start());
                assertThat(a.host()).isNull();
                // Caller spans with a child on the saturated host, in the window and normally.
                Predicate<SpanRecord> callsRootHost = child -> child.service().equals(i.rootCauseService())
                        && i.rootCauseHost().equals(child.host());
                java.util.Set<String> parents = d.spans.stream().filter(callsRootHost)
                        .map(c -> c.traceId() + "/" + c.parentSpanId()).collect(Collectors.toSet());
                List<SpanRecord> sick = d.spans(caller, i.id()).stream()
                        .filter(s -> parents.contains(s.traceId() + "/" + s.spanId())).collect(Collectors.toList());
                List<SpanRecord> normal = d.spans(caller, null).stream()
                        .filter(s -> parents.contains(s.traceId() + "/" + s.spanId())).collect(Collectors.toList());
                if (sick.size() < 20) {
                    continue;
                }
                checked++;
                assertThat(median(d.durations(sick))).as("median duration of %s calling %s in %s", caller,
                        i.rootCauseHost(), i.id()).isGreaterThan(1.03 * median(d.durations(normal)));
                assertThat(median(d.selfTimes(sick, childTime))).as("self time of %s in %s", caller, i.id())
                        .isLessThan(1.3 * median(d.selfTimes(normal, childTime)));
            }
        }
        return checked;
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void everyFailedSpanHasAnErrorLogCarryingItsIds(Dataset d) {
        Set<String> errorLogs = d.logs.stream().filter(l -> l.level().equals("ERROR") && l.traceId() != null)
                .map(l -> l.traceId() + "/" + l.spanId()).collect(Collectors.toCollection(HashSet::new));
        Set<String> failed = d.spans.stream().filter(SpanRecord::isError).map(s -> s.traceId() + "/" + s.spanId())
                .collect(Collectors.toCollection(HashSet::new));
        assertThat(failed).isNotEmpty();
        assertThat(errorLogs).isEqualTo(failed);
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void aCallerBlamesItsCalleeOnlyWhenACallFailed(Dataset d) {
        java.util.Map<String, List<SpanRecord>> children = d.spans.stream().filter(s -> s.parentSpanId() != null)
                .collect(Collectors.groupingBy(s -> s.traceId() + "/" + s.parentSpanId()));
        Set<String> leaves = Set.of("auth", "database", "cache");
        int blamed = 0;
        int withFailedChild = 0;
        for (SpanRecord span : d.spans) {
            Object code = span.tags().get("error.code");
            if (code == null || !code.toString().startsWith("UPSTREAM_")) {
                continue;
            }
            assertThat(leaves).as("a service that calls nobody cannot blame a callee: %s", span).doesNotContain(span.service());
            if (code.equals("UPSTREAM_ERROR")) {
                blamed++;
                List<SpanRecord> kids = children.getOrDefault(span.traceId() + "/" + span.spanId(), List.of());
                withFailedChild += kids.stream().anyMatch(SpanRecord::isError) ? 1 : 0;
            }
        }
        assertThat(blamed).isPositive();
        // Missing spans (2%) may hide the failed child; nearly all must show it.
        assertThat(withFailedChild).isGreaterThanOrEqualTo((int) (0.85 * blamed));
    }

    private static double mean(List<Double> values) {
        assertThat(values).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double median(List<Double> values) {
        assertThat(values).isNotEmpty();
        List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
        return sorted.get(sorted.size() / 2);
    }

    /** One dataset held in memory (a few MB), with the lookups the checks need. */
    static final class Dataset {
        final long seed;
        final MeltData data;
        final List<MetricRecord> metrics;
        final List<SpanRecord> spans;
        final List<LogRecord> logs;
        final List<EventRecord> events;

        /** @return the records of all four files: metrics, spans, logs, events */
        List<TelemetryRecord> all() {
            List<TelemetryRecord> all = new ArrayList<>();
            all.addAll(metrics);
            all.addAll(spans);
            all.addAll(logs);
            all.addAll(events);
            return all;
        }

        Dataset(long seed, MeltData data) {
            this.seed = seed;
            this.data = data;
            try (Stream<MetricRecord> m = data.metrics(); Stream<SpanRecord> t = data.traces();
                 Stream<LogRecord> l = data.logs(); Stream<EventRecord> e = data.events()) {
                this.metrics = m.collect(Collectors.toList());
                this.spans = t.collect(Collectors.toList());
                this.logs = l.collect(Collectors.toList());
                this.events = e.collect(Collectors.toList());
            } catch (UncheckedIOException ex) {
                throw ex;
            }
        }

        Set<String> services() {
            return metrics.stream().map(MetricRecord::service).collect(Collectors.toSet());
        }

        /**
         * Values of a metric of a service (and host) whose whole interval lies in a window of an
         * incident, or outside every window when {@code incident} is null. A sample at {@code t}
         * aggregates the requests of {@code [t, t + 30 s)} and is labelled by {@code t}: the one at a
         * window's end is labelled yet mostly normal, the one before its start normal yet partly not.
         */
        List<Double> values(String metric, String service, String host, String incident) {
            return samples(metric, service, host, incident).stream().map(MetricRecord::value).collect(Collectors.toList());
        }

        /** The samples {@link #values} returns the values of. */
        List<MetricRecord> samples(String metric, String service, String host, String incident) {
            Predicate<MetricRecord> label = r -> java.util.Objects.equals(incident, r.incidentId())
                    && java.util.Objects.equals(incident, data.groundTruth().incidentAt(r.service(), r.host(),
                            r.timestamp().plusSeconds(30).minusMillis(1)).map(Incident::id).orElse(null));
            return metrics.stream().filter(r -> r.metricName().equals(metric) && r.service().equals(service)
                            && (host == null || host.equals(r.host())) && label.test(r))
                    .collect(Collectors.toList());
        }

        List<SpanRecord> spans(String service, String incident) {
            Predicate<SpanRecord> label = incident == null ? r -> !r.anomaly() : r -> incident.equals(r.incidentId());
            return spans.stream().filter(s -> s.service().equals(service) && label.test(s)).collect(Collectors.toList());
        }

        /** Sum of the durations of each span's children, by trace id / span id of the parent. */
        java.util.Map<String, Long> childTime() {
            return spans.stream().filter(s -> s.parentSpanId() != null).collect(Collectors.groupingBy(
                    s -> s.traceId() + "/" + s.parentSpanId(), Collectors.summingLong(SpanRecord::durationMicros)));
        }

        /** Own time of each span in ms: its duration less its children's, at least 0. */
        List<Double> selfTimes(List<SpanRecord> of, java.util.Map<String, Long> childTime) {
            return of.stream().map(s -> Math.max(0, s.durationMicros()
                    - childTime.getOrDefault(s.traceId() + "/" + s.spanId(), 0L)) / 1000.0).collect(Collectors.toList());
        }

        List<Double> durations(List<SpanRecord> of) {
            return of.stream().map(s -> s.durationMicros() / 1000.0).collect(Collectors.toList());
        }

        List<Double> spanDurations(String service, String incident) {
            return spans(service, incident).stream().map(s -> s.durationMicros() / 1000.0).collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "seed " + seed;
        }
    }
}
