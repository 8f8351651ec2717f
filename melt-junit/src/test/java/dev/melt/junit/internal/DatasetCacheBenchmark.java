package dev.melt.junit.internal;

import dev.melt.generator.GenerationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What a test pays for a {@code @MeltDataset} the first time (generation into an empty cache)
 * and every later run (a cache hit: lock, integrity check, open). One acquisition is what one
 * test run pays per spec; the run store serves every further request from memory.
 *
 * <pre>
 * mvn -B -q -pl melt-junit -am test-compile && mvn -B -q -pl melt-junit exec:exec@jmh -Djmh.args=DatasetCacheBenchmark
 * </pre>
 */
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DatasetCacheBenchmark {

    /** A cache directory, its source and the spec asked for. */
    @State(Scope.Benchmark)
    public static class Cache {
        @Param("100MB")
        public String size;

        DatasetSpec spec;
        Path directory;
        DatasetSource source;

        void open(boolean fullVerification) throws IOException {
            spec = DatasetSpec.of(GenerationConfig.builder().size(size).seed(42).build());
            directory = Files.createTempDirectory("melt-cache-bench-");
            source = DatasetSource.open(new CacheSettings(directory, true, Long.MAX_VALUE, fullVerification,
                    OptionalLong.empty(), Runtime.getRuntime().availableProcessors()));
        }

        void delete() throws IOException {
            source.close();
            // Entries are read-only; make them writable again so they can be removed.
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    p.toFile().setWritable(true, true);
                    p.toFile().delete();
                });
            }
        }
    }

    /** An empty cache for every measured generation. */
    @State(Scope.Benchmark)
    public static class EmptyCache extends Cache {
        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            open(false);
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws IOException {
            delete();
        }
    }

    /** A cache that already holds the dataset. */
    @State(Scope.Benchmark)
    public static class WarmCache extends Cache {
        /** {@code quick} compares sizes and modification times; {@code full} recomputes SHA-256. */
        @Param({"quick", "full"})
        public String verify;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            open(verify.equals("full"));
            source.acquire(spec).close();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            delete();
        }
    }

    /**
     * First use: the dataset is generated and published into the cache.
     *
     * @param cache an empty cache
     * @return the lease, so the work is not optimized away
     * @throws IOException when generation fails
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public DatasetLease firstUse(EmptyCache cache) throws IOException {
        try (DatasetLease lease = cache.source.acquire(cache.spec)) {
            return lease;
        }
    }

    /**
     * A cache hit: lock, check, open and release.
     *
     * @param cache a cache holding the dataset
     * @return the lease, so the work is not optimized away
     * @throws IOException when the cache cannot be read
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public DatasetLease cachedUse(WarmCache cache) throws IOException {
        try (DatasetLease lease = cache.source.acquire(cache.spec)) {
            if (lease.generated()) {
                throw new IllegalStateException("a warm cache regenerated " + cache.spec);
            }
            return lease;
        }
    }
}
