package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.incident;
import static dev.melt.assertions.Fixtures.list;
import static dev.melt.assertions.Fixtures.truth;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.Difficulty.NORMAL;
import static dev.melt.generator.Difficulty.SUBTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.melt.generator.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardTest {

    /** cpu_spike at checkout [00:10, 00:20). */
    private static final GroundTruth CPU = truth(incident("inc-0001", CPU_SPIKE, "checkout", null, 10, 20));
    /** cpu_spike at checkout [00:10, 00:20) and latency_spike at payment [00:30, 00:40). */
    private static final GroundTruth BOTH = truth(incident("inc-0001", CPU_SPIKE, "checkout", null, 10, 20),
            incident("inc-0002", LATENCY_SPIKE, "payment", null, 30, 40));

    /** Seed 1 finds the spike two minutes late and raises one false alarm; seed 2 misses it. */
    private static Scorecard hitAndMiss() {
        return Scorecard.create()
                .add(CPU_SPIKE, SUBTLE, 1, Evaluation.of(list(Detection.at(at(12)), Detection.at(at(50))), CPU))
                .add(CPU_SPIKE, SUBTLE, 2, Evaluation.of(list(Detection.at(at(50))), CPU));
    }

    @Test
    void aCellGivesTheMeanAndTheSpreadOverItsRuns() {
        Scorecard.Cell cell = hitAndMiss().cell(CPU_SPIKE, SUBTLE).orElseThrow();

        assertThat(cell.runs()).isEqualTo(2);
        assertThat(cell.seeds()).containsExactly(1L, 2L);
        assertThat(cell.incidents()).isEqualTo(2);
        assertThat(cell.detected()).isEqualTo(1);
        assertThat(cell.recall().mean()).isEqualTo(0.5);
        assertThat(cell.recall().standardDeviation()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(cell.recall().min()).isZero();
        assertThat(cell.recall().max()).isEqualTo(1.0);
        assertThat(cell.precision().mean()).isEqualTo(0.25); // 1/2 and 0/1
        assertThat(cell.falseAlarmsPerHour().mean()).isEqualTo(1.0);
        assertThat(cell.falseAlarmsPerHour().standardDeviation()).isZero();
        assertThat(cell.meanDetectionDelay()).contains(Duration.ofMinutes(2));
        assertThat(hitAndMiss().cell(CPU_SPIKE, NORMAL)).isEmpty();
    }

    @Test
    void aDatasetOfSeveralTypesGivesEachTypeItsOwnRecallAndTheDetectorsPrecision() {
        Evaluation evaluation = Evaluation.of(list(Detection.at(at(12)), Detection.at(at(50))), BOTH);
        Scorecard card = Scorecard.create().addEachType(NORMAL, 7, evaluation);

        Scorecard.Cell cpu = card.cell(CPU_SPIKE, NORMAL).orElseThrow();
        Scorecard.Cell latency = card.cell(LATENCY_SPIKE, NORMAL).orElseThrow();
        assertThat(cpu.recall().mean()).isEqualTo(1.0);
        assertThat(latency.recall().mean()).isZero();
        assertThat(cpu.detected()).isEqualTo(1);
        assertThat(latency.detected()).isZero();
        assertThat(cpu.precision().mean()).isEqualTo(evaluation.precision()).isEqualTo(0.5);
        assertThat(latency.precision().mean()).isEqualTo(0.5);
        assertThat(latency.meanDetectionDelay()).isEmpty();
    }

    @Test
    void aLabelledCellScoresEveryIncidentAndAQuietOneHasNoRecall() {
        Scorecard card = Scorecard.create()
                .add("ewma", 1, Evaluation.of(list(Detection.at(at(12))), BOTH))
                .add("quiet", 1, Evaluation.of(list(Detection.at(at(5)), Detection.at(at(6))), truth()));

        assertThat(card.cell("ewma").orElseThrow().recall().mean()).isEqualTo(0.5);
        Scorecard.Cell quiet = card.cell("quiet").orElseThrow();
        assertThat(quiet.recall().count()).isZero();
        assertThat(quiet.recall().toString()).isEqualTo("-");
        assertThat(quiet.falseAlarmsPerHour().mean()).isEqualTo(2.0);
        assertThat(card.toMarkdown()).startsWith("| label | runs |")
                .contains("| quiet | 1 | 0 | 0 | - | 0.00 ± 0.00 | 0.00 ± 0.00 | 2.00 ± 0.00 | - |");
        assertThat(Scorecard.create().add("silent", 1, Evaluation.of(list(), BOTH)).cell("silent").orElseThrow()
                .precision().count()).as("a silent run has no precision").isZero();
    }

    @Test
    void theMarkdownTableHasOneRowPerCellInTypeAndDifficultyOrder() {
        Scorecard card = hitAndMiss().add(CPU_SPIKE, NORMAL, 1, Evaluation.of(list(Detection.at(at(10))), CPU))
                .add(LATENCY_SPIKE, NORMAL, 1, Evaluation.of(list(), BOTH));

        assertThat(card.toMarkdown().lines()).containsExactly(
                "| type | difficulty | runs | incidents | detected | recall | precision | F1 | false alarms/h | mean delay |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                "| cpu_spike | normal | 1 | 1 | 1 | 1.00 ± 0.00 | 1.00 ± 0.00 | 1.00 ± 0.00 | 0.00 ± 0.00 | 0 s |",
                "| cpu_spike | subtle | 2 | 2 | 1 | 0.50 ± 0.71 | 0.25 ± 0.35 | 0.33 ± 0.47 | 1.00 ± 0.00 | 120 s |",
                "| latency_spike | normal | 1 | 1 | 0 | 0.00 ± 0.00 | - | 0.00 ± 0.00 | 0.00 ± 0.00 | - |");
        assertThat(card.toString()).isEqualTo(card.toMarkdown());
    }

    @Test
    void theCsvTableHasAHeaderAndNumbersWithoutFormatting() {
        Scorecard card = hitAndMiss().add("a, \"quoted\" label", 3, Evaluation.of(list(), truth()));

        assertThat(card.toCsv().lines()).containsExactly(
                "label,type,difficulty,runs,incidents,detected,recall_mean,recall_sd,precision_mean,precision_sd,"
                        + "f1_mean,f1_sd,false_alarms_per_hour_mean,false_alarms_per_hour_sd,mean_delay_seconds",
                ",cpu_spike,subtle,2,2,1,0.5,0.707107,0.25,0.353553,0.333333,0.471405,1,0,120",
                "\"a, \"\"quoted\"\" label\",,,1,0,0,,,,,0,0,0,0,");
    }

    @Test
    void assertionsCheckACellAndAFailurePrintsTheTable() {
        Scorecard card = hitAndMiss();

        assertThatCode(() -> MeltAssertions.assertThat(card).hasCellCount(1).cell(CPU_SPIKE, SUBTLE)
                .hasRuns(2).hasMeanRecallAtLeast(0.5).hasMeanFalseAlarmsPerHourAtMost(1)
                .hasMeanDetectionDelayAtMost(Duration.ofMinutes(2))).doesNotThrowAnyException();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(card).cell(CPU_SPIKE, SUBTLE).hasMeanRecallAtLeast(0.6))
                .withMessage("Expecting the mean recall of cell cpu_spike / subtle (2 runs, seeds [1, 2]):\n"
                        + "  0.50 ± 0.71\nto be at least:\n  0.6\nScorecard:\n" + card.toMarkdown());
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(card).cell(CPU_SPIKE, SUBTLE).hasMeanPrecisionAtLeast(0.3))
                .withMessageContaining("mean precision").withMessageContaining("0.25 ± 0.35");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(card).cell(CPU_SPIKE, SUBTLE).hasMeanFalseAlarmsPerHourAtMost(0.5))
                .withMessageContaining("to be at most:\n  0.5");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(card).cell(CPU_SPIKE, SUBTLE)
                        .hasMeanDetectionDelayAtMost(Duration.ofMinutes(1)))
                .withMessageContaining("PT2M");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(card).hasCellCount(2))
                .withMessageContaining("to have 2 cells but it has 1");
    }

    @Test
    void aMissingCellFailsNamingTheCellsThereAre() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(hitAndMiss()).cell(LATENCY_SPIKE, SUBTLE))
                .withMessageStartingWith("Expecting the scorecard to have a cell latency_spike / subtle but it has"
                        + " cpu_spike / subtle:\n| type |");
    }

    @Test
    void aCellWithoutIncidentsOfItsTypeHasNoRecallToCheck() {
        Scorecard card = Scorecard.create().add(LATENCY_SPIKE, NORMAL, 1, Evaluation.of(list(), CPU));

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> MeltAssertions.assertThat(card).cell(LATENCY_SPIKE, NORMAL).hasMeanRecallAtLeast(0))
                .withMessageContaining("none (no run has an incident of the cell's type)");
    }

    @Test
    void aSeedTwiceInACellABlankLabelAndABadMinimumAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hitAndMiss().add(CPU_SPIKE, SUBTLE, 2, Evaluation.of(list(), CPU)))
                .withMessage("seed: 2 is not accepted; cell cpu_spike / subtle already has a run of that seed"
                        + " (expected each seed once per cell)");
        assertThatIllegalArgumentException().isThrownBy(() -> Scorecard.create().add(" ", 1, Evaluation.of(list(), CPU)))
                .withMessage("label: ' ' is not accepted; expected a non-blank name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Scorecard.create().addEachType(NORMAL, 1, Evaluation.of(list(), truth())))
                .withMessageStartingWith("evaluation: a dataset without incidents is not accepted by addEachType");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MeltAssertions.assertThat(hitAndMiss()).cell(CPU_SPIKE, SUBTLE).hasMeanRecallAtLeast(1.5))
                .withMessage("minimum: 1.5 is not accepted; expected a number between 0 and 1");
    }

    @Test
    void theTableIsPublishedAsAReportEntryAndWrittenAsMarkdownOrCsv(@TempDir Path dir) throws Exception {
        Scorecard card = hitAndMiss();
        Map<String, String> entries = new LinkedHashMap<>();
        card.publish(entries::put);

        assertThat(entries).containsExactly(Map.entry("melt.scorecard", card.toMarkdown()));
        assertThat(Files.readString(card.write(dir.resolve("out/card.md")))).isEqualTo(card.toMarkdown());
        assertThat(Files.readString(card.write(dir.resolve("card.csv")))).isEqualTo(card.toCsv());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "card.csv");
        }
    }
}
