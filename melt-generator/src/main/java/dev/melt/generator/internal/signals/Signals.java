package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.engine.ChunkGenerator;
import dev.melt.generator.internal.plan.Plan;
import java.util.List;

/** The four signal generators of a plan, run one after another on each chunk. */
public final class Signals implements ChunkGenerator {

    private final Plan plan;
    private final List<SignalGenerator> generators;

    private Signals(Plan plan) {
        this.plan = plan;
        Vocabulary vocabulary = new Vocabulary(plan.topology());
        this.generators = List.of(new MetricsGenerator(plan), new EventsGenerator(plan),
                new TracesGenerator(plan, vocabulary), new LogsGenerator(plan, vocabulary));
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

    @Override
    public void generate(ChunkContext chunk) {
        // The timeline caches a pure function of (host, second), so keeping it from chunk to chunk on
        // this thread's output changes no byte and saves allocating it per chunk.
        HostTimeline timeline = chunk.scratch(HostTimeline.class,
                () -> HostTimeline.of(plan.model(), plan.topology().hosts().size()));
        if (!timeline.isFor(plan.model())) {
            timeline = HostTimeline.of(plan.model(), plan.topology().hosts().size());
        }
        for (SignalGenerator g : generators) {
            g.generate(chunk, timeline);
        }
    }
}
