package dev.melt.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of docs/scale-out.md, run: three shards merged into the dataset of one run. */
class ScaleOutDocTest {

    @TempDir
    Path temp;

    @Test
    void threeShardsMergeIntoTheDatasetOfOneRun() throws IOException {
        GenerationConfig spec = GenerationConfig.builder().size("3MB").anomalies(AnomalyType.CPU_SPIKE).seed(42).build();
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path shard = temp.resolve("shard-" + i);
            new MeltGenerator(spec).shard(i, 3).generate(shard);   // on any machine, in any order
            shards.add(shard);
        }
        Manifest manifest = MeltGenerator.merge(shards, temp.resolve("dataset"));
        MeltData data = MeltData.open(temp.resolve("dataset"));

        new MeltGenerator(spec).generate(temp.resolve("one-run"));
        assertThat(Files.readString(temp.resolve("dataset/manifest.json")))
                .isEqualTo(Files.readString(temp.resolve("one-run/manifest.json")));
        assertThat(data.metrics().count()).isEqualTo(manifest.file(dev.melt.generator.Signal.METRICS).records());
        assertThat(data.groundTruth().incidents()).isNotEmpty();
    }
}
