package dev.melt.junit;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.LATENCY_SPIKE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.melt.generator.DatasetFormat;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fixture classes for {@link MeltDatasetInjectionTest}; run only through the test kit. */
class InjectionTestCases {

    /** A user's own scenario annotation. */
    @Retention(RUNTIME)
    @Target({PARAMETER, METHOD, TYPE, FIELD})
    @MeltDataset(size = "1MB", anomalies = {LATENCY_SPIKE, CPU_SPIKE}, seed = 11, services = {"checkout", "payment"})
    @interface CheckoutIncident {
    }

    static class ParameterTypes {
        @Test
        void injectsEachType(@MeltDataset(size = "1MB", seed = 5) MeltData data,
                             @MeltDataset(size = "1MB", seed = 5) Path directory,
                             @MeltDataset(size = "1MB", seed = 5) GroundTruth truth) {
            Recorded.put("data", data);
            Recorded.put("directory", directory);
            Recorded.put("truth", truth);
        }
    }

    static class Formats {
        @Test
        void openMetricsBesideJsonl(@MeltDataset(size = "1MB", seed = 5, formats = {DatasetFormat.JSONL,
            DatasetFormat.OPENMETRICS}) MeltData both, @MeltDataset(size = "1MB", seed = 5) MeltData jsonl,
            @MeltDataset(size = "1MB", seed = 5, formats = DatasetFormat.OTLP) MeltData otlp) {
            Recorded.put("formats.both", both);
            Recorded.put("formats.jsonl", jsonl);
            Recorded.put("formats.otlp", otlp);
        }
    }

    static class Faults {
        @Test
        void malformedLinesAreSkipped(@MeltDataset(duration = "20m", seed = 5,
            faults = dev.melt.generator.FaultKind.MALFORMED) MeltData faulted) {
            try (java.util.stream.Stream<dev.melt.generator.LogRecord> logs = faulted.logs()) {
                Recorded.put("faults.read", logs.count());
            }
            Recorded.put("faults.data", faulted);
        }
    }

    @MeltDataset(size = "1MB", seed = 1)
    static class Precedence {
        @Test
        void classLevel(MeltData data) {
            Recorded.put("class", data.manifest().seed());
        }

        @Test
        @MeltDataset(size = "1MB", seed = 2)
        void methodLevel(MeltData data, @MeltDataset(size = "1MB", seed = 2) Path directory) {
            Recorded.put("method", data.manifest().seed());
            Recorded.put("method.directory", directory.equals(data.directory()));
        }

        @Test
        @MeltDataset(size = "1MB", seed = 2)
        void parameterLevel(@MeltDataset(size = "1MB", seed = 3) MeltData data) {
            Recorded.put("parameter", data.manifest().seed());
        }

        @Test
        @MeltDataset(size = "1MB", seed = 2)
        void otherAnnotatedPathLeftAlone(MeltData data, @TempDir Path scratch) {
            Recorded.put("tempdir", !scratch.equals(data.directory()));
        }

        @Nested
        class Inner {
            @Test
            void enclosingClass(MeltData data) {
                Recorded.put("nested", data.manifest().seed());
            }
        }
    }

    @MeltDataset(size = "1MB", seed = 1)
    abstract static class AnnotatedBase {
    }

