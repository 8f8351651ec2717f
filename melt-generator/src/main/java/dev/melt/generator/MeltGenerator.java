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
import dev.melt.generator.internal.signals.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
     * never looks like a complete dataset.
     *
     * @param directory where to write
     * @return the manifest written last
     * @throws IllegalArgumentException when the directory is a file, not empty, not writable or
     *     being written by another run, or when the spec's size and duration cannot both be met
     *     (the message names the knob)
     * @throws IOException when writing fails
     */
    public Manifest generate(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        DatasetWriter.checkTarget(directory);
        Plan plan = plan(config, threads);
        // Telemetry faults are placed from the seed beside the plan and applied as lines are written.
        java.util.List<Fault> faults = FaultPlanner.plan(plan);
        FaultInjector injector = faults.isEmpty() ? null : new FaultInjector(faults);
        GroundTruth truth = faults.isEmpty() ? plan.groundTruth() : plan.groundTruth().withFaults(faults);
        // The ground truth is decided before the first record: encode it beside the generation
        // rather than after it, when nothing else would run in parallel.
        CompletableFuture<byte[]> truthJson = CompletableFuture.supplyAsync(
                () -> DatasetJson.writeGroundTruth(truth));
        long expected = config.size() == null ? 0 : config.size().bytes();
        ChunkGenerator signals = Signals.of(plan);
        boolean openMetrics = config.formats().contains(DatasetFormat.OPENMETRICS);
        try (DatasetWriter writer = DatasetWriter.create(directory, config.formats(), signals.openMetricsLayout(),
                plan.startMillis(), version())) {
            // Counters are cumulative: their samples are written here, in chunk order.
            long[] counters = new long[signals.counterSlots()];
            // Logs a request writes when it ends may fall in the next chunk: they move there.
            LineCarry logCarry = new LineCarry();
            new ChunkPipeline(plan, signals, threads, openMetrics).run(0, plan.chunkCount(), output -> {
                output.metrics().resolveCounters(counters);
                signals.inOrder(output);
                writer.appendOpenMetrics(output.metrics().openMetrics());
                boolean last = output.chunk().index() == plan.chunkCount() - 1;
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
            return writer.commit(config, Instant.ofEpochMilli(plan.startMillis()), Instant.ofEpochMilli(plan.endMillis()),
                    encoded(truthJson), version(), plan.trafficScale());
        }
    }

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
