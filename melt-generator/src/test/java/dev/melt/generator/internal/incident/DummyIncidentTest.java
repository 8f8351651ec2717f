package dev.melt.generator.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Incident;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.engine.ChunkPipeline;
import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.IncidentEffect;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Topology;
import dev.melt.generator.internal.signals.Signals;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * A new incident behaviour is one class: {@link Dummy} below is the only code of this test that
 * defines it, and the schedule, the ground truth, metrics-driven spans and logs all follow
 * it. It stands in for {@code error_burst}, since {@code AnomalyType} is a public enum: a real new
 * type also adds its constant there and registers its strategy in {@link IncidentStrategies}.
 */
class DummyIncidentTest {

    /** The one new class. */
    static final class Dummy extends IncidentStrategy {
        private static final JsonText[] WARN = JsonText.of("dummy trouble ahead", "dummy trouble behind");

        @Override
        public AnomalyType type() {
            return AnomalyType.ERROR_BURST;
        }

        @Override
        public boolean hitsOneHost() {
            return true;
        }

        @Override
        public long cascadeLagMillis(UniformRandomProvider rng) {
            return 7000;
        }

        @Override
        public void effect(IncidentEffect e) {
            if (e.root) {
                e.errorProbability = 0.9;
                e.mode = FailureMode.BURST_DEADLOCK;
            } else {
                e.mode = FailureMode.UPSTREAM_ERRORS;
                e.propagation = 0.5;
            }
        }

        @Override
        public JsonText[] warnLines(boolean root) {
            return WARN;
        }
    }

    private static final GenerationConfig SPEC = GenerationConfig.builder().duration(Duration.ofHours(1))
            .anomalies(AnomalyType.ERROR_BURST).seed(3).build();

    private static Plan plan(IncidentStrategies strategies) {
        return new Plan(SPEC, Topology.of(SPEC), 3_600_000L, 60_000L, 30.0, strategies);
    }

    /** Every line of each signal of a plan, joined: events, logs, spans. */
    private static String[] generate(Plan plan) throws IOException {
        StringBuilder events = new StringBuilder();
        StringBuilder logs = new StringBuilder();
        StringBuilder spans = new StringBuilder();
        new ChunkPipeline(plan, Signals.of(plan), 1).run(0, plan.chunkCount(), out -> {
            events.append(out.events().buffer());
            logs.append(out.logs().buffer());
            spans.append(out.spans().buffer());
        });
        return new String[] {events.toString(), logs.toString(), spans.toString()};
    }

    @Test
    void theStrategyClassAloneDecidesScheduleEffectAndLogs() throws IOException {
        Plan plan = plan(IncidentStrategies.standard().replacing(new Dummy()));
        Incident incident = plan.groundTruth().incidents().get(0);
        assertThat(incident.type()).isEqualTo(AnomalyType.ERROR_BURST);
        assertThat(incident.rootCauseHost()).as("one host").isNotNull();
        assertThat(incident.cascade()).isNotEmpty().extracting(CascadeEdge::lag)
                .containsOnly(Duration.ofSeconds(7));

        String[] out = generate(plan);
        assertThat(out[1]).contains("\"dummy trouble ahead\"");
        String[] rootSpans = Arrays.stream(out[2].split("\n"))
                .filter(l -> l.contains("\"host\":\"" + incident.rootCauseHost() + "\""))
                .filter(l -> l.contains("\"incident_id\":\"" + incident.id() + "\""))
                .toArray(String[]::new);
        long failed = Arrays.stream(rootSpans).filter(l -> l.contains("DEADLOCK_DETECTED")).count();
        assertThat(rootSpans).hasSizeGreaterThan(20);
        assertThat(failed).as("spans failing for the dummy's cause").isGreaterThan(rootSpans.length * 7L / 10);
    }

    @Test
    void withoutTheDummyNoneOfItsSignsAppear() throws IOException {
        Plan plan = plan(IncidentStrategies.standard());
        assertThat(plan.groundTruth().incidents().get(0).cascade()).extracting(CascadeEdge::lag)
                .isNotEmpty().doesNotContain(Duration.ofSeconds(7));
        String[] out = generate(plan);
        assertThat(out[1]).doesNotContain("dummy trouble");
    }
}
