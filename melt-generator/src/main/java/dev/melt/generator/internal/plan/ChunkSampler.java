package dev.melt.generator.internal.plan;

/**
 * Generates chosen chunks of a candidate plan without writing them and reports their bytes: the
 * planner's one view of the engine, so that planning does not depend on how chunks are made.
 */
@FunctionalInterface
public interface ChunkSampler {

    /**
     * Generates {@code count} chunks of {@code plan} and reports each to {@code sink}, in order.
     *
     * @param plan the candidate plan
     * @param count how many chunks to generate
     * @param chunkOf the index of the {@code k}-th chunk to generate
     * @param sink told the bytes of each chunk
     */
    void sample(Plan plan, int count, java.util.function.IntUnaryOperator chunkOf, Sink sink);

    /** Told the bytes of one generated chunk. */
    @FunctionalInterface
    interface Sink {
        /**
         * Accepts the bytes of one chunk.
         *
         * @param startMillis the chunk's start, epoch milliseconds
         * @param endMillis the chunk's exclusive end
         * @param fixedBytes bytes that grow with time only (metrics and events)
         * @param backgroundBytes bytes that grow with time and traffic scale (background logs)
         * @param requestBytes bytes that grow with the traffic volume (traces and their logs)
         */
        void accept(long startMillis, long endMillis, long fixedBytes, long backgroundBytes, long requestBytes);
    }
}