    static class InheritsTheSpec extends AnnotatedBase {
        @Test
        void fromTheSuperclass(MeltData data) {
            Recorded.put("inherited", data.manifest().seed());
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassLifecycle {
        @MeltDataset(size = "1MB", seed = 1)
        MeltData instanceField;

        @BeforeAll
        void beforeAll() {
            Recorded.put("perClass.beforeAll", instanceField);
        }

        @Test
        void test() {
            Recorded.put("perClass.test", instanceField);
        }
    }

    static class MetaAnnotation {
        @Test
        void onParameter(@CheckoutIncident MeltData data) {
            Recorded.put("meta.parameter", data);
        }

        @Test
        @CheckoutIncident
        void onMethod(GroundTruth truth) {
            Recorded.put("meta.method", truth);
        }
    }

    static class Lifecycle {
        @MeltDataset(size = "1MB", seed = 21)
        static MeltData staticField;

        @CheckoutIncident
        Path instanceField;

        private final MeltData fromConstructor;

        Lifecycle(@MeltDataset(size = "1MB", seed = 23) MeltData data) {
            this.fromConstructor = data;
        }

        @BeforeAll
        static void beforeAll(@MeltDataset(size = "1MB", seed = 24) GroundTruth truth) {
            Recorded.put("beforeAll", truth);
            Recorded.put("beforeAll.staticField", staticField);
        }

        @BeforeEach
        void beforeEach(@MeltDataset(size = "1MB", seed = 25) Path directory) {
            Recorded.put("beforeEach", directory);
        }

        @Test
        void first() {
            record();
        }

        @Test
        void second() {
            record();
        }

        private void record() {
            Recorded.put("staticField", staticField);
            Recorded.put("instanceField", instanceField);
            Recorded.put("constructor", fromConstructor.manifest().seed());
        }
    }

    static class WrongParameterType {
        @Test
        void wrongType(@MeltDataset(size = "1MB") String name) {
        }
    }

    static class BadSize {
        @Test
        void badSize(@MeltDataset(size = "10XB") MeltData data) {
        }
    }

    static class BadDuration {
        @Test
        void badDuration(@MeltDataset(duration = "2 weeks") MeltData data) {
        }
    }

    static class TrafficKnobs {
        @Test
        void denseTraces(@MeltDataset(size = "1MB", seed = 9, requestRate = "2", traceSampling = "0.5", logsInterval = "6s",
                startTime = "2024-03-02T06:00:00Z") MeltData data) {
            Recorded.put("traffic.spec", data.manifest().spec());
            Recorded.put("traffic.start", data.groundTruth().start());
        }
    }

    static class BadTracesInterval {
        @Test
        void badTracesInterval(@MeltDataset(size = "1MB", requestRate = "fast") MeltData data) {
        }
    }

    static class BadStartTime {
        @Test
        void badStartTime(@MeltDataset(size = "1MB", startTime = "yesterday") MeltData data) {
        }
    }

    static class WrongFieldType {
        @MeltDataset(size = "1MB")
        String name;

        @Test
        void test() {
        }
    }

    static class FinalField {
        @MeltDataset(size = "1MB")
        final Path directory = null;

        @Test
        void test() {
        }
    }

    /** A parameterized test whose own Path arguments must not be claimed by the class's spec. */
    @MeltDataset(size = "1MB", seed = 1)
    static class ParameterizedPathArguments {
        static Stream<Path> paths() {
            return Stream.of(Path.of("first.csv"), Path.of("second.csv"));
        }

        @ParameterizedTest
        @MethodSource("paths")
        void takesItsOwnPath(Path argument, MeltData data) {
            Recorded.put("argument", argument.toString());
            Recorded.put("seed", data.manifest().seed());
        }
    }

    static class ScenarioAndSpecOnOneParameter {
        @Test
        void both(@CheckoutIncident @MeltDataset(size = "1MB", seed = 3) MeltData data) {
            Recorded.put("ran", true);
        }
    }

    static class ScenarioAndSpecOnOneMethod {
        @Test
        @CheckoutIncident
        @MeltDataset(size = "1MB", seed = 3)
        void both(MeltData data) {
            Recorded.put("ran", true);
        }
    }

    static class ScenarioAndSpecOnOneField {
        @CheckoutIncident
        @MeltDataset(size = "1MB", seed = 3)
        MeltData data;

        @Test
        void both() {
            Recorded.put("ran", true);
        }
    }

    static class Twins {
        @Test
        @MeltDataset(size = "1MB", seed = 5, anomalies = CPU_SPIKE)
        void theTwinBesideItsOriginal(MeltData data, @MeltTwin MeltData twin,
                                      @MeltTwin(without = "inc-0001") GroundTruth withoutTheFirst,
                                      @MeltTwin @MeltDataset(size = "1MB", seed = 6, anomalies = CPU_SPIKE) Path other) {
            Recorded.put("twin.data", data);
            Recorded.put("twin.twin", twin);
            Recorded.put("twin.withoutTheFirst", withoutTheFirst);
            Recorded.put("twin.other", other);
        }
    }

    static class TwinWithoutASpec {
        @Test
        void noSpec(@MeltTwin MeltData twin) {
            Recorded.put("ran", true);
        }
    }

    static class TwinWithoutAnUnknownIncident {
        @Test
        @MeltDataset(size = "1MB", seed = 5, anomalies = CPU_SPIKE)
        void unknown(@MeltTwin(without = "inc-0042") MeltData twin) {
            Recorded.put("ran", true);
        }
    }

    static class TwinInASweep {
        @ParameterizedTest
        @MeltDatasets(seeds = {1, 2}, size = "1MB")
        void sweep(MeltData data, long seed, @MeltTwin MeltData twin) {
            Recorded.put("ran", true);
        }
    }
}
