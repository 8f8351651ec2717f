package dev.melt.benchmarks;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole datasets written to disk by {@link MeltGenerator}: planning, generation on all cores,
 * hashing and writing. Each operation generates one dataset; the score is seconds per dataset,
 * and the counters give the megabytes written, the MB/s and records/s of each dataset, and the
 * peak heap in MB. JMH adds event counters up over the measured operations, so with the three
 * single-shot iterations below each counter reads three times its per-dataset value.
 *
 * <pre>java -jar melt-benchmarks/target/benchmarks.jar DatasetGenerationBenchmark -p size=100MB,1GB</pre>
 *
 * <p>Files go to {@code java.io.tmpdir} (set {@code -Djava.io.tmpdir=...} to put them on the disk
 * under test) and are deleted after each operation.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Benchmark)
public class DatasetGenerationBenchmark {

    /** The dataset size. */
    @Param({"100MB", "1GB"})
    public String size;

    /** Generator threads; 0 means one per processor. */
    @Param("0")
    public int threads;

    private Path directory;

    /** Figures of the last dataset, reported per operation. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        /** Megabytes (10^6 bytes) written. */
        public double megabytes;
        /** Megabytes written per second. */
        public double megabytesPerSecond;
        /** Records written per second. */
        public double recordsPerSecond;
        /** Peak heap use in megabytes since the JVM started. */
        public double peakHeapMegabytes;
    }

    /**
     * Picks a fresh directory.
     *
     * @throws IOException when the temporary directory cannot be created
     */
    @Setup(Level.Invocation)
    public void directory() throws IOException {
        directory = Files.createTempDirectory("melt-bench").resolve("data");
    }

    /**
     * Deletes the dataset.
     *
     * @throws IOException when it cannot be deleted
     */
    @TearDown(Level.Invocation)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(directory.getParent())) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Generates one dataset.
     *
     * @param figures where the figures go
     * @return the manifest
     * @throws IOException when writing fails
     */
    @Benchmark
    public Manifest generate(Figures figures) throws IOException {
        GenerationConfig spec = GenerationConfig.builder().size(size).seed(42).anomalies(AnomalyType.values()).build();
        MeltGenerator generator = new MeltGenerator(spec);
        if (threads > 0) {
            generator.threads(threads);
        }
        long start = System.nanoTime();
        Manifest manifest = generator.generate(directory);
        double seconds = (System.nanoTime() - start) / 1e9;
        figures.megabytes = manifest.totalBytes() / 1e6;
        figures.megabytesPerSecond = figures.megabytes / seconds;
        figures.recordsPerSecond = manifest.totalRecords() / seconds;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        figures.peakHeapMegabytes = peak / 1e6;
        return manifest;
    }
}
