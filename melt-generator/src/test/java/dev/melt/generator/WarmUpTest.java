package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.internal.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A configured warm-up is checked against the dataset, not against the planner's probe. */
class WarmUpTest {

    private static GenerationConfig.Builder spec(Duration warmUp) {
        return GenerationConfig.builder().seed(3).anomalies(List.of(AnomalyType.CPU_SPIKE))
                .anomalyConfig(AnomalyConfig.builder().warmUp(warmUp).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {35, 60, 180})
    void aQuarterHourWarmUpFitsDatasetsOfHalfAnHourToThreeHours(int minutes) {
        Plan plan = MeltGenerator.plan(spec(Duration.ofMinutes(15)).duration(Duration.ofMinutes(minutes)).build(), 1);

        Instant quietUntil = plan.groundTruth().start().plus(Duration.ofMinutes(15));
        assertThat(plan.groundTruth().incidents()).isNotEmpty()
                .allSatisfy(incident -> assertThat(incident.start()).isAfterOrEqualTo(quietUntil));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20MB", "40MB"})
    void aQuarterHourWarmUpFitsADatasetSizedBySize(String size) {
        Plan plan = MeltGenerator.plan(spec(Duration.ofMinutes(15)).size(size).build(), 1);

        assertThat(Duration.between(plan.groundTruth().start(), plan.groundTruth().end()))
                .isGreaterThan(Duration.ofMinutes(15));
        Instant quietUntil = plan.groundTruth().start().plus(Duration.ofMinutes(15));
        assertThat(plan.groundTruth().incidents())
                .allSatisfy(incident -> assertThat(incident.start()).isAfterOrEqualTo(quietUntil));
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 15, 40})
    void aWarmUpAsLongAsTheDatasetIsRefusedNamingTheDatasetsDuration(int warmUpMinutes) {
        GenerationConfig config = spec(Duration.ofMinutes(warmUpMinutes)).duration(Duration.ofMinutes(warmUpMinutes))
                .build();

        assertThatThrownBy(() -> MeltGenerator.plan(config, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("warmUp: PT" + warmUpMinutes + "M is not accepted; expected less than the"
                        + " dataset's duration PT" + warmUpMinutes + "M");
    }
}
