package dev.melt.generator.internal.engine;

import dev.melt.generator.internal.plan.Plan;

/**
 * Generates every record of one chunk into the chunk's writers. Built once per plan, then called
 * from several threads at once; it must draw every random number from
 * {@link ChunkContext#random} and keep no state between calls.
 */
@FunctionalInterface
public interface ChunkGenerator {

    /**
     * Writes the records of one chunk.
     *
     * @param chunk the chunk, its random streams and writers
     */
    void generate(ChunkContext chunk);

    /**
     * Does what must follow the chunks before: called on each chunk's output in chunk order, in
     * the writer thread, before its lines are written (e.g. alert rules whose state runs across
     * chunks). By default nothing.
     *
     * @param output the chunk's output
     */
    default void inOrder(ChunkOutput output) {
    }

    /**
     * Returns how many counter series the metrics keep running totals for across chunks: the
     * size of the array {@code MetricWriter.resolveCounters} takes, in chunk order.
     *
     * @return the number of counter series, 0 when none
     */
    default int counterSlots() {
        return 0;
    }

    /**
     * Returns the layout of the metrics' OpenMetrics file.
     *
     * @return the layout, or {@code null} when the generator writes no metrics
     */
    default dev.melt.generator.internal.encode.OpenMetricsLayout openMetricsLayout() {
        return null;
    }

    /**
     * Generates one chunk into an output, which is emptied first. Logs and events are then put
     * in time order, as several sources interleave in them.
     *
     * @param plan the plan
     * @param chunk the chunk
     * @param output where the lines go
     */
    default void generate(Plan plan, Chunk chunk, ChunkOutput output) {
        output.reset(chunk);
        generate(new ChunkContext(plan, chunk, output));
        output.logs().sortByTime();
        output.events().sortByTime();
    }

    /**
     * Generates one chunk for the state it hands to the chunks after it, not for its lines: a
     * shard replays the chunks before its own this way (docs/scale-out.md). The metric lines
     * (with the alert rules' samples) must be those {@link #generate(Plan, Chunk, ChunkOutput)}
     * writes; spans, logs and events may be dropped. By default the chunk is generated whole.
     *
     * @param plan the plan
     * @param chunk the chunk
     * @param output where the lines go; {@link ChunkOutput#replayOnly()} tells what is there
     */
    default void replay(Plan plan, Chunk chunk, ChunkOutput output) {
        generate(plan, chunk, output);
    }
}
