package dev.melt.junit;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
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
}
