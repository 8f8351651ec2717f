package dev.melt.generator;

import java.time.Instant;
import java.util.Map;

/**
 * A structured application log line, a line of {@code logs.jsonl}.
 *
 * @param timestamp when the line was logged
 * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
 * @param service the service that logged it
 * @param message the message
 * @param traceId the W3C trace id (32 hex digits) of the span it was logged in, or {@code null}
 *     for a background log
 * @param spanId the W3C span id (16 hex digits) of that span, or {@code null}
 * @param metadata further fields; {@code host} always, {@code error_code} on errors
 * @param anomaly whether the ground truth labels this line anomalous
 * @param incidentId the incident id when {@code anomaly} is true, else {@code null}
 */
public record LogRecord(Instant timestamp, String level, String service, String message, String traceId,
                        String spanId, Map<String, Object> metadata, boolean anomaly, String incidentId)
        implements TelemetryRecord {

    @Override
    public Signal signal() {
        return Signal.LOGS;
    }

    @Override
    public String host() {
        Object host = metadata.get("host");
        return host == null ? null : host.toString();
    }
}
