package dev.melt.generator.internal.engine;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.encode.EventWriter;
import dev.melt.generator.internal.encode.LineWriter;
import dev.melt.generator.internal.encode.LogWriter;
import dev.melt.generator.internal.encode.MetricWriter;
import dev.melt.generator.internal.encode.SpanWriter;

/**
 * The encoded lines of one chunk, one writer per signal. Reused: the pipeline hands a free
 * output to each chunk it starts and takes it back once the lines are on disk.
 */
public final class ChunkOutput {

    private final MetricWriter metrics;
    private final EventWriter events;
    private final LogWriter logs;
    private final SpanWriter spans;
    private Chunk chunk;
    private Discard discard;
    private boolean replayOnly;
    private final java.util.Map<Class<?>, Object> scratch = new java.util.HashMap<>();

    /**
     * Creates empty writers.
     *
     * @param initialCapacity the initial capacity of each writer's buffer, in bytes
     */
    public ChunkOutput(int initialCapacity) {
        this(initialCapacity, false);
    }

    /**
     * Creates empty writers.
     *
     * @param initialCapacity the initial capacity of each writer's buffer, in bytes
     * @param openMetrics whether the metric writer also keeps its samples for the OpenMetrics encoder
     */
    public ChunkOutput(int initialCapacity, boolean openMetrics) {
        this.metrics = new MetricWriter(initialCapacity / 4);
        if (openMetrics) {
            metrics.recordOpenMetrics();
        }
        this.events = new EventWriter(1024);
        this.logs = new LogWriter(initialCapacity);
        this.spans = new SpanWriter(initialCapacity);
    }

    /**
     * Empties the writers for a new chunk.
     *
     * @param value the chunk about to be generated
     */
    public void reset(Chunk value) {
        this.chunk = value;
        this.replayOnly = false;
        metrics.reset();
        events.reset();
        logs.reset();
        spans.reset();
    }

    /**
     * Returns a working object kept with this output and reused by every chunk generated into it,
     * so per-chunk arrays need not be allocated again. An output is used by one thread at a time,
     * so the object needs no locking; the caller must reset whatever it reads.
     *
     * @param type the object's class, its key
     * @param create makes the object the first time
     * @param <T> the object's type
     * @return the object
     */
    public <T> T scratch(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(scratch.computeIfAbsent(type, k -> create.get()));
    }

    Discard discard() {
        if (discard == null) {
            discard = new Discard();
        }
        replayOnly = true;
        return discard;
    }

    /**
     * Tells whether the chunk was replayed for its metrics alone ({@link ChunkGenerator#replay}):
     * then only its metric lines were written, and its spans and logs dropped.
     *
     * @return whether only the metrics are there
     */
    public boolean replayOnly() {
        return replayOnly;
    }

    /**
     * Returns the latest time of the logs a replayed chunk dropped.
     *
     * @return epoch milliseconds, or {@code Long.MIN_VALUE} when it dropped none or was not replayed
     */
    public long lastDroppedLogMillis() {
        return replayOnly ? discard.lastLogMillis : Long.MIN_VALUE;
    }

    /** @return the chunk these lines belong to */
    public Chunk chunk() {
        return chunk;
    }

    /** @return the writer of {@code metrics.jsonl} lines */
    public MetricWriter metrics() {
        return metrics;
    }

    /** @return the writer of {@code events.jsonl} lines */
    public EventWriter events() {
        return events;
    }

    /** @return the writer of {@code logs.jsonl} lines */
    public LogWriter logs() {
        return logs;
    }

    /** @return the writer of {@code traces.jsonl} lines */
    public SpanWriter spans() {
        return spans;
    }

    /**
     * Returns the writer of one signal.
     *
     * @param signal the signal
     * @return its writer
     */
    public LineWriter writer(Signal signal) {
        switch (signal) {
            case METRICS: return metrics;
            case EVENTS: return events;
            case LOGS: return logs;
            case TRACES: return spans;
            default: throw new IllegalArgumentException("signal: " + signal);
        }
    }

    /** @return the bytes of all four signals */
    public long bytes() {
        long total = 0;
        for (Signal s : Signal.values()) {
            total += writer(s).buffer().size();
        }
        return total;
    }
}
