package dev.melt.generator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What really happened in a dataset: its time span and every injected incident, with root
 * cause (a service, a host, an edge between two services or a version: {@link RootCause}),
 * affected services and cascade. Written as {@code ground_truth.json} beside the data; a file
 * written before root causes had kinds reads with the service or host it names.
 *
 * <p>The ground truth is decided from the spec and seed before any record is generated, and
 * records are labelled from it: a record is labelled {@code anomaly: true} with an
 * {@code incident_id} exactly when it lies in a window of {@link AffectedService} of that
 * incident (see {@link AffectedService#covers(String, String, Instant)}).
 *
 * @param start the first instant of the dataset (inclusive)
 * @param end the end of the dataset (exclusive)
 * <p>It also lists the dataset's telemetry faults ({@link Fault}, requested with
 * {@link GenerationConfig.Builder#faults}): problems of delivery such as gaps, duplicates or
 * malformed lines. They do not change labels. A ground truth written before faults existed reads
 * with an empty list.
 *
 * @param incidents the incidents, ordered by start time then id
 * @param faults the telemetry faults, ordered by id (which follows start time)
 */
public record GroundTruth(Instant start, Instant end, List<Incident> incidents, List<Fault> faults) {

    /**
     * Creates a ground truth; the lists are copied.
     *
     * @param start the first instant of the dataset (inclusive)
     * @param end the end of the dataset (exclusive)
     * @param incidents the incidents, ordered by start time then id
     * @param faults the telemetry faults, ordered by id
     */
    public GroundTruth {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        incidents = List.copyOf(incidents);
        faults = List.copyOf(faults);
    }

    /**
     * Creates a ground truth without telemetry faults; the incident list is copied.
     *
     * @param start the first instant of the dataset (inclusive)
     * @param end the end of the dataset (exclusive)
     * @param incidents the incidents, ordered by start time then id
     */
    public GroundTruth(Instant start, Instant end, List<Incident> incidents) {
        this(start, end, incidents, List.of());
    }

    /**
     * Returns a copy with the given telemetry faults instead of this one's.
     *
     * @param values the faults, ordered by id
     * @return the new ground truth
     */
    public GroundTruth withFaults(List<Fault> values) {
        return new GroundTruth(start, end, incidents, values);
    }

    /**
     * Returns the telemetry faults of one kind, in id order.
     *
     * @param kind the kind
     * @return the faults of that kind, possibly empty
     */
    public List<Fault> faultsOf(FaultKind kind) {
        return faults.stream().filter(f -> f.kind() == kind).collect(Collectors.toList());
    }

    /**
     * Returns the incident with the given id.
     *
     * @param id an incident id such as {@code inc-0001}
     * @return the incident, or empty when there is none with that id
     */
    public Optional<Incident> incident(String id) {
        return incidents.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * Returns the incidents of one type, in start order.
     *
     * @param type the incident type
     * @return the incidents of that type, possibly empty
     */
    public List<Incident> incidentsOf(AnomalyType type) {
        return incidents.stream().filter(i -> i.type() == type).collect(Collectors.toList());
    }

    /**
     * Returns the incident whose affected window covers the given service, host and instant,
     * that is, the incident a record with these coordinates is labelled with.
     *
     * @param service the service of the record
     * @param host the host of the record, or {@code null} when the record has none
     * @param at the timestamp of the record
     * @return the incident, or empty when the record is normal
     */
    public Optional<Incident> incidentAt(String service, String host, Instant at) {
        for (Incident incident : incidents) {
            for (AffectedService affected : incident.affected()) {
                if (affected.covers(service, host, at)) {
                    return Optional.of(incident);
                }
            }
        }
        return Optional.empty();
    }
}
