package dev.melt.generator.internal.plan;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import java.time.Instant;
import java.util.List;

/**
 * Decides, from the spec and seed alone, every incident of a dataset before any record exists:
 * type, root-cause service and host, window, and the cascade onto callers. The result is the
 * ground truth that records are labelled from.
 */
public final class IncidentScheduler {

    private IncidentScheduler() {
    }

    /**
     * Schedules the incidents of a dataset.
     *
     * @param config the spec (seed, requested anomaly types, anomaly settings)
     * @param topology the fleet
     * @param start the first instant of the dataset
     * @param end the end of the dataset (exclusive)
     * @return the ground truth
     */
    public static GroundTruth schedule(GenerationConfig config, Topology topology, Instant start, Instant end) {
        // Placeholder until the anomaly engine lands: no incidents.
        return new GroundTruth(start, end, List.of());
    }
}
