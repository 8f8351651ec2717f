package dev.melt.generator.internal.plan;

import dev.melt.generator.internal.engine.Chunk;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.internal.incident.IncidentStrategies;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.IncidentScheduler;
import dev.melt.generator.internal.plan.RandomStreams;
import dev.melt.generator.internal.plan.Topology;
import java.time.Instant;

/**
 * Everything decided before the first record exists: the fleet, the time span and its chunks,
 * the traffic volume, and the incidents. A pure function of the spec; immutable and shared by
 * every chunk.
 */
public final class Plan {

    private final GenerationConfig config;
    private final Topology topology;
    private final long startMillis;
    private final long endMillis;
    private final long chunkMillis;
    private final int chunkCount;
    private final double trafficScale;
    private final GroundTruth groundTruth;
    private final FleetModel model;
    private final RandomStreams random;
    private final IncidentStrategies strategies;

    /**
     * Creates a plan and schedules its incidents.
     *
     * @param config the spec
     * @param topology the fleet
     * @param durationMillis the simulated time span, positive
     * @param chunkMillis the length of one chunk, a positive multiple of the metrics interval
     * @param trafficScale the request volume relative to the spec's default traffic, positive
     */
    public Plan(GenerationConfig config, Topology topology, long durationMillis, long chunkMillis,
                double trafficScale) {
        this(config, topology, durationMillis, chunkMillis, trafficScale, IncidentStrategies.standard());
    }

    /**
     * Creates a plan whose incidents follow given strategies.
     *
     * @param config the spec
     * @param topology the fleet
     * @param durationMillis the simulated time span, positive
     * @param chunkMillis the length of one chunk, positive
     * @param trafficScale the request volume relative to the spec's default traffic, positive
     * @param strategies the strategy of each incident type
     */
    public Plan(GenerationConfig config, Topology topology, long durationMillis, long chunkMillis,
                double trafficScale, IncidentStrategies strategies) {
        this(config, topology, durationMillis, chunkMillis, trafficScale, strategies, null);
    }

    private Plan(GenerationConfig config, Topology topology, long durationMillis, long chunkMillis,
                 double trafficScale, IncidentStrategies strategies, GroundTruth truth) {
        this.config = config;
        this.topology = topology;
        this.startMillis = config.startTime().toEpochMilli();
        this.endMillis = startMillis + durationMillis;
        if (chunkMillis <= 0 || chunkMillis % config.metricsInterval().toMillis() != 0) {
            throw new IllegalArgumentException("chunkMillis: " + chunkMillis + " is not accepted; expected a positive"
                    + " multiple of the metrics interval, " + config.metricsInterval().toMillis() + " ms");
        }
        this.chunkMillis = chunkMillis;
        long count = (durationMillis + chunkMillis - 1) / chunkMillis;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration: too many chunks (" + count + ")");
        }
        this.chunkCount = (int) count;
        this.trafficScale = trafficScale;
        this.groundTruth = truth != null ? truth : IncidentScheduler.schedule(config, topology,
                Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis), strategies);
        this.strategies = strategies;
        this.model = FleetModel.of(config, topology, groundTruth, strategies);
        this.random = new RandomStreams(config.seed());
    }

    /**
     * Returns the plan of this plan's counterfactual twin: the same fleet, time span, chunks and
     * traffic, with the incidents of {@code twin}'s {@link GenerationConfig#without()} taken out of
     * the schedule (all of them for {@link GenerationConfig#ALL_INCIDENTS}). Nothing is planned
     * again: the remaining incidents keep their windows and every baseline its random draws.
     *
     * @param twin the twin's spec: this plan's spec with {@code without} set
     * @return the twin's plan
     * @throws IllegalArgumentException when {@code without} names an incident this plan does not have
     */
    public Plan twin(GenerationConfig twin) {
        java.util.List<String> without = twin.without();
        java.util.List<Incident> kept = new java.util.ArrayList<>();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (Incident incident : groundTruth.incidents()) {
            ids.add(incident.id());
            if (!without.contains(GenerationConfig.ALL_INCIDENTS) && !without.contains(incident.id())) {
                kept.add(incident);
            }
        }
        for (String id : without) {
            if (!id.equals(GenerationConfig.ALL_INCIDENTS) && !ids.contains(id)) {
                throw new IllegalArgumentException("without: " + id + " is not an incident of this spec; expected "
                        + (ids.isEmpty() ? "none: the spec schedules no incident" : "one of " + String.join(", ", ids)
                        + " or " + GenerationConfig.ALL_INCIDENTS));
            }
        }
        GroundTruth truth = new GroundTruth(groundTruth.start(), groundTruth.end(), kept, groundTruth.faults());
        return new Plan(twin, topology, durationMillis(), chunkMillis, trafficScale, strategies, truth);
    }

    /** @return the spec */
    public GenerationConfig config() {
        return config;
    }

    /** @return the fleet */
    public Topology topology() {
        return topology;
    }

    /** @return the first instant, in epoch milliseconds (inclusive) */
    public long startMillis() {
        return startMillis;
    }

    /** @return the end, in epoch milliseconds (exclusive) */
    public long endMillis() {
        return endMillis;
    }

    /** @return the simulated time span in milliseconds */
    public long durationMillis() {
        return endMillis - startMillis;
    }

    /** @return the length of a chunk in milliseconds (the last one may be shorter) */
    public long chunkMillis() {
        return chunkMillis;
    }

    /** @return the number of chunks */
    public int chunkCount() {
        return chunkCount;
    }

    /**
     * Returns one chunk.
     *
     * @param index 0 to {@link #chunkCount()} - 1
     * @return the chunk
     */
    public Chunk chunk(int index) {
        long start = startMillis + index * chunkMillis;
        return new Chunk(index, start, Math.min(endMillis, start + chunkMillis));
    }

    /** @return the length of a metric interval, the unit chunks are made of, in milliseconds */
    public long blockMillis() {
        return config.metricsInterval().toMillis();
    }

    /**
     * Returns the number of the metric interval holding an instant, counted from the start.
     *
     * @param epochMillis an instant of the dataset
     * @return the interval's number, from 0
     */
    public long blockOf(long epochMillis) {
        return Math.floorDiv(epochMillis - startMillis, blockMillis());
    }

    /** @return the entry rate relative to the spec's {@code requestRate}, as the planner scaled it */
    public double trafficScale() {
        return trafficScale;
    }

    /** @return the incidents, decided before any record */
    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /** @return the index that labels records from the ground truth */
    public IncidentIndex incidents() {
        return model.index();
    }

    /** @return the state of every host over time: baselines, benign look-alikes, incident effects */
    public FleetModel model() {
        return model;
    }

    /** @return the random streams of the seed */
    public RandomStreams random() {
        return random;
    }

    @Override
    public String toString() {
        return "Plan{duration=" + durationMillis() + "ms, chunk=" + chunkMillis + "ms x " + chunkCount
                + ", trafficScale=" + trafficScale + ", incidents=" + groundTruth.incidents().size() + '}';
    }
}
