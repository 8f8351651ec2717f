package dev.melt.generator.internal.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;
import dev.melt.generator.internal.plan.IncidentScheduler;
import dev.melt.generator.internal.plan.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostTimelineTest {

    @Test
    void everyLookupReturnsTheModelsStateAtThatSecondWhateverTheOrderAndCollisions() {
        GenerationConfig config = GenerationConfig.builder().seed(9).anomalies(AnomalyType.values()).build();
        Topology topology = Topology.of(config);
        Instant start = config.startTime();
        GroundTruth truth = IncidentScheduler.schedule(config, topology, start, start.plus(Duration.ofHours(6)));
        FleetModel model = FleetModel.of(config, topology, truth);
        HostTimeline timeline = HostTimeline.of(model, topology.hosts().size());
        HostState expected = new HostState();
        Random random = new Random(5);
        for (int k = 0; k < 20_000; k++) {
            int host = random.nextInt(topology.hosts().size());
            // Mostly nearby seconds (cache hits), sometimes far ones that evict entries.
            long t = start.toEpochMilli() + (random.nextInt(10) == 0 ? random.nextInt(6 * 3_600_000)
                    : 3_600_000 + random.nextInt(30_000));
            int slot = timeline.slot(host, t);
            model.evaluate(host, Math.floorDiv(t, 1000L) * 1000L, expected);
            assertThat(timeline.errorProbability(slot)).isEqualTo(expected.errorProbability);
            assertThat(timeline.ownMedianMicros(slot)).isEqualTo(expected.ownLatencyMedianMs * 1000);
            assertThat(timeline.traffic(slot)).isEqualTo(expected.traffic);
            assertThat(timeline.down(slot)).isEqualTo(expected.down);
            assertThat(timeline.mode(slot)).isEqualTo(expected.failureMode);
        }
    }
}
