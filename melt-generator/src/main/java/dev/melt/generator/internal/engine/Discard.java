package dev.melt.generator.internal.engine;

import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.encode.LogSink;
import dev.melt.generator.internal.encode.SpanSink;
import dev.melt.generator.internal.encode.TraceId;

/**
 * Sinks that drop what they are given: the spans and logs of a chunk a shard replays only for
 * the state its metrics carry to the next chunks (docs/scale-out.md). The log sink remembers the
 * latest time it was given, so the shard can tell whether a dropped log would have been carried
 * into a chunk whose lines matter.
 */
final class Discard implements SpanSink, LogSink {

    /** The latest log time given since {@link #clear}, or {@code Long.MIN_VALUE}. */
    long lastLogMillis = Long.MIN_VALUE;

    void clear() {
        lastLogMillis = Long.MIN_VALUE;
    }

    @Override
    public SpanSink begin(TraceId traceId, long spanId, long parentSpanId, Operation operation, long startMicros,
                          long durationMicros, Origin origin) {
        return this;
    }

    @Override
    public Discard field(JsonText name, JsonText value) {
        return this;
    }

    @Override
    public Discard field(JsonText name, long value) {
        return this;
    }

    @Override
    public void end(boolean error, String incidentId) {
        // Dropped.
    }

    private Discard log(long epochMillis) {
        if (epochMillis > lastLogMillis) {
            lastLogMillis = epochMillis;
        }
        return this;
    }

    @Override
    public LogSink begin(long epochMillis, Head head, JsonText message, TraceId traceId, long spanId, Host host) {
        return log(epochMillis);
    }

    @Override
    public LogSink begin(long epochMillis, Head head, JsonText messagePrefix, long messageNumber,
                         JsonText messageSuffix, TraceId traceId, long spanId, Host host) {
        return log(epochMillis);
    }

    @Override
    public LogSink begin(long epochMillis, Head head, JsonText message, Host host) {
        return log(epochMillis);
    }

    @Override
    public void end(String incidentId) {
        // Dropped.
    }
}
