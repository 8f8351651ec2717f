package dev.melt.generator;

import dev.melt.generator.internal.encode.JsonBuffer;
import dev.melt.generator.internal.encode.LineCarry;
import dev.melt.generator.internal.fault.FaultInjector;
import dev.melt.generator.internal.fault.FaultPlanner;
import dev.melt.generator.internal.engine.ChunkGenerator;
import dev.melt.generator.internal.engine.ChunkPipeline;
import dev.melt.generator.internal.engine.PipelineSampler;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Planner;
import dev.melt.generator.internal.dataset.DatasetJson;
import dev.melt.generator.internal.dataset.DatasetWriter;
import dev.melt.generator.internal.dataset.ShardPart;
import dev.melt.generator.internal.engine.ChunkOutput;
import dev.melt.generator.internal.engine.ShardReplay;
import dev.melt.generator.internal.signals.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Generates a dataset directory from a {@link GenerationConfig}.
 *
 * <pre>{@code
 * GenerationConfig spec = GenerationConfig.builder()
 *         .size("10MB").anomalies(AnomalyType.CPU_SPIKE).seed(42).build();
 * Manifest manifest = new MeltGenerator(spec).generate(Path.of("data"));
 * }</pre>
 *
 * <p>The output is a pure function of the spec: the thread count changes speed, never bytes.
 * The directory is committed by writing {@code manifest.json} last.
 *
 * <p>A run owns its output: it claims the directory with an exclusive marker
 * ({@code .melt-writing}), writes into a staging directory inside it ({@code .melt-staging}) and
 * renames its files into place on success, manifest last. Of two runs into one directory one
 * wins and the other fails with an {@link IllegalArgumentException}; the winner's dataset is
 * complete. A failed or interrupted run, including a JVM stopped by SIGTERM or SIGINT (a
 * shutdown hook aborts it), deletes only what it created. A run killed with SIGKILL leaves its
 * marker: the next run into that directory says so and names the files to delete. See
 * docs/reliability.md.
 */
public final class MeltGenerator {

    private final GenerationConfig config;
    private int threads = Runtime.getRuntime().availableProcessors();
    private ProgressListener progress = ProgressListener.NONE;
    private int shardIndex;
    private int shardCount = 1;
    private boolean sharded;
    /** For tests: the chunk length in place of the planner's, or 0. Chunks change no byte. */
    private long chunkMillis;
    /** For tests: whether the last shard run replayed every chunk before it whole. */
    boolean replayedWhole;
    /** For tests: how many chunks just before a shard are replayed whole. */
    int wholeBefore = ShardReplay.WHOLE_BEFORE;

    /** For tests: cuts the plan into chunks of this length (whole metric intervals), to have many. */
    MeltGenerator chunkMillis(long millis) {
        this.chunkMillis = millis;
        return this;
    }

