package dev.melt.generator.internal.engine;

import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.Signal;
import dev.melt.generator.internal.encode.EventSink;
import dev.melt.generator.internal.encode.LogSink;
import dev.melt.generator.internal.encode.MetricSink;
import dev.melt.generator.internal.encode.SpanSink;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * What a signal generator sees of one chunk: the plan, the chunk's time span, its random
 * streams and the sinks its records go to.
 */
public final class ChunkContext {

    private final Plan plan;
    private final Chunk chunk;
    private final ChunkOutput output;
    /** The sinks of spans and logs when the chunk is only replayed, else {@code null}. */
    private final Discard discard;

    /**
     * Binds a chunk to its output.
     *
     * @param plan the plan
     * @param chunk the chunk
     * @param output where its lines go
     */
    public ChunkContext(Plan plan, Chunk chunk, ChunkOutput output) {
        this.plan = plan;
        this.chunk = chunk;
        this.output = output;
        this.discard = null;
    }

    /**
     * Binds a chunk a shard replays for its metrics alone: its spans and logs are dropped, and
     * the latest log time is kept in {@link ChunkOutput#lastDroppedLogMillis()}.
     *
     * @param plan the plan
     * @param chunk the chunk
     * @param output where its metric lines go
     * @return the context
     */
    public static ChunkContext forReplay(Plan plan, Chunk chunk, ChunkOutput output) {
        return new ChunkContext(plan, chunk, output, output.discard());
    }

    private ChunkContext(Plan plan, Chunk chunk, ChunkOutput output, Discard discard) {
        this.plan = plan;
        this.chunk = chunk;
        this.output = output;
        this.discard = discard;
        discard.clear();
    }

    /** @return whether the chunk's spans, logs and events are dropped: only its metrics matter */
    public boolean replayOnly() {
        return discard != null;
    }

    /** @return the plan */
    public Plan plan() {
        return plan;
    }

    /** @return the chunk */
    public Chunk chunk() {
        return chunk;
    }

    /** @return the chunk's first instant, epoch milliseconds (inclusive) */
    public long startMillis() {
        return chunk.startMillis();
    }

    /** @return the chunk's end, epoch milliseconds (exclusive) */
    public long endMillis() {
        return chunk.endMillis();
    }

    /**
     * Returns the random stream of one entity of one signal in one metric interval. Streams are
     * keyed by the interval, not the chunk, so the bytes do not depend on where chunks begin; and
     * by the entity's name, so adding a service changes no other entity's draws. Each call returns
     * a new generator at the start of the stream; ask once per entity and interval and keep it.
     *
     * @param signal the signal
     * @param entity the entity's stable name, e.g. a service, host or series name
     * @param block the interval's number, {@link Plan#blockOf(long)}
     * @return the generator
     */
    public UniformRandomProvider random(Signal signal, String entity, long block) {
        return plan.random().stream(block, signal, entity);
    }

    /**
     * Returns a working object reused from chunk to chunk on this thread's output, for arrays a
     * generator would otherwise allocate per chunk. Whatever it holds from an earlier chunk must be
     * overwritten before it is read, or the bytes would depend on which chunks ran before.
     *
     * @param type the object's class, its key
     * @param create makes the object the first time
     * @param <T> the object's type
     * @return the object
     */
    public <T> T scratch(Class<T> type, java.util.function.Supplier<T> create) {
        return output.scratch(type, create);
    }

    /** @return the sink of metric samples (the JSONL encoder's writer) */
    public MetricSink metrics() {
        return output.metrics();
    }

    /** @return the sink of events (the JSONL encoder's writer) */
    public EventSink events() {
        return output.events();
    }

    /** @return the sink of logs (the JSONL encoder's writer) */
    public LogSink logs() {
        return discard != null ? discard : output.logs();
    }

    /** @return the sink of spans (the JSONL encoder's writer) */
    public SpanSink spans() {
        return discard != null ? discard : output.spans();
    }
}
