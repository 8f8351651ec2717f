package dev.melt.generator.internal.encode;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The byte-level JSON encoder on its own: nanoseconds per log line and per primitive.
 *
 * <pre>mvn -B -q -pl melt-generator test-compile exec:exec@jmh -Djmh.args=JsonEncodingBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JsonEncodingBenchmark {

    private static final JsonText POOL_STATS = JsonText.of("connection pool stats collected");
    private final JsonBuffer buffer = new JsonBuffer(1 << 16);
    private final LogWriter logs = new LogWriter(1 << 16);
    private final TraceId trace = new TraceId().set(0x0123456789abcdefL, 0x0fedcba987654321L);
    private static final LogWriter.Head INFO_PAYMENT = LogWriter.head(JsonText.of("INFO"), JsonText.of("payment"));
    private static final JsonText STARTED = JsonText.of("GET /checkout started");
    private static final LogWriter.Host PAYMENT_01 = LogWriter.host(JsonText.of("payment-01"));
    private long millis = 1_704_067_200_000L;
    private String dynamic = "request 1 took 2 ms";

    /** @return bytes written: one typical log line tied to a span */
    @Benchmark
    public int logLine() {
        if (logs.buffer().size() > (1 << 16) - 512) {
            logs.reset();
        }
        millis += 37;
        logs.begin(millis, INFO_PAYMENT, STARTED, trace, 0x1234L, PAYMENT_01).end(null);
        return logs.buffer().size();
    }

    /** @return bytes written: a string never seen before (no cache hit) */
    @Benchmark
    public int freshString() {
        buffer.reset();
        dynamic = dynamic.length() > 40 ? "request" : dynamic + 'x';
        return buffer.string(dynamic).size();
    }

    /** @return bytes written: a constant string (cache hit) */
    @Benchmark
    public int constantString() {
        buffer.reset();
        return buffer.string("connection pool stats collected").size();
    }

    /** @return bytes written: a pre-encoded constant */
    @Benchmark
    public int constantText() {
        buffer.reset();
        return buffer.string(POOL_STATS).size();
    }

    /** @return bytes written: an RFC 3339 timestamp with milliseconds */
    @Benchmark
    public int timestamp() {
        buffer.reset();
        millis += 1013;
        return buffer.timestampMillis(millis).size();
    }

    /** @return bytes written: a decimal with two fraction digits */
    @Benchmark
    public int decimal() {
        buffer.reset();
        millis += 7;
        return buffer.decimal((millis % 100_000) / 7.0, 2).size();
    }
}
