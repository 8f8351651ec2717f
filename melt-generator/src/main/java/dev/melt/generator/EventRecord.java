package dev.melt.generator;

import java.time.Instant;
import java.util.Map;

/**
 * A discrete operational event (deployment, config change, scaling, alert, restart), a line of
 * {@code events.jsonl}.
 *
 * @param timestamp when the event happened
 * @param eventType the kind of event, for example {@code deployment} or {@code alert}
 * @param severity {@code info}, {@code warning}, {@code error} or {@code critical}
 * @param source what emitted the event, for example {@code ci-cd-pipeline}
 * @param message a human-readable message
 * @param metadata further fields; {@code service} and {@code host} when the event concerns one
 * @param anomaly whether the ground truth labels this event anomalous
 * @param incidentId the incident id when {@code anomaly} is true, else {@code null}
 */
public record EventRecord(Instant timestamp, String eventType, String severity, String source, String message,
                          Map<String, Object> metadata, boolean anomaly, String incidentId)
        implements TelemetryRecord {

    @Override
    public Signal signal() {
        return Signal.EVENTS;
    }

    @Override
    public String service() {
        Object service = metadata.get("service");
        return service == null ? null : service.toString();
    }

    @Override
    public String host() {
        Object host = metadata.get("host");
        return host == null ? null : host.toString();
    }
}
