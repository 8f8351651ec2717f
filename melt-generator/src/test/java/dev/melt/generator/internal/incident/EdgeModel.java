package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;
import dev.melt.generator.internal.plan.IncidentScheduler;
import dev.melt.generator.internal.plan.Topology;
import java.time.Duration;
import java.time.Instant;

/** The model's state on the caller of the first incident of a network type, at the middle of its window. */
final class EdgeModel {

    private EdgeModel() {
    }

    /** The incident and the state of its caller's first host in the middle of its window. */
    record Middle(Incident incident, HostState caller, Topology topology) {
    }

    static Middle middle(AnomalyType type, Difficulty difficulty, long seed) {
        GenerationConfig config = GenerationConfig.builder().seed(seed).duration(Duration.ofHours(2))
                .anomalies(type).anomalyConfig(AnomalyConfig.builder().difficulty(difficulty)
                        .benignPatterns(false).build()).build();
        Topology topology = Topology.of(config);
        Instant start = config.startTime();
        GroundTruth truth = IncidentScheduler.schedule(config, topology, start, start.plus(Duration.ofHours(2)));
        FleetModel model = FleetModel.of(config, topology, truth);
        Incident incident = truth.incidentsOf(type).get(0);
        int host = topology.service(incident.rootCause().caller()).hosts().get(0).index();
        long middle = (incident.start().toEpochMilli() + incident.end().toEpochMilli()) / 2;
        HostState state = new HostState();
        model.evaluate(host, middle, state);
        return new Middle(incident, state, topology);
    }
}
