package dev.melt.generator;

import java.time.Instant;
import java.util.Map;

/**
 * One span of a distributed trace, a line of {@code traces.jsonl}.
 *
 * @param traceId the W3C trace id, 32 lower-case hex digits
 * @param spanId the W3C span id, 16 lower-case hex digits
 * @param parentSpanId the parent's span id, or {@code null} for a root span
 * @param operationName the operation, for example {@code GET /checkout}
 * @param startTime when the span started
 * @param durationMicros how long it took, in microseconds
 * @param service the service that recorded the span
 * @param tags attributes; {@code host} always, HTTP and error attributes where they apply
 * @param status {@code ok} or {@code error}
 * @param anomaly whether the ground truth labels this span anomalous
 * @param incidentId the incident id when {@code anomaly} is true, else {@code null}
 */
public record SpanRecord(String traceId, String spanId, String parentSpanId, String operationName, Instant startTime,
                         long durationMicros, String service, Map<String, Object> tags, String status,
                         boolean anomaly, String incidentId) implements TelemetryRecord {

    @Override
    public Signal signal() {
        return Signal.TRACES;
    }

    @Override
    public Instant timestamp() {
        return startTime;
    }

    @Override
    public String host() {
        Object host = tags.get("host");
        return host == null ? null : host.toString();
    }

    /**
     * Tells whether the span failed.
     *
     * @return {@code true} when {@link #status()} is {@code error}
     */
    public boolean isError() {
        return "error".equals(status);
    }
}
