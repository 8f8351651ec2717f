package dev.melt.junit;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.melt.generator.DatasetFormat;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.MeltData;
import dev.melt.junit.internal.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MeltDatasetInjectionTest {

    @TempDir
    Path cache;

    @Test
    void injectsTheDatasetItsDirectoryAndItsGroundTruth() throws IOException {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.ParameterTypes.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        Path entry = entry(GenerationConfig.builder().size("1MB").seed(5).build());
        MeltData data = (MeltData) Recorded.single("data");
        assertThat(data.directory()).isEqualTo(entry);
        assertThat(data.manifest().seed()).isEqualTo(5L);
        assertThat(Recorded.single("directory")).isEqualTo(entry);
        assertThat(Recorded.single("truth")).isEqualTo(MeltData.open(entry).groundTruth());
    }

    @Test
    void formatsAddFilesAndAreTheirOwnCacheEntry() throws IOException {
        MeltTestKit.withCache(cache).run(InjectionTestCases.Formats.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        MeltData both = (MeltData) Recorded.single("formats.both");
        MeltData jsonl = (MeltData) Recorded.single("formats.jsonl");
        assertThat(both.directory()).isEqualTo(entry(GenerationConfig.builder().size("1MB").seed(5)
                .formats(DatasetFormat.JSONL, DatasetFormat.OPENMETRICS).build()));
        assertThat(both.directory()).isNotEqualTo(jsonl.directory());
        assertThat(both.directory().resolve("metrics.om")).isRegularFile();
        assertThat(both.manifest().files().get("metrics.om").format()).isEqualTo(DatasetFormat.OPENMETRICS);
        assertThat(jsonl.directory().resolve("metrics.om")).doesNotExist();
        assertThat(both.manifest().file(dev.melt.generator.Signal.METRICS))
                .isEqualTo(jsonl.manifest().file(dev.melt.generator.Signal.METRICS));
        MeltData otlp = (MeltData) Recorded.single("formats.otlp");
        assertThat(otlp.directory()).isNotEqualTo(jsonl.directory()).isNotEqualTo(both.directory());
        assertThat(otlp.directory().resolve("traces.otlp.jsonl")).isRegularFile();
        assertThat(otlp.directory().resolve("traces.jsonl")).doesNotExist();
        assertThat(otlp.manifest().files().get("metrics.otlp.jsonl").format()).isEqualTo(DatasetFormat.OTLP);
    }

    @Test
    void aDatasetWithFaultsIsInjectedTolerantAndIsItsOwnCacheEntry() throws IOException {
        MeltTestKit.withCache(cache).run(InjectionTestCases.Faults.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        MeltData faulted = (MeltData) Recorded.single("faults.data");
        GenerationConfig spec = GenerationConfig.builder().duration(java.time.Duration.ofMinutes(20)).seed(5)
                .faults(dev.melt.generator.FaultKind.MALFORMED).build();
        assertThat(faulted.directory()).isEqualTo(entry(spec));
        assertThat(faulted.readMode()).isEqualTo(dev.melt.generator.ReadMode.TOLERANT);
        assertThat(faulted.groundTruth().faults()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(dev.melt.generator.FaultKind.MALFORMED));
        long skipped = faulted.skippedLines().count(dev.melt.generator.Signal.LOGS);
        assertThat(skipped).isPositive();
        assertThat((Long) Recorded.single("faults.read") + skipped)
                .isEqualTo(faulted.manifest().file(dev.melt.generator.Signal.LOGS).records());
    }

    @Test
    void theParameterWinsOverTheMethodAndTheMethodOverTheClass() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.Precedence.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(5).failed(0));
        assertThat(Recorded.single("class")).isEqualTo(1L);
        assertThat(Recorded.single("nested")).isEqualTo(1L);
        assertThat(Recorded.single("method")).isEqualTo(2L);
        assertThat(Recorded.single("method.directory")).isEqualTo(true);
        assertThat(Recorded.single("parameter")).isEqualTo(3L);
        assertThat(Recorded.single("tempdir")).as("a @TempDir Path is not taken for the dataset").isEqualTo(true);
    }

    @Test
    void aSubclassInheritsTheSpecOfItsSuperclass() {
        MeltTestKit.withCache(cache).run(InjectionTestCases.InheritsTheSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(Recorded.single("inherited")).isEqualTo(1L);
    }

    @Test
    void withOneInstancePerClassInstanceFieldsAreSetBeforeBeforeAll() {
        MeltTestKit.withCache(cache).run(InjectionTestCases.PerClassLifecycle.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        Path entry = entry(GenerationConfig.builder().size("1MB").seed(1).build());
        assertThat(((MeltData) Recorded.single("perClass.beforeAll")).directory()).isEqualTo(entry);
        assertThat(((MeltData) Recorded.single("perClass.test")).directory()).isEqualTo(entry);
    }

    @Test
    void aUsersOwnAnnotationCarriesTheSpec() throws IOException {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.MetaAnnotation.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        GenerationConfig checkout = GenerationConfig.builder().size("1MB").seed(11)
                .anomalies(CPU_SPIKE, LATENCY_SPIKE).services("checkout", "payment").build();
        MeltData data = (MeltData) Recorded.single("meta.parameter");
        assertThat(data.directory()).isEqualTo(entry(checkout));
        assertThat(data.manifest().spec().services()).containsExactly("checkout", "payment");
        assertThat(Recorded.single("meta.method")).isEqualTo(MeltData.open(entry(checkout)).groundTruth());
    }

    @Test
    void injectsFieldsConstructorsAndLifecycleMethods() throws IOException {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.Lifecycle.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        Path staticEntry = entry(GenerationConfig.builder().size("1MB").seed(21).build());
        assertThat(Recorded.get("staticField")).hasSize(2)
                .allSatisfy(d -> assertThat(((MeltData) d).directory()).isEqualTo(staticEntry));
        assertThat(Recorded.single("beforeAll.staticField")).as("static fields are set before @BeforeAll")
                .isNotNull();
        Path checkout = entry(GenerationConfig.builder().size("1MB").seed(11).anomalies(CPU_SPIKE, LATENCY_SPIKE)
                .services("checkout", "payment").build());
        assertThat(Recorded.get("instanceField")).containsExactly(checkout, checkout);
        assertThat(Recorded.get("constructor")).containsExactly(23L, 23L);
        assertThat(Recorded.single("beforeAll"))
                .isEqualTo(MeltData.open(entry(GenerationConfig.builder().size("1MB").seed(24).build())).groundTruth());
        Path beforeEach = entry(GenerationConfig.builder().size("1MB").seed(25).build());
        assertThat(Recorded.get("beforeEach")).containsExactly(beforeEach, beforeEach);
    }

    @Test
    void aParameterOfAnotherTypeFailsNamingTheParameterTheMethodAndTheAcceptedTypes() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.WrongParameterType.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("wrongType"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("parameter [String name]")
                                && m.contains("WrongParameterType.wrongType(String)")
                                && m.contains("java.lang.String is not accepted")
                                && m.contains("expected dev.melt.generator.MeltData, java.nio.file.Path or"
                                + " dev.melt.generator.GroundTruth")))));
    }

    @Test
    void aBadSizeFailsNamingTheValueAndTheAcceptedForms() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.BadSize.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("badSize"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("parameter [MeltData data]") && m.contains("BadSize.badSize(MeltData)")
                                && m.contains("10XB") && m.contains("size")))));
    }

    @Test
    void aBadDurationFailsNamingTheValueAndTheAcceptedForms() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.BadDuration.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("badDuration"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("duration: '2 weeks' is not accepted") && m.contains("PT2H")))));
    }

    @Test
    void trafficAndStartTimeKnobsReachTheSpec() {
        MeltTestKit.withCache(cache).run(InjectionTestCases.TrafficKnobs.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        GenerationConfig spec = (GenerationConfig) Recorded.single("traffic.spec");
        assertThat(spec.requestRate()).isEqualTo(2.0);
        assertThat(spec.traceSampling()).isEqualTo(0.5);
        assertThat(spec.logsInterval()).isEqualTo(Duration.ofSeconds(6));
        assertThat(spec.startTime()).isEqualTo(Instant.parse("2024-03-02T06:00:00Z"));
        assertThat(Recorded.single("traffic.start")).isEqualTo(Instant.parse("2024-03-02T06:00:00Z"));
        assertThat(DatasetSpec.of(spec).describe())
                .endsWith("requestRate=2, traceSampling=0.5, logsInterval=6s, startTime=2024-03-02T06:00:00Z");
    }

    @Test
    void aBadTrafficKnobFailsNamingTheAttributeAndTheAcceptedForms() {
        MeltTestKit.withCache(cache).run(InjectionTestCases.BadTracesInterval.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("badTracesInterval"),
                        finishedWithFailure(instanceOf(ParameterResolutionException.class),
                                message(m -> m.contains("requestRate: 'fast' is not accepted")
                                        && m.contains("requests per second")))));
        MeltTestKit.withCache(cache).run(InjectionTestCases.BadStartTime.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("badStartTime"),
                        finishedWithFailure(instanceOf(ParameterResolutionException.class),
                                message(m -> m.contains("startTime: 'yesterday' is not accepted")
                                        && m.contains("2024-03-04T06:00:00Z")))));
    }

    @Test
    void aFieldOfAnotherTypeFailsNamingTheField() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.WrongFieldType.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("field [String name]") && m.contains("WrongFieldType")
                                && m.contains("java.lang.String is not accepted")))));
    }

    @Test
    void aFinalFieldFailsNamingTheField() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(InjectionTestCases.FinalField.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("field [Path directory]") && m.contains("final")))));
    }

    @Test
    void anInvalidSettingFailsNamingTheKey() {
        EngineExecutionResults results = MeltTestKit.withCache(cache)
                .with(MeltDataset.CACHE_ENABLED_PROPERTY_NAME, "maybe")
                .run(InjectionTestCases.ParameterTypes.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("injectsEachType"),
                finishedWithFailure(message(m -> m.contains("melt.cache.enabled: maybe is not accepted")
                        && m.contains("expected true or false")))));
        assertThat(results.containerEvents().failed().count()).isZero();
    }

    @Test
    void datasetsAreReadOnly() throws IOException {
        MeltTestKit.withCache(cache).run(InjectionTestCases.ParameterTypes.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));
        Path directory = (Path) Recorded.single("directory");

        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files).isNotEmpty().allSatisfy(p -> assertThat(Files.getPosixFilePermissions(p))
                    .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                            PosixFilePermission.OTHERS_WRITE));
        }
    }

    @Test
    void aTwinParameterGetsTheTwinOfTheSpecBesideIt() throws IOException {
        MeltTestKit.withCache(cache).run(InjectionTestCases.Twins.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        GenerationConfig spec = GenerationConfig.builder().size("1MB").seed(5).anomalies(CPU_SPIKE).build();
        MeltData data = (MeltData) Recorded.single("twin.data");
        MeltData twin = (MeltData) Recorded.single("twin.twin");
        assertThat(data.directory()).isEqualTo(entry(spec));
        assertThat(twin.directory()).isEqualTo(entry(spec.twin()));
        assertThat(data.groundTruth().incidents()).isNotEmpty();
        assertThat(twin.groundTruth().incidents()).isEmpty();
        assertThat(twin.manifest().end()).isEqualTo(data.manifest().end());
        dev.melt.generator.GroundTruth first = (dev.melt.generator.GroundTruth) Recorded.single("twin.withoutTheFirst");
        assertThat(first.incidents()).isEqualTo(data.groundTruth().incidents().subList(1,
                data.groundTruth().incidents().size()));
        assertThat(Recorded.single("twin.other")).isEqualTo(entry(GenerationConfig.builder().size("1MB").seed(6)
                .anomalies(CPU_SPIKE).build().twin()));
    }

    @Test
    void aTwinWithoutASpecOrOfAnUnknownIncidentSaysSo() {
        MeltTestKit.withCache(cache).run(InjectionTestCases.TwinWithoutASpec.class).testEvents()
                .assertThatEvents().haveExactly(1, event(test("noSpec"), finishedWithFailure(
                        instanceOf(ParameterResolutionException.class),
                        message(m -> m.startsWith("no @MeltDataset for parameter [MeltData twin]")
                                && m.endsWith("@MeltTwin is the twin of the @MeltDataset of the parameter, method or"
                                + " class; add one")))));
        MeltTestKit.withCache(cache).run(InjectionTestCases.TwinInASweep.class).testEvents()
                .assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
                        instanceOf(ParameterResolutionException.class),
                        message(m -> m.startsWith("@MeltTwin is not supported in @MeltDatasets sweeps: ")))));
        MeltTestKit.withCache(cache).run(InjectionTestCases.TwinWithoutAnUnknownIncident.class).testEvents()
                .assertThatEvents().haveExactly(1, event(test("unknown"), finishedWithFailure(
                        message(m -> m.contains("without: inc-0042 is not an incident of this spec; expected one of"
                                + " inc-0001")))));
    }

    private Path entry(GenerationConfig config) {
        return cache.resolve(DatasetSpec.of(config).id());
    }

    @Test
    void aParameterizedTestsPathArgumentsUnderAClassSpecAreLeftToTheParameterizedTest() {
        EngineExecutionResults results = MeltTestKit.withCache(cache)
                .run(InjectionTestCases.ParameterizedPathArguments.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(Recorded.get("argument")).containsExactlyInAnyOrder("first.csv", "second.csv");
        assertThat(Recorded.get("seed")).containsOnly(1L);
    }

    @Test
    void aScenarioAndAMeltDatasetOnOneParameterAreRefusedNamingBoth() {
        EngineExecutionResults results = MeltTestKit.withCache(cache)
                .run(InjectionTestCases.ScenarioAndSpecOnOneParameter.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("both"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.startsWith("@CheckoutIncident and @MeltDataset both give a dataset spec for"
                                + " parameter [MeltData data]") && m.contains("keep only one of them")))));
        assertThat(Recorded.get("ran")).isEmpty();
    }

    @Test
    void aScenarioAndAMeltDatasetOnOneMethodAreRefusedNamingBoth() {
        EngineExecutionResults results = MeltTestKit.withCache(cache)
                .run(InjectionTestCases.ScenarioAndSpecOnOneMethod.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("both"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.startsWith("@CheckoutIncident and @MeltDataset both give a dataset spec for"
                                + " method [ScenarioAndSpecOnOneMethod.both(MeltData)]")))));
    }

    @Test
    void aScenarioAndAMeltDatasetOnOneFieldAreRefusedNamingBoth() {
        EngineExecutionResults results = MeltTestKit.withCache(cache)
                .run(InjectionTestCases.ScenarioAndSpecOnOneField.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("both"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@CheckoutIncident and @MeltDataset both give a dataset spec for"
                                + " field [MeltData data]")))));
    }
}
