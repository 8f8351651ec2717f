package dev.melt.generator.internal.engine;

import dev.melt.generator.internal.plan.ChunkSampler;
import dev.melt.generator.internal.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/** Samples chunks for the planner through a {@link ChunkPipeline}, counting bytes instead of writing them. */
public final class PipelineSampler implements ChunkSampler {

    private final Function<Plan, ChunkGenerator> generators;
    private final int threads;

    /**
     * Creates a sampler.
     *
     * @param generators builds the chunk generator of a plan
     * @param threads how many threads generate the samples
     */
    public PipelineSampler(Function<Plan, ChunkGenerator> generators, int threads) {
        this.generators = generators;
        this.threads = threads;
    }

    @Override
    public void sample(Plan plan, int count, IntUnaryOperator chunkOf, Sink sink) {
        try {
            ChunkGenerator generator = generators.apply(plan);
            new ChunkPipeline(plan, generator, threads).run(count, chunkOf, output -> {
                Chunk chunk = output.chunk();
                // A sampled chunk does not know the counters' totals: from 0 its values have fewer
                // digits, a few bytes in a thousand.
                output.metrics().resolveCounters(new long[generator.counterSlots()]);
                long background = output.logs().backgroundBytes();
                sink.accept(chunk.startMillis(), chunk.endMillis(),
                        output.metrics().buffer().size() + output.events().buffer().size(), background,
                        output.logs().buffer().size() - background + output.spans().buffer().size());
            });
        } catch (IOException e) {
            // The sink above does no I/O; only an interruption can land here.
            throw new UncheckedIOException(e);
        }
    }
}
