package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.internal.dataset.DatasetJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code root_cause} object of ground truth: its four kinds, and ground truth written before it. */
class RootCauseTest {

    private static final Instant T = Instant.parse("2024-01-01T01:00:00Z");

    private static Incident incident(String id, String service, String host, RootCause cause) {
        return new Incident(id, AnomalyType.LATENCY_SPIKE, service, host, T, T.plusSeconds(600),
                List.of(new AffectedService(service, host, AffectedService.Role.ROOT_CAUSE, T, T.plusSeconds(600)),
                        new AffectedService("web", null, AffectedService.Role.CASCADE, T.plusSeconds(2),
                                T.plusSeconds(603))),
                List.of(new CascadeEdge(service, "web", Duration.ofSeconds(2))), cause);
    }

    @Test
    void everyKindRoundTripsThroughGroundTruthJson() throws IOException {
        GroundTruth truth = new GroundTruth(T.minusSeconds(3600), T.plusSeconds(3600), List.of(
                incident("inc-0001", "api", null, RootCause.service("api")),
                incident("inc-0002", "api", "api-02", RootCause.host("api", "api-02")),
                incident("inc-0003", "api", null, RootCause.edge("api", "database")),
                incident("inc-0004", "api", null, RootCause.version("api", "1.4.2"))));
        byte[] json = DatasetJson.writeGroundTruth(truth);
        GroundTruth read = DatasetJson.readGroundTruth(json);
        assertThat(read).isEqualTo(truth);
        assertThat(read.incidents()).extracting(i -> i.rootCause().kind()).containsExactly(RootCause.Kind.SERVICE,
                RootCause.Kind.HOST, RootCause.Kind.EDGE, RootCause.Kind.VERSION);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"root_cause\" : {\n      \"kind\" : \"edge\",\n      \"service\" : null,\n"
                + "      \"host\" : null,\n      \"caller\" : \"api\",\n      \"callee\" : \"database\",\n"
                + "      \"version\" : null\n    }");
        // The fields of before stay, so that readers of the old shape still find the service.
        assertThat(text).contains("\"root_cause_service\" : \"api\",\n    \"root_cause_host\" : \"api-02\"");
    }

    @Test
    void groundTruthWrittenBeforeRootCauseKindsReadsAsServiceOrHost() throws IOException {
        String old = """
                {
                  "start" : "2024-01-01T00:00:00Z",
                  "end" : "2024-01-01T02:00:00Z",
                  "incidents" : [ {
                    "id" : "inc-0001", "type" : "cpu_spike",
                    "root_cause_service" : "api", "root_cause_host" : "api-01",
                    "start" : "2024-01-01T00:10:00Z", "end" : "2024-01-01T00:15:00Z",
                    "affected" : [ { "service" : "api", "host" : "api-01", "role" : "root_cause",
                                     "start" : "2024-01-01T00:10:00Z", "end" : "2024-01-01T00:15:00Z" } ],
                    "cascade" : [ ]
                  }, {
                    "id" : "inc-0002", "type" : "service_outage",
                    "root_cause_service" : "cache", "root_cause_host" : null,
                    "start" : "2024-01-01T01:10:00Z", "end" : "2024-01-01T01:15:00Z",
                    "affected" : [ { "service" : "cache", "host" : null, "role" : "root_cause",
                                     "start" : "2024-01-01T01:10:00Z", "end" : "2024-01-01T01:15:00Z" } ],
                    "cascade" : [ ]
                  } ]
                }
                """;
        GroundTruth truth = DatasetJson.readGroundTruth(old.getBytes(StandardCharsets.UTF_8));
        assertThat(truth.incidents()).extracting(Incident::rootCause)
                .containsExactly(RootCause.host("api", "api-01"), RootCause.service("cache"));
        assertThat(truth.incident("inc-0001").orElseThrow().rootCauseHost()).isEqualTo("api-01");
    }

    @Test
    void aGeneratedCpuSpikeNamesItsHostAndAnOutageItsService(@TempDir Path temp) throws IOException {
        new MeltGenerator(GenerationConfig.builder().seed(3).size("256KB")
                .anomalies(AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE).build()).generate(temp);
        GroundTruth truth = MeltData.open(temp).groundTruth();
        assertThat(truth.incidents()).isNotEmpty().allSatisfy(i -> {
            RootCause rc = i.rootCause();
            assertThat(rc.kind()).isEqualTo(i.type() == AnomalyType.CPU_SPIKE ? RootCause.Kind.HOST
                    : RootCause.Kind.SERVICE);
            assertThat(rc.service()).isEqualTo(i.rootCauseService());
            assertThat(rc.host()).isEqualTo(i.rootCauseHost());
        });
    }

    @Test
    void aRootCauseHasExactlyTheFieldsOfItsKind() {
        assertThatThrownBy(() -> new RootCause(RootCause.Kind.EDGE, null, null, "api", null, null))
                .hasMessage("root cause of kind edge needs a callee");
        assertThatThrownBy(() -> new RootCause(RootCause.Kind.SERVICE, "api", null, null, null, "1.0"))
                .hasMessage("root cause of kind service has no version (got '1.0')");
        assertThatThrownBy(() -> RootCause.edge("api", "api"))
                .hasMessageContaining("caller and callee are the same service 'api'");
        assertThatThrownBy(() -> RootCause.Kind.parse("pod"))
                .hasMessage("root_cause.kind: unknown kind 'pod'; accepted: service, host, edge, version");
        assertThat(RootCause.edge("api", "db")).hasToString("api -> db");
        assertThat(RootCause.version("api", "2.0")).hasToString("api@2.0");
        assertThat(RootCause.host("api", "api-01")).hasToString("api (host api-01)");
    }

    @Test
    void anIncidentsRootCauseMustAgreeWithItsRootCauseServiceAndHost() {
        assertThatThrownBy(() -> incident("inc-0009", "api", null, RootCause.edge("web", "api")))
                .hasMessageContaining("incident inc-0009: root cause web -> api disagrees with root_cause_service 'api'");
        assertThatThrownBy(() -> incident("inc-0009", "api", null, RootCause.host("api", "api-01")))
                .hasMessageContaining("root_cause_host 'null'");
    }

    @Test
    void aMalformedRootCauseIsAnIoErrorNamingTheValue() {
        String bad = """
                { "start" : "2024-01-01T00:00:00Z", "end" : "2024-01-01T02:00:00Z",
                  "incidents" : [ { "id" : "inc-0001", "type" : "latency_spike",
                    "root_cause_service" : "api", "root_cause_host" : null,
                    "root_cause" : { "kind" : "link", "service" : null, "host" : null,
                                     "caller" : "api", "callee" : "db", "version" : null },
                    "start" : "2024-01-01T00:10:00Z", "end" : "2024-01-01T00:15:00Z",
                    "affected" : [ ], "cascade" : [ ] } ] }
                """;
        assertThatThrownBy(() -> DatasetJson.readGroundTruth(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown kind 'link'");
    }
}
