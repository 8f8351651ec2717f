package dev.melt.generator.internal.engine;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Planner;
import dev.melt.generator.internal.signals.Signals;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generation speed of one thread, without disk: each operation generates one chunk of a 1 GB
 * plan (about 1 MB of mixed MELT lines) into reused buffers. {@code bytes} and {@code records}
 * are reported per second, so the {@code bytes} rate is MB/s of JSON Lines per core.
 *
 * <pre>mvn -B -q -pl melt-generator test-compile exec:exec@jmh -Djmh.args=ChunkGenerationBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkGenerationBenchmark {

    /** The plan and generator shared by the benchmark thread. */
    @State(Scope.Thread)
    public static class Generation {
        Plan plan;
        ChunkGenerator generator;
        ChunkOutput output;
        int next;

        /** Plans a 1 GB dataset with every incident type. */
        @Setup(Level.Trial)
        public void plan() {
            GenerationConfig spec = GenerationConfig.builder().size("1GB").seed(42)
                    .anomalies(AnomalyType.values()).build();
            plan = new Planner(spec, new PipelineSampler(Signals::of, 1)).plan();
            generator = Signals.of(plan);
            output = new ChunkOutput(1 << 20);
        }
    }

    /** Bytes and records generated, reported as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        /** Bytes of JSON Lines generated. */
        public long bytes;
        /** Records generated. */
        public long records;
    }

    /**
     * Generates the next chunk of the plan.
     *
     * @param g the plan
     * @param volume the counters
     * @return the chunk's byte count, so the work is not optimised away
     */
    @Benchmark
    public long generateChunk(Generation g, Volume volume) {
        int index = g.next;
        g.next = (index + 1) % g.plan.chunkCount();
        g.generator.generate(g.plan, g.plan.chunk(index), g.output);
        long bytes = g.output.bytes();
        volume.bytes += bytes;
        volume.records += g.output.metrics().records() + g.output.events().records() + g.output.logs().records()
                + g.output.spans().records();
        return bytes;
    }
}
