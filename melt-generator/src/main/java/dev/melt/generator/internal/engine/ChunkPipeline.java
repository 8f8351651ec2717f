package dev.melt.generator.internal.engine;

import dev.melt.generator.internal.plan.Plan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Generates a run of chunks on a bounded pool and hands their outputs to a sink in chunk order,
 * on the calling thread. At most {@code 4 * threads} chunks are in flight, and fewer when the
 * heap is small: the window is sized from the largest chunk seen so far to fit in half of
 * {@link Runtime#maxMemory()}, so memory stays flat whatever the dataset's size and the core
 * count (under {@code -Xmx64m} with 16 threads, a handful of chunks are in flight and the other
 * threads wait). The bytes do not depend on the thread count.
 */
public final class ChunkPipeline {

    /** Receives chunk outputs in chunk order. */
    @FunctionalInterface
    public interface ChunkSink {
        /**
         * Consumes one chunk's lines; the output is reused once this returns.
         *
         * @param output the chunk's lines
         * @throws IOException when they cannot be written
         */
        void accept(ChunkOutput output) throws IOException;
    }

    /** Initial capacity of each signal buffer; buffers grow to the largest chunk and stay. */
    private static final int INITIAL_CAPACITY = 256 * 1024;
    /**
     * Chunks in flight per generating thread. The calling thread hashes and writes each chunk in
     * turn and waits for the next; with two per thread, a chunk slower than its neighbours, or
     * the writer losing its core for a moment, left the generating threads without a free buffer
     * (a 1 GB run's writer waited 0.6 s in all; 0.3-0.4 s with four). Each costs about 2 MB.
     */
    private static final int WINDOW_PER_THREAD = 4;
    /**
     * Heap an output takes per byte of lines it holds: its buffers grow by doubling (up to twice
     * the lines) and the chunk's generation holds scratch beside them.
     */
    private static final int FOOTPRINT_PER_BYTE = 3;

    private final Plan plan;
    private final ChunkGenerator generator;
    private final int threads;
    private final boolean openMetrics;

    /**
     * Creates a pipeline.
     *
     * @param plan the plan
     * @param generator what generates a chunk
     * @param threads how many threads generate chunks, 1 or more
     */
    public ChunkPipeline(Plan plan, ChunkGenerator generator, int threads) {
        this(plan, generator, threads, false);
    }

    /**
     * Creates a pipeline whose outputs may keep the metric samples for the OpenMetrics encoder.
     *
     * @param plan the plan
     * @param generator what generates a chunk
     * @param threads how many threads generate chunks, 1 or more
     * @param openMetrics whether each output's metric writer keeps its samples ({@link ChunkOutput#ChunkOutput(int, boolean)})
     */
    public ChunkPipeline(Plan plan, ChunkGenerator generator, int threads, boolean openMetrics) {
        this.plan = plan;
        this.generator = generator;
        this.threads = threads;
        this.openMetrics = openMetrics;
    }

    /**
     * Generates chunks {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from the first chunk
     * @param to the end (exclusive)
     * @param sink receives the outputs in chunk order
     * @throws IOException when the sink fails, or the run is interrupted
     */
    public void run(int from, int to, ChunkSink sink) throws IOException {
        run(to - from, k -> from + k, sink);
    }

    /**
     * Generates chunks {@code from} (inclusive) to {@code to} (exclusive), some of them only
     * replayed ({@link ChunkGenerator#replay}).
     *
     * @param from the first chunk
     * @param to the end (exclusive)
     * @param replayOnly which chunk numbers are replayed rather than generated
     * @param sink receives the outputs in chunk order
     * @throws IOException when the sink fails, or the run is interrupted
     */
    public void run(int from, int to, java.util.function.IntPredicate replayOnly, ChunkSink sink) throws IOException {
        this.replayOnly = replayOnly;
        try {
            run(to - from, k -> from + k, sink);
        } finally {
            this.replayOnly = NONE;
        }
    }

    private static final java.util.function.IntPredicate NONE = c -> false;
    private java.util.function.IntPredicate replayOnly = NONE;

    private void generate(Chunk chunk, ChunkOutput output) {
        if (replayOnly.test(chunk.index())) {
            generator.replay(plan, chunk, output);
        } else {
            generator.generate(plan, chunk, output);
        }
    }

    /**
     * Generates any chunks, for example evenly spread samples.
     *
     * @param count how many chunks
     * @param chunkAt the chunk number of the {@code k}-th chunk to generate
     * @param sink receives the outputs in the order of {@code k}
     * @throws IOException when the sink fails, or the run is interrupted
     */
    public void run(int count, IntUnaryOperator chunkAt, ChunkSink sink) throws IOException {
        if (threads == 1 || count == 1) {
            ChunkOutput output = new ChunkOutput(INITIAL_CAPACITY, openMetrics);
            for (int k = 0; k < count; k++) {
                generate(plan.chunk(chunkAt.applyAsInt(k)), output);
                sink.accept(output);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            runOn(pool, count, chunkAt, sink);
        } finally {
            pool.shutdownNow();
        }
    }

    private void runOn(ExecutorService pool, int count, IntUnaryOperator chunkAt, ChunkSink sink) throws IOException {
        int window = threads * WINDOW_PER_THREAD;
        // Until a chunk has shown how large chunks are, two are in flight; then as many as fit.
        int limit = Math.min(window, 2);
        long largest = 0;
        // Outputs are made as chunks need them, so the first chunk starts after one is made, not all.
        Deque<ChunkOutput> free = new ArrayDeque<>();
        Deque<Future<ChunkOutput>> inFlight = new ArrayDeque<>();
        int next = 0;
        while (next < count || !inFlight.isEmpty()) {
            while (next < count && inFlight.size() < limit) {
                ChunkOutput output = free.poll();
                if (output == null) {
                    output = new ChunkOutput(INITIAL_CAPACITY, openMetrics);
                }
                inFlight.add(submit(pool, plan.chunk(chunkAt.applyAsInt(next++)), output));
            }
            ChunkOutput done = await(inFlight.poll());
            sink.accept(done);
            largest = Math.max(largest, done.bytes());
            limit = window(window, largest, Runtime.getRuntime().maxMemory());
            if (inFlight.size() + free.size() < limit) {
                free.add(done);
            }
        }
    }

    /**
     * How many chunks may be in flight: as many as fit in half the heap at the footprint of the
     * largest chunk seen, at least one and at most {@code window}.
     *
     * @param window the most, {@code 4 * threads}
     * @param largestChunkBytes the bytes of the largest chunk seen
     * @param maxMemory the heap's limit
     * @return the window
     */
    static int window(int window, long largestChunkBytes, long maxMemory) {
        long footprint = FOOTPRINT_PER_BYTE * Math.max(largestChunkBytes, INITIAL_CAPACITY);
        return (int) Math.max(1, Math.min(window, maxMemory / 2 / footprint));
    }

    private Future<ChunkOutput> submit(ExecutorService pool, Chunk chunk, ChunkOutput output) {
        return pool.submit(() -> {
            generate(chunk, output);
            return output;
        });
    }

    private static ChunkOutput await(Future<ChunkOutput> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("generation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "melt-chunk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
