package dev.melt.samples;

import static dev.melt.assertions.MeltAssertions.assertThat;
import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.Difficulty.NORMAL;
import static dev.melt.generator.Difficulty.SUBTLE;

import dev.melt.assertions.Evaluation;
import dev.melt.assertions.Scorecard;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.MeltData;
import dev.melt.junit.MeltDatasets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The scorecard of docs/junit.md and docs/assertions.md: the CPU detector over two seeds at two
 * difficulties, one {@link Scorecard} cell per difficulty, published as a report entry and
 * asserted per cell.
 */
class ScorecardSweepTest {

    // tag::scorecard[]
    static final Scorecard CARD = Scorecard.create();

    @ParameterizedTest
    @MeltDatasets(seeds = {1, 2}, anomalies = CPU_SPIKE, difficulties = {NORMAL, SUBTLE}, size = "15MB", duration = "1h")
    void scoresTheCpuDetector(MeltData data, AnomalyType type, Difficulty difficulty, long seed) {
        CARD.add(type, difficulty, seed, Evaluation.of(JunitDocSnippetsTest.cpuAlerts(data), data.groundTruth(),
                ScoringOptions.defaults().withTolerance(Duration.ofMinutes(1))));
    }

    @AfterAll
    static void checkTheCard(TestReporter reporter) {
        CARD.publish(reporter::publishEntry);   // the Markdown table, as report entry melt.scorecard
        assertThat(CARD).cell(CPU_SPIKE, NORMAL).hasRuns(2).hasMeanRecallAtLeast(1.0);
        assertThat(CARD).cell(CPU_SPIKE, SUBTLE).hasMeanRecallAtLeast(0.9).hasMeanFalseAlarmsPerHourAtMost(0.5);
    }
    // end::scorecard[]
}
