package dev.melt.generator.internal.engine;

import dev.melt.generator.internal.plan.Plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.encode.LogWriter;
import dev.melt.generator.internal.plan.Topology;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkPipelineTest {

    private static Plan plan(int chunks) {
        GenerationConfig spec = GenerationConfig.builder().duration(Duration.ofMinutes(chunks)).build();
        return new Plan(spec, Topology.of(spec), chunks * 60_000L, 60_000L, 1.0);
    }

    /** Writes one log line naming the chunk, after work that differs from chunk to chunk. */
    private static final ChunkGenerator NAMING = chunk -> {
        long spin = 0;
        for (int i = 0; i < (chunk.chunk().index() % 5) * 200_000; i++) {
            spin += i ^ spin;
        }
        chunk.logs().begin(chunk.startMillis(), LogWriter.head(JsonText.of("INFO"), JsonText.of("web")),
                JsonText.of("chunk " + chunk.chunk().index()), LogWriter.host(JsonText.of("web-01")))
                .field(JsonText.of("spin"), spin & 1).end(null);
    };

    @Test
    void outputsArriveInChunkOrderWhateverTheThreadCount() throws IOException {
        Plan plan = plan(40);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i);
        }
        for (int threads : new int[] {1, 2, 8}) {
            List<Integer> seen = new ArrayList<>();
            new ChunkPipeline(plan, NAMING, threads).run(0, plan.chunkCount(), out -> {
                assertThat(out.logs().buffer().toString()).contains("\"chunk " + out.chunk().index() + "\"");
                seen.add(out.chunk().index());
            });
            assertThat(seen).as("%d threads", threads).isEqualTo(expected);
        }
    }

    @Test
    void atMostFourChunksPerThreadAreInFlight() throws IOException {
        Plan plan = plan(50);
        Set<ChunkOutput> outputs = Collections.newSetFromMap(new IdentityHashMap<>());
        new ChunkPipeline(plan, NAMING, 3).run(0, plan.chunkCount(), outputs::add);
        assertThat(outputs).hasSizeLessThanOrEqualTo(12);
    }

    @Test
    void aFailingChunkFailsTheRunAfterTheChunksBeforeIt() {
        Plan plan = plan(20);
        ChunkGenerator failing = chunk -> {
            if (chunk.chunk().index() == 7) {
                throw new IllegalStateException("chunk 7 broke");
            }
        };
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> new ChunkPipeline(plan, failing, 4).run(0, 20, out -> seen.add(out.chunk().index())))
                .isInstanceOf(IllegalStateException.class).hasMessage("chunk 7 broke");
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void scratchObjectsAreKeptPerOutputAndReused() throws IOException {
        Plan plan = plan(20);
        Set<StringBuilder> created = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        ChunkGenerator usingScratch = chunk -> {
            StringBuilder sb = chunk.scratch(StringBuilder.class, StringBuilder::new);
            sb.setLength(0);
            created.add(sb);
        };
        new ChunkPipeline(plan, usingScratch, 2).run(0, plan.chunkCount(), out -> { });
        // One per output: two threads keep at most eight outputs, whatever the chunk count.
        assertThat(created).hasSizeBetween(1, 8);
    }
}
