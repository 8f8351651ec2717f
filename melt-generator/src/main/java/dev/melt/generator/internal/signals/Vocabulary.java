package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.io.JsonText;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.plan.Topology;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The fixed words the span and log generators write, encoded once: levels, field names, the
 * names of a fleet's services and hosts, and the codes and messages of failure causes. Writing
 * them is then one array copy, and the JIT has no string encoding to compile into every place
 * that writes one.
 */
final class Vocabulary {

    static final JsonText DEBUG = JsonText.of("DEBUG");
    static final JsonText INFO = JsonText.of("INFO");
    static final JsonText WARN = JsonText.of("WARN");
    static final JsonText ERROR = JsonText.of("ERROR");
    static final JsonText HOST = JsonText.of("host");
    static final JsonText HTTP_STATUS_CODE = JsonText.of("http.status_code");
    /** The span tag of an error code (OpenTelemetry style, with a dot). */
    static final JsonText ERROR_DOT_CODE = JsonText.of("error.code");
    /** The log metadata field of an error code. */
    static final JsonText ERROR_CODE = JsonText.of("error_code");
    static final JsonText DURATION_MS = JsonText.of("duration_ms");

    /** Message and error code of every failure cause, by identity. */
    private static final Map<FailureMode.Cause, JsonText[]> CAUSES = new IdentityHashMap<>();

    static {
        for (FailureMode mode : FailureMode.values()) {
            for (FailureMode.Cause cause : mode.causes()) {
                CAUSES.put(cause, new JsonText[] {JsonText.of(cause.message()), JsonText.of(cause.errorCode())});
            }
        }
    }

    private final JsonText[] services;
    private final JsonText[] hosts;

    /**
     * Encodes the names of a fleet.
     *
     * @param topology the fleet
     */
    Vocabulary(Topology topology) {
        services = topology.services().stream().map(s -> JsonText.of(s.name())).toArray(JsonText[]::new);
        hosts = topology.hosts().stream().map(h -> JsonText.of(h.name())).toArray(JsonText[]::new);
    }

    /** @return the name of the service of that index */
    JsonText service(int index) {
        return services[index];
    }

    /** @return the name of the host of that index */
    JsonText host(int index) {
        return hosts[index];
    }

    /** @return the log message of a cause */
    static JsonText message(FailureMode.Cause cause) {
        return CAUSES.get(cause)[0];
    }

    /** @return the error code of a cause */
    static JsonText errorCode(FailureMode.Cause cause) {
        return CAUSES.get(cause)[1];
    }
}
