package dev.melt.cli;

import static dev.melt.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code generate --shard I/N} and {@code merge}: the merged shards are the dataset one run writes. */
class ShardCliTest {

    @TempDir
    Path temp;


    private static final String[] SPEC = {"--size", "3MB", "--anomalies", "cpu_spike,latency_spike", "--seed", "5",
        "--format", "jsonl,otlp,openmetrics", "--quiet"};

    private CliRun generate(Path dir, String... more) {
        String[] args = new String[SPEC.length + 3 + more.length];
        args[0] = "generate";
        System.arraycopy(SPEC, 0, args, 1, SPEC.length);
        args[SPEC.length + 1] = "--output";
        args[SPEC.length + 2] = dir.toString();
        System.arraycopy(more, 0, args, SPEC.length + 3, more.length);
        return run(args);
    }

    @Test
    void mergedShardsAreTheDatasetOfOneRun() throws IOException {
        Path single = temp.resolve("single");
        assertThat(generate(single).exitCode()).isZero();
        String[] merge = {"merge", "--output", temp.resolve("merged").toString(), "", "", ""};
        for (int i = 0; i < 3; i++) {
            Path shard = temp.resolve("shard-" + i);
            CliRun r = generate(shard, "--shard", i + "/3");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Wrote " + shard + ": shard " + i + "/3 of the dataset ");
            assertThat(shard.resolve("shard.json")).exists();
            assertThat(shard.resolve("manifest.json")).doesNotExist();
            merge[5 - i] = shard.toString();
        }
        CliRun merged = run(merge);
        assertThat(merged.exitCode()).as(merged.err()).isZero();
        assertThat(merged.out()).startsWith("Merged 3 shards into " + temp.resolve("merged") + ": 10 files, ");
        assertSameFiles(temp.resolve("merged"), single);
        CliRun info = run("info", "--data-dir", temp.resolve("merged").toString(), "--verify");
        assertThat(info.exitCode()).as(info.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/2", "0/0", "a/b", "1", "-1/2", "2/2", "1/"})
    void aBadShardIsAUsageError(String shard) {
        CliRun r = generate(temp.resolve("x"), "--shard", shard);
        assertThat(r.exitCode()).isEqualTo(MeltCli.EXIT_USAGE);
        String shown = shard.matches("\\d+/\\d+") ? shard : "'" + shard + "'";
        assertThat(r.err()).isEqualToIgnoringNewLines("melt: shard: " + shown + " is not accepted; expected I/N with"
                + " N at least 1 and I from 0 to N - 1, such as 0/4");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void aMergeWithoutEveryShardIsAUsageErrorAndAChangedShardAnIoError() throws IOException {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        assertThat(generate(a, "--shard", "0/2").exitCode()).isZero();
        assertThat(generate(b, "--shard", "1/2").exitCode()).isZero();
        CliRun missing = run("merge", "--output", temp.resolve("m").toString(), a.toString());
        assertThat(missing.exitCode()).isEqualTo(MeltCli.EXIT_USAGE);
        assertThat(missing.err()).isEqualToIgnoringNewLines("melt: shards: 1/2 missing; expected every shard 0/2 to"
                + " 1/2 once");
        CliRun report = run("report", "--data-dir", a.toString(), "--output", temp.resolve("r.html").toString());
        assertThat(report.exitCode()).isEqualTo(MeltCli.EXIT_USAGE);
        assertThat(report.err()).isEqualToIgnoringNewLines("melt: not a dataset: " + a + " (a shard: shard.json, no"
                + " manifest.json); merge every shard of the dataset with melt merge");
        CliRun blank = run("merge", "--output", "", a.toString(), b.toString());
        assertThat(blank.exitCode()).isEqualTo(MeltCli.EXIT_USAGE);
        assertThat(blank.err()).isEqualToIgnoringNewLines("melt: output: '' is not accepted; expected the path of an"
                + " absent or empty directory");
        Files.write(b.resolve("traces.jsonl"), new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);
        CliRun changed = run("merge", "--output", temp.resolve("m").toString(), a.toString(), b.toString());
        assertThat(changed.exitCode()).isEqualTo(MeltCli.EXIT_IO);
        assertThat(changed.err()).startsWith("melt: " + b.resolve("traces.jsonl") + ": does not match its shard.json");
        assertThat(changed.err().lines().count()).isEqualTo(1);
        assertThat(temp.resolve("m")).doesNotExist();
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
        try (Stream<Path> files = Files.list(expected)) {
            List<Path> names = files.map(Path::getFileName).sorted().collect(Collectors.toList());
            assertThat(names).hasSize(11);
            for (Path name : names) {
                assertThat(Files.mismatch(actual.resolve(name), expected.resolve(name))).as(name.toString())
                        .isEqualTo(-1L);
            }
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertThat(files.count()).isEqualTo(11);
        }
    }
}
