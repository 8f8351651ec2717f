package dev.melt.junit;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static org.junit.jupiter.api.Assertions.fail;

import dev.melt.generator.Difficulty;
import dev.melt.generator.MeltData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Fixture classes for the cache and report tests; run only through the test kit or a launcher. */
class CacheTestCases {

    /** Six tests, three per spec, run concurrently. */
    static class SameSpecInParallel {
        @Test
        void a1(@MeltDataset(size = "1MB", seed = 31) Path directory) {
            Recorded.put("31", directory);
        }

        @Test
        void a2(@MeltDataset(size = "1MB", seed = 31) MeltData data) {
            Recorded.put("31", data.directory());
        }

        @Test
        void a3(@MeltDataset(size = "1MB", seed = 31) Path directory) {
            Recorded.put("31", directory);
        }

        @Test
        void b1(@MeltDataset(size = "1MB", seed = 32) Path directory) {
            Recorded.put("32", directory);
        }

        @Test
        void b2(@MeltDataset(size = "1MB", seed = 32) MeltData data) {
            Recorded.put("32", data.directory());
        }

        @Test
        void b3(@MeltDataset(size = "1MB", seed = 32) Path directory) {
            Recorded.put("32", directory);
        }
    }

    static class OneSpec {
        @Test
        void uses(@MeltDataset(size = "2MB", seed = 41) MeltData data) {
            Recorded.put("data", data);
            Recorded.put("records", data.totalRecords());
        }
    }

    static class SparseTraffic {
        @Test
        void uses(@MeltDataset(size = "3MB", duration = "20m", seed = 43) MeltData data) {
            Recorded.put("data", data);
        }
    }

    /** The first test writes into its cached dataset (as root could despite the modes); the second asks for it again. */
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class WritesIntoItsDataset {
        @Test
        @org.junit.jupiter.api.Order(1)
        void writes(@MeltDataset(size = "1MB", seed = 43) MeltData data) throws java.io.IOException {
            Path events = data.directory().resolve("events.jsonl");
            events.toFile().setWritable(true, true);
            java.nio.file.Files.writeString(events, "{}\n", java.nio.file.StandardOpenOption.APPEND);
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void readsAgain(@MeltDataset(size = "1MB", seed = 43) MeltData data) {
            Recorded.put("data", data);
        }
    }

    static class OtherSpec {
        @Test
        void uses(@MeltDataset(size = "1MB", seed = 42) MeltData data) {
            Recorded.put("other", data.directory());
        }
    }

    /** A melt assertion fails: a detector that found nothing. */
    static class FailingMeltAssertion {
        @Test
        void missesTheSpike(@MeltDataset(size = "1MB", anomalies = CPU_SPIKE, seed = 52) MeltData data) {
            dev.melt.assertions.MeltAssertions.assertThat(java.util.List.<dev.melt.assertions.Detection>of())
                    .against(data).detectsEvery(CPU_SPIKE);
        }
    }

    static class Failing {
        @Test
        void missesTheSpike(@MeltDataset(size = "1MB", anomalies = CPU_SPIKE, seed = 51) MeltData data) {
            fail("the detector missed the CPU spike");
        }

        @Test
        void passes(@MeltDataset(size = "1MB", anomalies = CPU_SPIKE, seed = 51) MeltData data) {
        }
    }

    /** A user's failing test on a spec no set of CLI flags expresses. */
    static class FailingSubtleCustomTopology {
        @Test
        void missesTheSubtleSpike(@MeltDataset(duration = "20m", anomalies = LATENCY_SPIKE, seed = 23,
                difficulty = Difficulty.SUBTLE, services = {"gateway", "orders", "stock"}, requestRate = "3",
                logsInterval = "PT0.5S", startTime = "2024-03-04T06:00:00Z") MeltData data) {
            Recorded.put("directory", data.directory());
            fail("the detector missed the subtle latency spike");
        }
    }
}
