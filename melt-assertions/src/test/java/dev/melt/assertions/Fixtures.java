package dev.melt.assertions;

import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built ground truths for the tests; times are minutes (and seconds) after {@link #T0}. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Fixtures() {
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Instant at(int minutes, int seconds) {
        return at(minutes).plusSeconds(seconds);
    }

    /** An incident on its root cause only. */
    static Incident incident(String id, AnomalyType type, String service, String host, int from, int to) {
        return new Incident(id, type, service, host, at(from), at(to),
                List.of(new AffectedService(service, host, AffectedService.Role.ROOT_CAUSE, at(from), at(to))), List.of());
    }

    /** An incident that cascades to a caller one minute later, for one minute longer. */
    static Incident cascading(String id, AnomalyType type, String service, String caller, int from, int to) {
        return new Incident(id, type, service, null, at(from), at(to),
                List.of(new AffectedService(service, null, AffectedService.Role.ROOT_CAUSE, at(from), at(to)),
                        new AffectedService(caller, null, AffectedService.Role.CASCADE, at(from + 1), at(to + 1))),
                List.of(new CascadeEdge(service, caller, Duration.ofMinutes(1))));
    }

    /** A one-hour dataset with the given incidents. */
    static GroundTruth truth(Incident... incidents) {
        return new GroundTruth(T0, at(60), List.of(incidents));
    }

    /**
     * The truth most tests use: inc-0001 cpu_spike at checkout [00:10, 00:20), cascading to
     * frontend [00:11, 00:21); inc-0002 latency_spike at payment on host payment-1 [00:30, 00:40).
     */
    static GroundTruth twoIncidents() {
        return truth(cascading("inc-0001", AnomalyType.CPU_SPIKE, "checkout", "frontend", 10, 20),
                incident("inc-0002", AnomalyType.LATENCY_SPIKE, "payment", "payment-1", 30, 40));
    }

    static List<Detection> list(Detection... detections) {
        return new ArrayList<>(List.of(detections));
    }
}
