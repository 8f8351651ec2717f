package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.encode.LogSink;
import dev.melt.generator.internal.encode.LogWriter;
import dev.melt.generator.internal.encode.SpanSink;
import dev.melt.generator.internal.encode.SpanWriter;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.plan.Topology;

/**
 * The fixed words the span and log generators write, encoded once: field names, the levels,
 * services and hosts of a fleet with the field names around them, and the codes and messages of
 * failure causes. Writing them is then one array copy, and the JIT has no string encoding to
 * compile into every place that writes one.
 */
final class Vocabulary {

    /** Levels, as indexes of {@link #head}. */
    static final int DEBUG = 0;
    static final int INFO = 1;
    static final int WARN = 2;
    static final int ERROR = 3;
    private static final JsonText[] LEVELS = JsonText.of("DEBUG", "INFO", "WARN", "ERROR");
    static final JsonText HTTP_STATUS_CODE = JsonText.of("http.status_code");
    /** The span tag of an error code (OpenTelemetry style, with a dot). */
    static final JsonText ERROR_DOT_CODE = JsonText.of("error.code");
    /** The log metadata field of an error code. */
    static final JsonText ERROR_CODE = JsonText.of("error_code");
    static final JsonText DURATION_MS = JsonText.of("duration_ms");

    /** Message and error code of every failure cause, by {@link FailureMode.Cause#id()}. */
    private static final JsonText[] MESSAGES;
    private static final JsonText[] ERROR_CODES;

    static {
        FailureMode.values(); // declares every cause
        MESSAGES = new JsonText[FailureMode.Cause.count()];
        ERROR_CODES = new JsonText[FailureMode.Cause.count()];
        for (FailureMode mode : FailureMode.values()) {
            for (FailureMode.Cause cause : mode.causes()) {
                MESSAGES[cause.id()] = JsonText.of(cause.message());
                ERROR_CODES[cause.id()] = JsonText.of(cause.errorCode());
            }
        }
    }

    /** heads[level][service]: a log line's level and service. */
    private final LogSink.Head[][] heads;
    private final LogSink.Host[] logHosts;
    private final SpanSink.Origin[] origins;

    /**
     * Encodes the names of a fleet.
     *
     * @param topology the fleet
     */
    Vocabulary(Topology topology) {
        heads = new LogSink.Head[LEVELS.length][topology.services().size()];
        for (Topology.Service s : topology.services()) {
            for (int level = 0; level < LEVELS.length; level++) {
                heads[level][s.index()] = LogWriter.head(LEVELS[level], JsonText.of(s.name()));
            }
        }
        logHosts = new LogSink.Host[topology.hosts().size()];
        origins = new SpanSink.Origin[topology.hosts().size()];
        for (Topology.Host h : topology.hosts()) {
            JsonText host = JsonText.of(h.name());
            logHosts[h.index()] = LogWriter.host(host);
            origins[h.index()] = SpanWriter.origin(JsonText.of(topology.services().get(h.serviceIndex()).name()), host);
        }
    }

    /** @return the start of a log line of that level ({@link #DEBUG} to {@link #ERROR}) and service */
    LogSink.Head head(int level, int service) {
        return heads[level][service];
    }

    /** @return the host of a log line */
    LogSink.Host logHost(int host) {
        return logHosts[host];
    }

    /** @return the service and host of a span */
    SpanSink.Origin origin(int host) {
        return origins[host];
    }

    /** @return the log message of a cause */
    static JsonText message(FailureMode.Cause cause) {
        return MESSAGES[cause.id()];
    }

    /** @return the error code of a cause */
    static JsonText errorCode(FailureMode.Cause cause) {
        return ERROR_CODES[cause.id()];
    }
}
