package dev.melt.junit;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;

import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static dev.melt.generator.Difficulty.LOUD;
import static dev.melt.generator.Difficulty.NORMAL;
import static dev.melt.generator.Difficulty.SUBTLE;

import dev.melt.assertions.Evaluation;
import dev.melt.assertions.Scorecard;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;

/** Fixture classes for {@link MeltDatasetsTest}; run only through the test kit. */
class SweepTestCases {

    static class SeedsTimesAnomalies {
        @ParameterizedTest
        @MeltDatasets(seeds = {1, 2}, anomalies = {CPU_SPIKE, ERROR_BURST}, size = "1MB")
        void sweep(MeltData data, AnomalyType type, long seed, Path directory, GroundTruth truth, TestInfo info) {
            Recorded.put("combination", seed + "/" + type + "/" + data.manifest().seed() + "/"
                    + data.manifest().spec().anomalies() + "/" + directory.equals(data.directory()) + "/"
                    + truth.equals(data.groundTruth()));
            Recorded.put("name", info.getDisplayName());
        }
    }

    static class DefaultSeed {
        @ParameterizedTest
        @MeltDatasets(size = "1MB")
        void noIncidents(MeltData data) {
            Recorded.put("seed", data.manifest().seed());
            Recorded.put("incidents", data.groundTruth().incidents().size());
        }
    }

    @MeltDataset(size = "1MB", seed = 1)
    static class InsideAnAnnotatedClass {
        @ParameterizedTest
        @MeltDatasets(seeds = 2, size = "1MB")
        void sweepWins(MeltData data) {
            Recorded.put("seed", data.manifest().seed());
        }
    }

    static class Failing {
        @ParameterizedTest
        @MeltDatasets(seeds = {3, 4}, anomalies = ERROR_BURST, size = "1MB")
        void failsForSeedFour(MeltData data, long seed) {
            if (seed == 4) {
                throw new AssertionError("missed the burst");
            }
        }
    }

    static class FailingWhenSubtle {
        @ParameterizedTest
        @MeltDatasets(seeds = 5, anomalies = ERROR_BURST, difficulties = {NORMAL, SUBTLE}, size = "1MB")
        void failsWhenSubtle(MeltData data, Difficulty difficulty) {
            if (difficulty == SUBTLE) {
                throw new AssertionError("missed the subtle burst");
            }
        }
    }

    static class NoUsableParameter {
        @ParameterizedTest
        @MeltDatasets(size = "1MB")
        void takesAString(String name) {
        }
    }

    static class BadSize {
        @ParameterizedTest
        @MeltDatasets(size = "lots")
        void badSize(MeltData data) {
        }
    }

    static class SpecBesideTheSweep {
        @ParameterizedTest
        @MeltDataset(seed = 99)
        @MeltDatasets(seeds = 1, size = "1MB")
        void sweep(MeltData data) {
            Recorded.put("ran", true);
        }
    }

    static class SweepOnAPlainTest {
        @Test
        @MeltDatasets(seeds = 1, size = "1MB")
        void plain(MeltData data) {
            Recorded.put("ran", true);
        }
    }

    static class IntSeed {
        @ParameterizedTest
        @MeltDatasets(seeds = 1, size = "1MB")
        void sweep(MeltData data, int seed) {
            Recorded.put("ran", true);
        }
    }

    static class OwnSpecBesideTheSweepArguments {
        @ParameterizedTest
        @MeltDatasets(seeds = 1, size = "1MB")
        void sweep(MeltData data, long seed, @MeltDataset(size = "1MB", seed = 7) MeltData other) {
            Recorded.put("seeds", data.manifest().seed() + "/" + seed + "/" + other.manifest().seed());
        }
    }

    static class SeedsTimesTypesTimesDifficulties {
        static Scorecard card;

        @BeforeAll
        static void newCard() {
            card = Scorecard.create();
        }

        @ParameterizedTest
        @MeltDatasets(seeds = {1, 2}, anomalies = {CPU_SPIKE, ERROR_BURST}, difficulties = {LOUD, NORMAL, SUBTLE},
                size = "3MB", duration = "12m")
        void score(MeltData data, AnomalyType type, Difficulty difficulty, long seed, TestInfo info) {
            Recorded.put("name", info.getDisplayName());
            Recorded.put("combination", seed + "/" + type + "/" + difficulty + "/" + data.manifest().seed() + "/"
                    + data.manifest().spec().anomalies() + "/" + data.manifest().spec().anomalyConfig().difficulty());
            card.add(type, difficulty, seed, Evaluation.of(MedianSpikeDetector.detect(data), data.groundTruth(),
                    ScoringOptions.defaults().withTolerance(Duration.ofSeconds(30))));
        }

        @AfterAll
        static void publish(TestReporter reporter) {
            card.publish(reporter::publishEntry);
            Recorded.put("card", card);
        }
    }

    static class SetsOfSeveralTypes {
        @ParameterizedTest
        @MeltDatasets(seeds = 3, anomalies = CPU_SPIKE, anomalySets = {@MeltDatasets.AnomalySet({LATENCY_SPIKE, CPU_SPIKE}),
                @MeltDatasets.AnomalySet({})}, difficulties = SUBTLE, size = "1MB")
        void sweep(MeltData data, Difficulty difficulty, TestInfo info) {
            Recorded.put("name", info.getDisplayName());
            Recorded.put("anomalies", data.manifest().spec().anomalies() + "/" + difficulty + "/"
                    + data.manifest().spec().anomalyConfig().difficulty());
        }
    }

    static class DifficultyBesideDifficulties {
        @ParameterizedTest
        @MeltDatasets(seeds = 1, difficulty = SUBTLE, difficulties = {LOUD, NORMAL}, size = "1MB")
        void sweep(MeltData data) {
            Recorded.put("ran", true);
        }
    }

    static class TypeParameterWithASetOfTwo {
        @ParameterizedTest
        @MeltDatasets(seeds = 1, anomalySets = @MeltDatasets.AnomalySet({CPU_SPIKE, ERROR_BURST}), size = "1MB")
        void sweep(MeltData data, AnomalyType type) {
            Recorded.put("ran", true);
        }
    }
}
