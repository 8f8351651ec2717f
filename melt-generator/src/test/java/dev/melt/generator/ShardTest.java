package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shards: the files of shards 0 to n - 1 concatenated are the files of one whole run, for every
 * signal and format, with telemetry faults; {@link MeltGenerator#merge} makes the dataset one run
 * makes, manifest included.
 */
class ShardTest {

    /** Chunks of one metrics interval, 30 s: a 40-minute dataset has 80 of them, so 7 shards hold many chunks each. */
    private static final long CHUNK_MILLIS = 30_000;

    @TempDir
    static Path shared;
    static Path whole;
    static Path wholeFaulted;

    static GenerationConfig spec() {
        return GenerationConfig.builder().duration(Duration.ofMinutes(40)).requestRate(3.0)
                .anomalies(AnomalyType.CPU_SPIKE, AnomalyType.SERVICE_OUTAGE, AnomalyType.LATENCY_SPIKE,
                        AnomalyType.ERROR_BURST)
                .formats(EnumSet.allOf(DatasetFormat.class)).seed(11).build();
    }

    static GenerationConfig faulted() {
        return spec().toBuilder().faults(EnumSet.allOf(FaultKind.class)).build();
    }

    @BeforeAll
    static void generateWhole() throws IOException {
        whole = shared.resolve("whole");
        new MeltGenerator(spec()).chunkMillis(CHUNK_MILLIS).generate(whole);
        wholeFaulted = shared.resolve("whole-faulted");
        new MeltGenerator(faulted()).chunkMillis(CHUNK_MILLIS).generate(wholeFaulted);
    }

    private static List<Path> shards(GenerationConfig spec, int n, String name) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path dir = shared.resolve(name + "-" + n + "-" + i);
            dirs.add(dir);
            if (Files.exists(dir.resolve("shard.json"))) {
                continue; // written by another test of this class
            }
            MeltGenerator generator = new MeltGenerator(spec).chunkMillis(CHUNK_MILLIS).threads(2).shard(i, n);
            generator.generate(dir);
            assertThat(generator.replayedWhole).as("shard %d/%d fell back to replaying whole chunks", i, n).isFalse();
        }
        return dirs;
    }

    private static List<String> dataFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("manifest.json") && !n.equals("ground_truth.json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static void assertConcatenate(Path single, List<Path> shards) throws IOException {
        List<String> names = dataFiles(single);
        assertThat(names).contains("metrics.jsonl", "logs.jsonl", "traces.jsonl", "events.jsonl",
                "metrics.otlp.jsonl", "logs.otlp.jsonl", "traces.otlp.jsonl", "events.otlp.jsonl", "metrics.om");
        for (Path shard : shards) {
            assertThat(Files.exists(shard.resolve("manifest.json"))).as("a shard is not a dataset").isFalse();
            assertThat(shard.resolve("shard.json")).exists();
            assertThat(Files.readAllBytes(shard.resolve("ground_truth.json")))
                    .isEqualTo(Files.readAllBytes(single.resolve("ground_truth.json")));
        }
        for (String name : names) {
            if (name.equals("metrics.om")) {
                continue; // grouped by metric: interleaved by the merge, below
            }
            ByteArrayOutputStream cat = new ByteArrayOutputStream();
            for (Path shard : shards) {
                cat.write(Files.readAllBytes(shard.resolve(name)));
            }
            byte[] expected = Files.readAllBytes(single.resolve(name));
            assertThat(expected.length).as(name).isPositive();
            assertSameBytes(name + " of " + shards.size() + " shards", cat.toByteArray(), expected);
        }
    }

    /** Equal bytes, or a failure that shows the first line that differs. */
    static void assertSameBytes(String what, byte[] actual, byte[] expected) {
        if (java.util.Arrays.equals(actual, expected)) {
            return;
        }
        int at = java.util.Arrays.mismatch(actual, expected);
        int line = 1;
        for (int i = 0; i < at && i < expected.length; i++) {
            line += expected[i] == '\n' ? 1 : 0;
        }
        assertThat(lineAround(actual, at)).as("%s: %d bytes, one run %d; first difference on line %d", what,
                actual.length, expected.length, line).isEqualTo(lineAround(expected, at));
    }

    private static String lineAround(byte[] b, int at) {
        int from = Math.min(at, b.length);
        while (from > 0 && b[from - 1] != '\n') {
            from--;
        }
        int to = Math.min(at, b.length);
        while (to < b.length && b[to] != '\n') {
            to++;
        }
        String line = new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    private static void assertMerged(Path single, List<Path> shards, String name) throws IOException {
        Path merged = shared.resolve(name);
        List<Path> reversed = new ArrayList<>(shards);
        java.util.Collections.reverse(reversed);
        MeltGenerator.merge(reversed, merged);
        try (Stream<Path> files = Files.list(single)) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                assertSameBytes("merged " + f.getFileName(), Files.readAllBytes(merged.resolve(f.getFileName())),
                        Files.readAllBytes(f));
            }
        }
        assertThat(dataFiles(merged)).isEqualTo(dataFiles(single));
        assertThat(MeltData.open(merged).metrics().count()).isEqualTo(MeltData.open(single).metrics().count());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void shardsConcatenateToOneRun(int n) throws IOException {
        List<Path> shards = shards(spec(), n, "plain");
        assertConcatenate(whole, shards);
        assertMerged(whole, shards, "merged-" + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 7})
    void shardsWithTelemetryFaultsConcatenateToOneRun(int n) throws IOException {
        List<Path> shards = shards(faulted(), n, "faulted");
        assertConcatenate(wholeFaulted, shards);
        assertMerged(wholeFaulted, shards, "merged-faulted-" + n);
    }

    @Test
    void theShardsCutTheChunksIntoContiguousRuns() throws IOException {
        shards(spec(), 3, "plain");
        assertThat(Files.readString(shared.resolve("plain-3-1/shard.json")))
                .contains("\"index\" : 1", "\"count\" : 3", "\"first_chunk\" : 26", "\"end_chunk\" : 53",
                        "\"chunks\" : 80");
    }

    /**
     * With no chunk before the shard replayed whole, the metrics-only replay of the chunk just
     * before it drops logs that belong to the shard: the shard notices and replays whole, and the
     * bytes are the same.
     */
    @Test
    void aShardWhoseReplayDroppedItsLogsReplaysWhole() throws IOException {
        // Busy enough that requests still run at every chunk's end.
        GenerationConfig busy = spec().toBuilder().duration(Duration.ofMinutes(6)).requestRate(60.0).build();
        Path single = shared.resolve("busy");
        new MeltGenerator(busy).chunkMillis(CHUNK_MILLIS).generate(single);
        List<Path> dirs = new ArrayList<>();
        boolean fellBack = false;
        for (int i = 0; i < 3; i++) {
            Path dir = shared.resolve("fallback-" + i);
            MeltGenerator generator = new MeltGenerator(busy).chunkMillis(CHUNK_MILLIS).shard(i, 3);
            generator.wholeBefore = 0;
            generator.generate(dir);
            fellBack |= generator.replayedWhole;
            dirs.add(dir);
        }
        assertThat(fellBack).isTrue();
        assertConcatenate(single, dirs);
    }

    @Test
    void aShardIsNotADataset() throws IOException {
        shards(spec(), 3, "plain");
        assertThatThrownBy(() -> MeltData.open(shared.resolve("plain-3-1"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not a dataset: it is a shard (shard.json); merge every shard");
    }

    @Test
    void moreShardsThanChunksLeaveSomeEmpty() throws IOException {
        GenerationConfig small = spec().toBuilder().duration(Duration.ofMinutes(3)).build();
        Path single = shared.resolve("small");
        new MeltGenerator(small).chunkMillis(CHUNK_MILLIS).generate(single);
        List<Path> shards = shards(small, 9, "small"); // 6 chunks in 9 shards
        assertThat(shards.stream().filter(s -> s.resolve("metrics.jsonl").toFile().length() == 0).count())
                .isEqualTo(3);
        assertConcatenate(single, shards);
        assertMerged(single, shards, "small-merged");
    }

    @Test
    void badShardsAreRefusedInOneLine() {
        for (int[] bad : new int[][] {{3, 2}, {0, 0}, {-1, 2}, {2, 2}}) {
            assertThatThrownBy(() -> new MeltGenerator(spec()).shard(bad[0], bad[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shard: " + bad[0] + "/" + bad[1] + " is not accepted; expected i/n with n at least 1"
                            + " and i from 0 to n - 1, such as 0/4");
        }
    }

    @Test
    void aMergeNeedsEveryShardOnceOfOneDataset() throws IOException {
        List<Path> three = shards(spec(), 3, "check");
        assertThatThrownBy(() -> MeltGenerator.merge(three.subList(0, 2), shared.resolve("m1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2/3 missing");
        assertThatThrownBy(() -> MeltGenerator.merge(List.of(three.get(0), three.get(0), three.get(1)),
                shared.resolve("m2"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected each shard once");
        assertThatThrownBy(() -> MeltGenerator.merge(List.of(whole), shared.resolve("m3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("it is a whole dataset");
        Path aFile = Files.writeString(shared.resolve("a-file"), "not a shard");
        assertThatThrownBy(() -> MeltGenerator.merge(List.of(three.get(0), three.get(1), aFile), shared.resolve("m6")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard: " + aFile + " is not accepted: it is not a directory; expected a shard directory"
                        + " written by generate --shard i/n");
        Path other = shared.resolve("other-seed");
        new MeltGenerator(spec().toBuilder().seed(12).build()).chunkMillis(CHUNK_MILLIS).shard(2, 3).generate(other);
        assertThatThrownBy(() -> MeltGenerator.merge(List.of(three.get(0), three.get(1), other), shared.resolve("m4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of another dataset");
        // A shard's file changed after it was written: the merge fails and leaves no dataset.
        Files.write(three.get(1).resolve("logs.jsonl"), new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);
        Path m5 = shared.resolve("m5");
        assertThatThrownBy(() -> MeltGenerator.merge(three, m5)).isInstanceOf(IOException.class)
                .hasMessageContaining("logs.jsonl: does not match its shard.json");
        assertThat(m5).doesNotExist();
    }
}
