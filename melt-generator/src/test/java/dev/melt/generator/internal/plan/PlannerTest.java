package dev.melt.generator.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

    @Test
    void smallPlansAreMeasuredOnEveryChunk() {
        for (int k = 0; k < 7; k++) {
            assertThat(Planner.sampleChunk(k, 7, 7)).isEqualTo(k);
        }
    }

    @Test
    void samplesTakeOneChunkPerStratum() {
        int count = 9538;
        for (int k = 0; k < 16; k++) {
            int chunk = Planner.sampleChunk(k, 16, count);
            assertThat(chunk).isBetween(k * count / 16, (k + 1) * count / 16);
        }
    }

    @Test
    void samplesOfADayAlignedPlanSeeManyHoursOfTheDay() {
        // 56 days of 528 s chunks: evenly spaced samples would only ever see two hours of the day.
        long chunkMillis = 528_000L;
        int count = (int) (56L * 86_400_000L / chunkMillis);
        Set<Long> hours = new HashSet<>();
        for (int k = 0; k < 16; k++) {
            hours.add(Planner.sampleChunk(k, 16, count) * chunkMillis % 86_400_000L / 3_600_000L);
        }
        assertThat(hours).hasSizeGreaterThan(5);
    }
}
