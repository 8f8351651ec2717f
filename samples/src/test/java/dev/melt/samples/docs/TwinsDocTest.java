package dev.melt.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.Twins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippets of docs/twins.md, run (the JUnit one is TwinFalseAlarmTest's). */
class TwinsDocTest {

    @TempDir
    Path temp;

    @Test
    void twinsFromJava() throws IOException {
        Path original = temp.resolve("original");
        Path twin = temp.resolve("twin");
        Path withoutOne = temp.resolve("without-one");
        GenerationConfig spec = GenerationConfig.builder()
                .duration(Duration.ofMinutes(30)).requestRate(5).anomalies(AnomalyType.CPU_SPIKE).seed(4).build();
        new MeltGenerator(spec).generate(original);
        new MeltGenerator(spec.twin()).generate(twin);                  // without every incident
        new MeltGenerator(spec.twin("inc-0001")).generate(withoutOne);  // without inc-0001 only
        List<Incident> removed = Twins.removed(MeltData.open(original).groundTruth(), MeltData.open(twin).groundTruth());
        boolean mayDiffer = Twins.inAffectedSpan(removed, MeltData.open(original).manifest().start());

        assertThat(removed).hasSize(1);
        assertThat(mayDiffer).isFalse();
        assertThat(MeltData.open(withoutOne).groundTruth().incidents()).isEmpty();
        assertThat(Files.readAllBytes(withoutOne.resolve("metrics.jsonl")))
                .isEqualTo(Files.readAllBytes(twin.resolve("metrics.jsonl")));
    }
}
