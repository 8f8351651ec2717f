package dev.melt.generator.internal.plan;

import dev.melt.generator.AffectedService;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;

/**
 * Answers "which incident, if any, labels a record of this service and host at this instant"
 * on the hot path of signal generation.
 */
public final class IncidentIndex {

    private final GroundTruth truth;
    private final Topology topology;

    /**
     * Indexes a ground truth.
     *
     * @param truth the ground truth
     * @param topology the fleet the truth refers to
     */
    public IncidentIndex(GroundTruth truth, Topology topology) {
        this.truth = truth;
        this.topology = topology;
    }

    /**
     * Returns the id of the incident labelling a record, or {@code null} when it is normal.
     *
     * @param serviceIndex the service's index in the topology
     * @param hostIndex the host's index in the topology, or -1 when the record has no host
     * @param epochMillis the record's time
     * @return the incident id, or {@code null}
     */
    public String incidentAt(int serviceIndex, int hostIndex, long epochMillis) {
        String service = topology.services().get(serviceIndex).name();
        String host = hostIndex < 0 ? null : topology.hosts().get(hostIndex).name();
        for (Incident incident : truth.incidents()) {
            for (AffectedService a : incident.affected()) {
                if (a.service().equals(service) && (a.host() == null || a.host().equals(host))
                        && epochMillis >= a.start().toEpochMilli() && epochMillis < a.end().toEpochMilli()) {
                    return incident.id();
                }
            }
        }
        return null;
    }
}
