package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.engine.ChunkGenerator;
import dev.melt.generator.internal.model.HostState;
import dev.melt.generator.internal.plan.Plan;

/**
 * The signal generators of a plan. Each metric interval of a chunk is simulated in turn: its
 * requests (traces and span logs of the sampled ones, counts of all), then the metrics that
 * aggregate them; then the chunk's events and background logs.
 */
public final class Signals implements ChunkGenerator {

    private final Plan plan;
    private final RequestsGenerator requests;
    private final MetricsGenerator metrics;
    private final EventsGenerator events;
    private final LogsGenerator logs;

    /** The alert rules' state, carried from chunk to chunk in {@link #inOrder}. */
    private final AlertRules alertRules;

    private Signals(Plan plan) {
        this.plan = plan;
        this.alertRules = new AlertRules(plan);
        Vocabulary vocabulary = new Vocabulary(plan.topology());
        this.requests = new RequestsGenerator(plan, vocabulary);
        this.metrics = new MetricsGenerator(plan);
        this.events = new EventsGenerator(plan);
        this.logs = new LogsGenerator(plan, vocabulary);
    }

    @Override
    public dev.melt.generator.internal.encode.OpenMetricsLayout openMetricsLayout() {
        return metrics.openMetrics();
    }

    /**
     * Evaluates the alert rules on the chunk's metrics, with their state from the chunks before,
     * and puts the alerts among the chunk's events in time order.
     */
    @Override
    public void inOrder(dev.melt.generator.internal.engine.ChunkOutput output) {
        alertRules.evaluate(output.scratch(AlertRules.Samples.class, AlertRules.Samples::new), output.events());
        output.events().sortByTime();
    }

    @Override
    public int counterSlots() {
        return MetricsGenerator.counterSlots(plan);
    }

    /**
     * Builds the generators of a plan.
     *
     * @param plan the plan
     * @return a chunk generator writing all four signals
     */
    public static ChunkGenerator of(Plan plan) {
        return new Signals(plan);
    }

    /**
     * Replays a chunk for its metrics: the requests are simulated as {@link #generate} does (their
     * spans and logs dropped), the metrics written; events and background logs are left out.
     */
    @Override
    public void replay(Plan plan, dev.melt.generator.internal.engine.Chunk chunk,
                       dev.melt.generator.internal.engine.ChunkOutput output) {
        output.reset(chunk);
        simulate(ChunkContext.forReplay(plan, chunk, output));
    }

    @Override
    public void generate(ChunkContext chunk) {
        HostTimeline timeline = simulate(chunk);
        events.generate(chunk);
        logs.generate(chunk, timeline);
    }

    /** Writes the chunk's requests and metrics, interval by interval; @return the host timeline used */
    private HostTimeline simulate(ChunkContext chunk) {
        int hosts = plan.topology().hosts().size();
        // The timeline caches a pure function of (host, second), so keeping it from chunk to chunk on
        // this thread's output changes no byte and saves allocating it per chunk.
        HostTimeline timeline = chunk.scratch(HostTimeline.class, () -> HostTimeline.of(plan.model(), hosts));
        if (!timeline.isFor(plan.model())) {
            timeline = HostTimeline.of(plan.model(), hosts);
        }
        RequestStats stats = chunk.scratch(RequestStats.class, () -> new RequestStats(hosts));
        if (!stats.isFor(hosts)) {
            stats = new RequestStats(hosts);
        }
        HostState state = new HostState();
        AlertRules.Samples alerts = chunk.scratch(AlertRules.Samples.class, AlertRules.Samples::new);
        alerts.clear();
        long blockMillis = plan.blockMillis();
        // Chunks start on interval ticks (the planner makes them whole intervals).
        for (long from = chunk.startMillis(); from < chunk.endMillis(); from += blockMillis) {
            long to = Math.min(chunk.endMillis(), from + blockMillis);
            long block = plan.blockOf(from);
            stats.clear();
            requests.block(chunk, timeline, block, from, to, stats);
            metrics.block(chunk.metrics(), from, to, stats, state, alerts);
        }
        return timeline;
    }
}
