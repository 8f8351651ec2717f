package dev.melt.junit.internal;

import static dev.melt.generator.AnomalyType.CPU_SPIKE;
import static dev.melt.generator.AnomalyType.ERROR_BURST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

    @Test
    void specsThatGiveTheSameBytesShareAKey() {
        DatasetSpec a = DatasetSpec.of(GenerationConfig.builder().size("1MB").anomalies(ERROR_BURST, CPU_SPIKE)
                .seed(3).build());
        DatasetSpec b = DatasetSpec.of(GenerationConfig.builder().seed(3).anomalies(CPU_SPIKE, ERROR_BURST)
                .size("1000KB").build());

        assertThat(a.key()).isEqualTo(b.key());
        assertThat(a.id()).isEqualTo(b.id()).matches("[0-9a-f]{32}");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void everyKnobIsPartOfTheKey() {
        GenerationConfig base = GenerationConfig.builder().size("1MB").seed(3).build();

        assertThat(DatasetSpec.of(base).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder().seed(4).build()).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder().size("2MB").build()).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder().anomalies(CPU_SPIKE).build()).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder().duration(Duration.ofHours(1)).build()).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder().services("a", "b").build()).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder().errorRate(0.1).build()).id())
                .isNotEqualTo(DatasetSpec.of(base.toBuilder()
                        .anomalyConfig(AnomalyConfig.builder().difficulty(Difficulty.SUBTLE).build()).build()).id());
        assertThat(DatasetSpec.of(base).key()).contains("melt-generator ");
    }

    @Test
    void theCommandReadsTheSpecFileAndShowsTheSeed() {
        DatasetSpec spec = DatasetSpec.of(GenerationConfig.builder().size("10MB").duration(Duration.ofMinutes(90))
                .anomalies(ERROR_BURST, CPU_SPIKE).seed(42).build());

        assertThat(spec.command(Path.of("target/melt spec.json"), Path.of("out"))).isEqualTo(
                "./melt generate --spec 'target/melt spec.json' --seed 42 --output out");
        assertThat(spec.describe()).isEqualTo("size=10MB, duration=90m, anomalies=[cpu_spike, error_burst], seed=42");
    }

    @Test
    void theDescriptionNamesEveryKnobBeyondSizeAndAnomalies() {
        DatasetSpec spec = DatasetSpec.of(GenerationConfig.builder().size("1MB").services("checkout", "payment")
                .anomalyConfig(AnomalyConfig.builder().difficulty(Difficulty.SUBTLE).build()).build());

        assertThat(spec.describe()).isEqualTo("size=1MB, anomalies=[], seed=42, services=[checkout, payment],"
                + " difficulty=SUBTLE");
    }

    @Test
    void durationsAreSpelledInTheLargestExactUnit() {
        assertThat(DatasetSpec.durationText(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(DatasetSpec.durationText(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(DatasetSpec.durationText(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DatasetSpec.durationText(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DatasetSpec.durationText(Duration.ofMillis(1500))).isEqualTo("PT1.5S");
    }
}
