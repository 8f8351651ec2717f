package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network_delay} and {@code packet_loss} over generated datasets at {@code normal}: the edge
 * is the root cause, the caller shows the incident and the callee does not, the caller's callers
 * are hit in turn, and the labels of all four files follow the ground truth exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkIncidentsTest {

    private final List<IncidentSignaturesTest.Dataset> datasets = new ArrayList<>();

    /**
     * A chain of services, each calling the next on every request, so that every request crosses
     * the sick edge and most edges have a caller upstream to cascade to.
     */
    static GenerationConfig spec(long seed) {
        Map<String, List<String>> graph = new java.util.LinkedHashMap<>();
        graph.put("gateway", List.of("web"));
        graph.put("web", List.of("api"));
        graph.put("api", List.of("db"));
        graph.put("db", List.of());
        AnomalyConfig anomalies = AnomalyConfig.builder()
                .duration(AnomalyType.NETWORK_DELAY, Duration.ofMinutes(4), Duration.ofMinutes(6))
                .duration(AnomalyType.PACKET_LOSS, Duration.ofMinutes(4), Duration.ofMinutes(6)).build();
        return GenerationConfig.builder().seed(seed).size("12MB").callGraph(graph).duration(Duration.ofHours(1)).hostsPerService(1)
                .logsInterval(Duration.ofSeconds(5)).traceSampling(0.3)
                .anomalies(AnomalyType.NETWORK_DELAY, AnomalyType.PACKET_LOSS).anomalyConfig(anomalies).build();
    }

    @BeforeAll
    void generate(@TempDir Path temp) throws IOException {
        for (long seed : new long[] {1, 2}) {
            Path dir = temp.resolve("seed-" + seed);
            new MeltGenerator(spec(seed)).generate(dir);
            datasets.add(new IncidentSignaturesTest.Dataset(seed, MeltData.open(dir)));
        }
    }

    private List<Incident> incidents(AnomalyType... types) {
        Set<AnomalyType> wanted = Set.of(types);
        List<Incident> out = new ArrayList<>();
        for (IncidentSignaturesTest.Dataset d : datasets) {
            d.data.groundTruth().incidents().stream().filter(i -> wanted.contains(i.type())).forEach(out::add);
        }
        return out;
    }

    @Test
    void theRootCauseIsAnEdgeOfTheCallGraphAndItsCalleeIsNotAffected() {
        Map<String, List<String>> graph = spec(1).callGraph();
        List<Incident> all = incidents(AnomalyType.NETWORK_DELAY, AnomalyType.PACKET_LOSS);
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
        for (Incident i : all) {
            RootCause rc = i.rootCause();
            assertThat(rc.kind()).isEqualTo(RootCause.Kind.EDGE);
            assertThat(rc.caller()).isEqualTo(i.rootCauseService());
            assertThat(graph.get(rc.caller())).as("callees of %s", rc.caller()).contains(rc.callee());
            assertThat(i.rootCauseHost()).isNull();
            assertThat(i.affected().get(0).service()).isEqualTo(rc.caller());
            assertThat(i.affected().get(0).role()).isEqualTo(AffectedService.Role.ROOT_CAUSE);
            assertThat(i.affected()).extracting(AffectedService::service).doesNotContain(rc.callee());
        }
    }

    @Test
    void aNetworkDelayWidensTheCallersSpansAroundItsCallsToTheCalleeWhileTheCalleeStaysNormal() {
        List<Incident> delays = incidents(AnomalyType.NETWORK_DELAY);
        assertThat(delays).isNotEmpty();
        for (IncidentSignaturesTest.Dataset d : datasets) {
            Map<String, Long> childTime = d.childTime();
            for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.NETWORK_DELAY)) {
                String caller = i.rootCause().caller();
                String callee = i.rootCause().callee();
                double calleeNormal = median(durationsMs(d.spans(callee, null)));
                // 4 x max(20 ms, the callee's median) at normal; the callee's span median stands in for it.
                double added = 4 * Math.max(20, calleeNormal);
                // The time the caller's spans spend outside their children: the wire time shows there.
                double selfIn = median(d.selfTimes(callerSpansCalling(d, i, callee, true), childTime));
                double selfOut = median(d.selfTimes(callerSpansCalling(d, i, callee, false), childTime));
                assertThat(selfIn).as("own time of %s's spans calling %s in %s", caller, callee, i.id())
                        .isGreaterThan(selfOut + 0.5 * added);
                // The callee's own spans in the window are as long as ever.
                List<Double> calleeIn = durationsMs(d.spans.stream().filter(s -> s.service().equals(callee)
                        && within(s.startTime(), i)).collect(Collectors.toList()));
                assertThat(calleeIn).isNotEmpty();
                assertThat(median(calleeIn)).as("callee %s in %s", callee, i.id())
                        .isBetween(0.7 * calleeNormal, 1.3 * calleeNormal);
                assertThat(d.spans).as("callee spans of %s", i.id())
                        .noneMatch(s -> s.service().equals(callee) && i.id().equals(s.incidentId()));
                // The caller's latency metrics move.
                assertThat(mean(d.values("latency_p50", caller, null, i.id())))
                        .isGreaterThan(mean(d.values("latency_p50", caller, null, null)) + 0.3 * added);
            }
        }
    }

    @Test
    void aNetworkDelayCascadesToTheCallersCallers() {
        assertThat(incidents(AnomalyType.NETWORK_DELAY)).anyMatch(i -> !i.cascade().isEmpty());
        for (IncidentSignaturesTest.Dataset d : datasets) {
            for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.NETWORK_DELAY)) {
                List<String> callers = callersOf(i.rootCause().caller());
                assertThat(i.cascade()).extracting(CascadeEdge::caller).containsAll(callers);
                for (CascadeEdge e : i.cascade()) {
                    assertThat(e.lag()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
                    List<Double> in = durationsMs(d.spans(e.caller(), i.id()));
                    assertThat(in).as("spans of %s in %s", e.caller(), i.id()).isNotEmpty();
                    assertThat(median(in)).isGreaterThan(1.2 * median(durationsMs(d.spans(e.caller(), null))));
                }
            }
        }
    }

    @Test
    void packetLossMakesTheCallerTimeOutOnTheCalleeAndLogUpstreamTimeouts() {
        assertThat(incidents(AnomalyType.PACKET_LOSS)).isNotEmpty();
        for (IncidentSignaturesTest.Dataset d : datasets) {
            for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.PACKET_LOSS)) {
                String caller = i.rootCause().caller();
                String callee = i.rootCause().callee();
                // The caller's operations that call the callee: only their requests cross the edge.
                Set<String> crossing = callerSpansCalling(d, i, callee, false).stream()
                        .map(SpanRecord::operationName).collect(Collectors.toSet());
                List<SpanRecord> in = d.spans(caller, i.id()).stream()
                        .filter(s -> crossing.contains(s.operationName())).collect(Collectors.toList());
                List<SpanRecord> out = d.spans(caller, null).stream()
                        .filter(s -> crossing.contains(s.operationName())).collect(Collectors.toList());
                assertThat(in).hasSizeGreaterThanOrEqualTo(30);
                assertThat(errorShare(in)).as("error share of %s's calls of %s in %s", caller, callee, i.id())
                        .isGreaterThan(errorShare(out) + 0.03);
                assertThat(in).filteredOn(s -> s.isError()
                        && Objects.equals(s.tags().get("error.code"), "UPSTREAM_NO_RESPONSE")).hasSizeGreaterThanOrEqualTo(3);
                assertThat(d.logs).as("timeout lines of %s", i.id()).anyMatch(l -> i.id().equals(l.incidentId())
                        && caller.equals(l.service()) && l.level().equals("ERROR")
                        && "UPSTREAM_NO_RESPONSE".equals(l.metadata().get("error_code")));
                assertThat(mean(d.values("error_rate", caller, null, i.id())))
                        .isGreaterThan(mean(d.values("error_rate", caller, null, null)) + 1);
                // Retransmits and timeouts take time too.
                assertThat(mean(durationsMs(in))).isGreaterThan(1.2 * mean(durationsMs(out)));
                // The callee's own spans do not fail more than usual, and are not labelled.
                List<SpanRecord> calleeIn = d.spans.stream().filter(s -> s.service().equals(callee)
                        && within(s.startTime(), i)).collect(Collectors.toList());
                assertThat(calleeIn).isNotEmpty().noneMatch(SpanRecord::anomaly);
                assertThat(errorShare(calleeIn)).isLessThan(errorShare(d.spans(callee, null)) + 0.03);
                // No timeout lines outside the caller.
                assertThat(d.logs).noneMatch(l -> !caller.equals(l.service())
                        && "UPSTREAM_NO_RESPONSE".equals(l.metadata().get("error_code")));
            }
        }
    }

    @Test
    void packetLossCascadesToTheCallersCallersAsUpstreamErrors() {
        assertThat(incidents(AnomalyType.PACKET_LOSS)).anyMatch(i -> !i.cascade().isEmpty());
        for (IncidentSignaturesTest.Dataset d : datasets) {
            for (Incident i : d.data.groundTruth().incidentsOf(AnomalyType.PACKET_LOSS)) {
                List<String> callers = callersOf(i.rootCause().caller());
                assertThat(i.cascade()).extracting(CascadeEdge::caller).containsAll(callers);
                for (CascadeEdge e : i.cascade()) {
                    assertThat(e.lag()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(20));
                }
                for (String c : callers) {
                    List<SpanRecord> in = d.spans(c, i.id());
                    assertThat(in).as("spans of %s in %s", c, i.id()).isNotEmpty();
                    assertThat(in).anyMatch(s -> s.isError() && "UPSTREAM_ERROR".equals(s.tags().get("error.code")));
                }
            }
        }
    }

    @Test
    void everyRecordOfTheFourFilesIsLabelledExactlyByTheGroundTruth() {
        for (IncidentSignaturesTest.Dataset d : datasets) {
            GroundTruth truth = d.data.groundTruth();
            List<TelemetryRecord> all = d.all();
            for (TelemetryRecord r : all) {
                String expected = truth.incidentAt(r.service(), r.host(), r.timestamp()).map(Incident::id).orElse(null);
                assertThat(r.incidentId()).as("label of %s", r).isEqualTo(expected);
                assertThat(r.anomaly()).as("anomaly flag of %s", r).isEqualTo(expected != null);
            }
            for (Incident i : truth.incidents()) {
                assertThat(d.metrics).as("metrics of %s", i.id()).anyMatch(r -> i.id().equals(r.incidentId()));
                assertThat(d.spans).as("spans of %s", i.id()).anyMatch(r -> i.id().equals(r.incidentId()));
                assertThat(d.logs).as("logs of %s", i.id()).anyMatch(r -> i.id().equals(r.incidentId()));
            }
            assertThat(d.events).as("events labelled with an incident").anyMatch(TelemetryRecord::anomaly);
        }
    }

    @Test
    void aCallGraphWithoutAnEdgeIsRefusedForTheNetworkTypes(@TempDir Path temp) {
        GenerationConfig solo = GenerationConfig.builder().services("solo").duration(Duration.ofHours(1))
                .anomalies(AnomalyType.PACKET_LOSS).build();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new MeltGenerator(solo).generate(temp.resolve("solo")))
                .withMessage("anomalies: packet_loss is not accepted for a call graph in which no service calls"
                        + " another; it needs an edge (a service with a callee)");
        assertThat(temp.resolve("solo").resolve("manifest.json")).doesNotExist();
    }

    // ---------------------------------------------------------------- helpers

    /** The caller's spans with a child on the callee, in the incident's root window or outside every window. */
    private static List<SpanRecord> callerSpansCalling(IncidentSignaturesTest.Dataset d, Incident i, String callee,
                                                       boolean inIncident) {
        Set<String> parents = d.spans.stream().filter(s -> s.service().equals(callee) && s.parentSpanId() != null)
                .map(s -> s.traceId() + "/" + s.parentSpanId()).collect(Collectors.toSet());
        return d.spans(i.rootCause().caller(), inIncident ? i.id() : null).stream()
                .filter(s -> parents.contains(s.traceId() + "/" + s.spanId())).collect(Collectors.toList());
    }

    private static List<String> callersOf(String service) {
        return spec(1).callGraph().entrySet().stream().filter(e -> e.getValue().contains(service))
                .map(Map.Entry::getKey).collect(Collectors.toList());
    }

    private static boolean within(Instant t, Incident i) {
        return !t.isBefore(i.start()) && t.isBefore(i.end());
    }

    private static List<Double> durationsMs(List<SpanRecord> spans) {
        return spans.stream().map(s -> s.durationMicros() / 1000.0).collect(Collectors.toList());
    }

    private static double errorShare(List<SpanRecord> spans) {
        return spans.isEmpty() ? 0 : spans.stream().filter(SpanRecord::isError).count() / (double) spans.size();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