    /**
     * Creates a generator for one spec.
     *
     * @param config the spec
     */
    public MeltGenerator(GenerationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Sets how many threads generate chunks. The output does not depend on it.
     *
     * @param value 1 to 1024; defaults to the number of processors
     * @return this generator
     * @throws IllegalArgumentException when {@code value} is outside 1 to 1024
     */
    public MeltGenerator threads(int value) {
        if (value < 1 || value > 1024) {
            throw new IllegalArgumentException("threads: " + value + " is not accepted; expected 1 to 1024");
        }
        this.threads = value;
        return this;
    }

    /**
     * Sets the listener told of progress.
     *
     * @param listener the listener
     * @return this generator
     */
    public MeltGenerator progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Makes {@link #generate} write one shard of the dataset: shard {@code index} of {@code count},
     * a contiguous run of the plan's chunks (as even as whole chunks allow). Every shard plans the
     * same dataset from the spec, so the shards agree; each writes its part of every file, the
     * whole {@code ground_truth.json}, and {@code shard.json} (the part it holds, its files'
     * counts and checksums) in place of {@code manifest.json}: a shard directory is not a
     * dataset. The files of shards {@code 0} to {@code count - 1} concatenated in order are the
     * files of one whole run, byte for byte (the OpenMetrics file, which groups samples by metric,
     * is interleaved); {@link #merge} does that and writes the manifest one run writes.
     *
     * <p>A shard generates the chunks before its own too, without writing them, for the state
     * they carry (cumulative counters, alert rules, logs that cross a chunk's end, telemetry
     * faults, the encoders' state); all but the last of them only as far as their metrics need,
     * which costs a fraction of generating them. See docs/scale-out.md.
     *
     * @param index the shard, 0 to {@code count - 1}
     * @param count how many shards, 1 or more (shard 0 of 1 holds every chunk, still as a shard)
     * @return this generator
     * @throws IllegalArgumentException when {@code count < 1} or {@code index} is outside 0 to {@code count - 1}
     */
    public MeltGenerator shard(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard: " + index + "/" + count + " is not accepted; expected i/n with"
                    + " n at least 1 and i from 0 to n - 1, such as 0/4");
        }
        this.shardIndex = index;
        this.shardCount = count;
        this.sharded = true;
        return this;
    }

    /**
     * Merges the shard directories of one dataset, written by {@link #shard}, into a dataset
     * directory: each file is the shards' parts in shard order (checked against each shard's
     * checksums as it is read), and the manifest is the one a single run of the spec writes.
     * The output is claimed and committed as {@link #generate} does; the shards are left as they are.
     *
     * @param shards the shard directories, in any order: every shard of the dataset once
     * @param directory where to write; absent or empty
     * @return the manifest written last
     * @throws IllegalArgumentException when a directory is not a shard, a shard is missing or
     *     repeated, the shards are of different datasets, or the output is not usable
     * @throws IOException when reading or writing fails, or a shard's file does not match its checksum
     */
    public static Manifest merge(List<Path> shards, Path directory) throws IOException {
        return dev.melt.generator.internal.dataset.ShardMerge.merge(shards, directory);
    }

    /** @return the spec */
    public GenerationConfig config() {
        return config;
    }

    /**
     * Returns the version of melt-generator, as written into manifests.
     *
     * @return the version, for example {@code 0.1.0-SNAPSHOT}
     */
    public static String version() {
        Package p = MeltGenerator.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /**
     * Generates the dataset into a directory. The directory must be absent or empty; it is
     * created with its parents. On failure the files written so far are deleted (and the
     * directory, when this run created it) and no {@code manifest.json} is left, so the directory
     * never looks like a complete dataset. After {@link #shard}, writes that shard, committed
     * by {@code shard.json} in place of {@code manifest.json}.
     *
     * @param directory where to write
     * @return the manifest written last; of a shard, the manifest of the shard's own files (what
     *     its {@code shard.json} holds besides the part)
     * @throws IllegalArgumentException when the directory is a file, not empty, not writable or
     *     being written by another run, or when the spec's size and duration cannot both be met
     *     (the message names the knob)
     * @throws IOException when writing fails
     */
    public Manifest generate(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        DatasetWriter.checkTarget(directory);
        Plan plan = plan(config, threads);
        if (chunkMillis > 0) {
            plan = new Plan(plan.config(), plan.topology(), plan.durationMillis(), chunkMillis, plan.trafficScale());
        }
        // Telemetry faults are placed from the seed beside the plan and applied as lines are written.
        List<Fault> faults = FaultPlanner.plan(plan);
        GroundTruth truth = faults.isEmpty() ? plan.groundTruth() : plan.groundTruth().withFaults(faults);
        // The ground truth is decided before the first record: encode it beside the generation
        // rather than after it, when nothing else would run in parallel.
        CompletableFuture<byte[]> truthJson = CompletableFuture.supplyAsync(
                () -> DatasetJson.writeGroundTruth(truth));
        ShardPart part = !sharded ? null : ShardPart.of(shardIndex, shardCount, plan.chunkCount());
        if (part == null) {
            return write(directory, plan, faults, truthJson, 0, plan.chunkCount(), null, null);
        }
        boolean[] whole = ShardReplay.wholeChunks(plan, faults, part.firstChunk(), wholeBefore);
        replayedWhole = false;
        try {
            return write(directory, plan, faults, truthJson, part.firstChunk(), part.endChunk(), whole, part);
        } catch (ShardReplay.Missed e) {
            // A dropped log of a chunk replayed for its metrics alone would have been carried into a
            // chunk whose lines matter: replay every chunk before this shard whole.
            java.util.Arrays.fill(whole, true);
            replayedWhole = true;
            return write(directory, plan, faults, truthJson, part.firstChunk(), part.endChunk(), whole, part);
        }
    }

    /**
     * Generates chunks {@code 0} to {@code end} and writes chunks {@code first} to {@code end}; the
     * chunks before {@code first} are replayed, whole or for their metrics alone, for the state
     * they carry (counters, alert rules, carried logs, faults, the encoders' state).
     */
    private Manifest write(Path directory, Plan plan, List<Fault> faults, CompletableFuture<byte[]> truthJson,
                           int first, int end, boolean[] whole, ShardPart part) throws IOException {
        FaultInjector injector = faults.isEmpty() ? null : new FaultInjector(faults);
        long expected = config.size() == null ? 0
                : config.size().bytes() * (end - first) / Math.max(1, plan.chunkCount());
        ChunkGenerator signals = Signals.of(plan);
        boolean openMetrics = config.formats().contains(DatasetFormat.OPENMETRICS);
        int chunks = plan.chunkCount();
        // From where each chunk replayed for its metrics alone must have no log: the shard, or a
        // fault that counts lines.
        long[] logLimit = whole == null ? null : ShardReplay.logLimits(plan, faults, first);
        try (DatasetWriter writer = DatasetWriter.create(directory, config.formats(), signals.openMetricsLayout(),
                plan.startMillis(), version())) {
            // Counters are cumulative: their samples are written here, in chunk order.
            long[] counters = new long[signals.counterSlots()];
            // Logs a request writes when it ends may fall in the next chunk: they move there.
            LineCarry logCarry = new LineCarry();
            int from = first == end ? end : 0;
            new ChunkPipeline(plan, signals, threads, openMetrics).run(from, end, c -> c < first && !whole[c], output -> {
                output.metrics().resolveCounters(counters);
                signals.inOrder(output);
                int c = output.chunk().index();
                boolean last = c == chunks - 1;
                if (c < first) {
                    replayed(writer, injector, output, logCarry, last, logLimit);
                    return;
                }
                writer.appendOpenMetrics(output.metrics().openMetrics());
                output.logs().carry(logCarry, last ? Long.MAX_VALUE : output.chunk().endMillis());
                for (Signal s : Signal.values()) {
                    writer.appendOtlp(s, output.writer(s).buffer());
                    if (injector != null && injector.affects(s)) {
                        JsonBuffer lines = injector.apply(output.chunk(), last, s, output.writer(s).buffer());
                        writer.append(s, lines, injector.records());
                    } else {
                        writer.append(s, output.writer(s).buffer(), output.writer(s).records());
                    }
                }
                progress.onProgress(writer.bytesWritten(), Math.max(expected, writer.bytesWritten()));
            });
            Instant start = Instant.ofEpochMilli(plan.startMillis());
            Instant stop = Instant.ofEpochMilli(plan.endMillis());
            return part == null
                    ? writer.commit(config, start, stop, encoded(truthJson), version(), plan.trafficScale())
                    : writer.commitShard(config, start, stop, encoded(truthJson), version(), plan.trafficScale(), part);
        }
    }

    /** Takes in a chunk before the shard's own: its state, not its lines. */
    private static void replayed(DatasetWriter writer, FaultInjector injector, ChunkOutput output, LineCarry logCarry,
                                 boolean last, long[] logLimit) throws IOException {
        writer.replay(output.metrics().openMetrics(), output.metrics().buffer());
        int c = output.chunk().index();
        if (output.replayOnly() && output.lastDroppedLogMillis() >= logLimit[c]) {
            throw new ShardReplay.Missed();
        }
        // Of a chunk replayed for its metrics, the logs are empty: the carried lines pass through.
        output.logs().carry(logCarry, last ? Long.MAX_VALUE : output.chunk().endMillis());
        if (injector != null) {
            for (Signal s : Signal.values()) {
                if (injector.affects(s)) {
                    injector.apply(output.chunk(), last, s, output.replayOnly() ? EMPTY : output.writer(s).buffer());
                }
            }
        }
    }

    private static final JsonBuffer EMPTY = new JsonBuffer(16);

    private static byte[] encoded(CompletableFuture<byte[]> json) {
        try {
            return json.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    /**
     * Derives the plan of a spec: topology, time span, chunks, traffic and incidents.
     *
     * @param spec the spec
     * @param threads how many threads may generate sample chunks while planning
     * @return the plan
     */
    static Plan plan(GenerationConfig spec, int threads) {
        if (spec.isTwin()) {
            // A twin is not planned on its own size: it is the original's plan without incidents.
            return new Planner(spec.original(), new PipelineSampler(Signals::of, threads)).plan().twin(spec);
        }
        return new Planner(spec, new PipelineSampler(Signals::of, threads)).plan();
    }
}
