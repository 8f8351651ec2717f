package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;

import dev.melt.assertions.MeltAssertions;
import dev.melt.assertions.Scorecard;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MeltDatasetsTest {

    @TempDir
    Path cache;

    @Test
    void feedsOneDatasetPerSeedAndAnomalyType() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.SeedsTimesAnomalies.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        assertThat(Recorded.get("combination")).containsExactlyInAnyOrder(
                "1/CPU_SPIKE/1/[CPU_SPIKE]/true/true",
                "1/ERROR_BURST/1/[ERROR_BURST]/true/true",
                "2/CPU_SPIKE/2/[CPU_SPIKE]/true/true",
                "2/ERROR_BURST/2/[ERROR_BURST]/true/true");
        assertThat(Recorded.get("name")).containsExactlyInAnyOrder(
                "[1] seed=1, anomaly=cpu_spike", "[2] seed=1, anomaly=error_burst",
                "[3] seed=2, anomaly=cpu_spike", "[4] seed=2, anomaly=error_burst");
    }

    @Test
    void sweepsTwoSeedsTimesTwoTypesTimesThreeDifficultiesIntoAScorecard() {
        EngineExecutionResults results = MeltTestKit.withCache(cache)
                .run(SweepTestCases.SeedsTimesTypesTimesDifficulties.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(12).failed(0));
        List<String> expected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            for (AnomalyType type : List.of(CPU_SPIKE, ERROR_BURST)) {
                for (Difficulty difficulty : Difficulty.values()) {
                    expected.add(seed + "/" + type + "/" + difficulty + "/" + seed + "/[" + type + "]/" + difficulty);
                    names.add("[" + (names.size() + 1) + "] seed=" + seed + ", anomaly=" + type.id() + ", difficulty="
                            + difficulty.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(Recorded.get("combination")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Recorded.get("name")).containsExactlyInAnyOrderElementsOf(names);

        Scorecard card = (Scorecard) Recorded.single("card");
        MeltAssertions.assertThat(card).hasCellCount(6);
        for (AnomalyType type : List.of(CPU_SPIKE, ERROR_BURST)) {
            for (Difficulty difficulty : Difficulty.values()) {
                MeltAssertions.assertThat(card).cell(type, difficulty).hasRuns(2);
                assertThat(card.cell(type, difficulty).orElseThrow().seeds()).containsExactlyInAnyOrder(1L, 2L);
            }
        }
        // The detector finds loud spikes of both types; subtle ones stand half as far from the noise.
        MeltAssertions.assertThat(card).cell(CPU_SPIKE, Difficulty.LOUD).hasMeanRecallAtLeast(0.9);
        MeltAssertions.assertThat(card).cell(ERROR_BURST, Difficulty.LOUD).hasMeanRecallAtLeast(0.9);
        for (AnomalyType type : List.of(CPU_SPIKE, ERROR_BURST)) {
            assertThat(card.cell(type, Difficulty.LOUD).orElseThrow().recall().mean()).as(type.id())
                    .isGreaterThanOrEqualTo(card.cell(type, Difficulty.SUBTLE).orElseThrow().recall().mean());
        }
        assertThat(results.containerEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey(Scorecard.REPORT_ENTRY_KEY)))
                .singleElement().satisfies(m -> assertThat(m.get(Scorecard.REPORT_ENTRY_KEY)).isEqualTo(card.toMarkdown()));
    }

    @Test
    void setsOfSeveralTypesAreSweptNextToSingleTypesAndNamedByTheirTypes() {
        MeltTestKit.withCache(cache).run(SweepTestCases.SetsOfSeveralTypes.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(Recorded.get("anomalies")).containsExactlyInAnyOrder("[CPU_SPIKE]/SUBTLE/SUBTLE",
                "[CPU_SPIKE, LATENCY_SPIKE]/SUBTLE/SUBTLE", "[]/SUBTLE/SUBTLE");
        assertThat(Recorded.get("name")).containsExactlyInAnyOrder(
                "[1] seed=3, anomalies=[cpu_spike], difficulty=subtle",
                "[2] seed=3, anomalies=[cpu_spike, latency_spike], difficulty=subtle",
                "[3] seed=3, anomalies=[], difficulty=subtle");
    }

    @Test
    void aDifficultyBesideDifficultiesIsRefusedNamingBoth() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.DifficultyBesideDifficulties.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container("sweep"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("difficulty = SUBTLE is not accepted beside difficulties = [LOUD, NORMAL]")
                                && m.contains("add SUBTLE to difficulties")))));
        assertThat(Recorded.get("ran")).isEmpty();
    }

    @Test
    void anAnomalyTypeParameterIsRefusedWhenASetHasSeveralTypes() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.TypeParameterWithASetOfTwo.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container("sweep"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("parameter 1 of type AnomalyType is not accepted with the incident set"
                                + " [cpu_spike, error_burst], which has 2 types")))));
        assertThat(Recorded.get("ran")).isEmpty();
    }

    @Test
    void withoutSeedsOrAnomaliesItFeedsOneDatasetWithTheGlobalSeedAndNoIncidents() {
        MeltTestKit.withCache(cache).with(MeltDataset.SEED_PROPERTY_NAME, "8").run(SweepTestCases.DefaultSeed.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(Recorded.single("seed")).isEqualTo(8L);
        assertThat(Recorded.single("incidents")).isEqualTo(0);
    }

    @Test
    void inAClassCarryingMeltDatasetTheSweepStillFeedsItsOwnDatasets() {
        MeltTestKit.withCache(cache).run(SweepTestCases.InsideAnAnnotatedClass.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(Recorded.single("seed")).isEqualTo(2L);
    }

    @Test
    void aFailedInvocationReportsItsOwnSeed() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.Failing.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        List<Map<String, String>> entries = results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey("melt.seed"))
                .collect(Collectors.toList());
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("melt.seed", "4");
            assertThat(entry.get("melt.spec")).contains("anomalies=[error_burst], seed=4");
            assertThat(entry.get("melt.command")).contains(" --seed 4 ");
        });
    }

    @Test
    void aFailedInvocationOfADifficultySweepReportsItsDifficulty() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.FailingWhenSubtle.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        List<Map<String, String>> entries = results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey("melt.seed"))
                .collect(Collectors.toList());
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("melt.seed", "5");
            assertThat(entry.get("melt.spec")).contains("anomalies=[error_burst], seed=5", "difficulty=SUBTLE");
        });
    }

    @Test
    void aMethodWithoutAUsableParameterFailsNamingTheTypeAndTheAcceptedOnes() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.NoUsableParameter.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container("takesAString"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("takesAString") && m.contains("java.lang.String is not accepted")
                                && m.contains("expected MeltData")))));
    }

    @Test
    void aBadAttributeFailsBeforeAnyInvocation() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.BadSize.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container("badSize"),
                finishedWithFailure(message(m -> m.contains("badSize") && m.contains("lots")))));
    }

    @Test
    void aMeltDatasetBesideTheSweepIsRefusedNamingBothAndWhereItsAttributesGo() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.SpecBesideTheSweep.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container("sweep"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@MeltDataset and @MeltDatasets are both on method"
                                + " [SpecBesideTheSweep.sweep(MeltData)]")
                                && m.contains("seed = 99 becomes seeds = 99")))));
        assertThat(Recorded.get("ran")).isEmpty();
    }

    @Test
    void aSweepOnAPlainTestIsRefusedAskingForParameterizedTest() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.SweepOnAPlainTest.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("plain"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@MeltDatasets on method [SweepOnAPlainTest.plain(MeltData)]"
                                + " needs @ParameterizedTest") && m.contains("replace @Test with @ParameterizedTest")))));
        assertThat(Recorded.get("ran")).isEmpty();
    }

    @Test
    void anIntSeedParameterIsRefusedAskingForLong() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(SweepTestCases.IntSeed.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container("sweep"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("parameter 1 [int seed] cannot take the seed: seeds are long;"
                                + " declare it long")))));
    }

    @Test
    void aParameterWithItsOwnMeltDatasetIsNotASweepArgument() {
        MeltTestKit.withCache(cache).run(SweepTestCases.OwnSpecBesideTheSweepArguments.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(Recorded.single("seeds")).isEqualTo("1/1/7");
    }
}
