package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run owns its output: two runs into one directory never leave a manifest over missing files. */
class OutputOwnershipTest {

    @TempDir
    Path temp;

    @Test
    void ofTwoConcurrentRunsIntoOneDirectoryOneWinsCompleteAndTheOtherFailsClearly() throws Exception {
        GenerationConfig spec = GenerationConfig.builder().size("200KB").seed(3).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int pair = 0; pair < 30; pair++) {
                // Odd pairs race on an absent directory, even ones on an empty one.
                Path dir = temp.resolve("pair-" + pair);
                if (pair % 2 == 0) {
                    Files.createDirectory(dir);
                }
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Manifest> run = () -> {
                    start.await();
                    return new MeltGenerator(spec).threads(1).generate(dir);
                };
                List<Future<Manifest>> runs = List.of(pool.submit(run), pool.submit(run));
                List<Throwable> failures = new ArrayList<>();
                int wins = 0;
                for (Future<Manifest> f : runs) {
                    try {
                        f.get();
                        wins++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(e.getCause());
                    }
                }
                assertThat(wins).as("pair %d: runs that succeeded", pair).isEqualTo(1);
                assertThat(failures).singleElement().satisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("output: " + dir + " is not accepted: ")
                        .hasMessageNotContaining("\n"));
                MeltData.open(dir).verify();
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                            .containsExactlyInAnyOrder("manifest.json", "ground_truth.json", "metrics.jsonl",
                                    "events.jsonl", "logs.jsonl", "traces.jsonl");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDirectoryClaimedByAnotherRunIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("claimed"));
        Files.writeString(dir.resolve(".melt-writing"), "process 999999999 since 2026-01-01T00:00:00Z\n");
        GenerationConfig spec = GenerationConfig.builder().size("200KB").seed(3).build();
        assertThatThrownBy(() -> new MeltGenerator(spec).generate(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another run is writing it (process 999999999")
                .hasMessageContaining("no longer running")
                .hasMessageContaining("delete " + dir.resolve(".melt-writing"));
        assertThat(dir.resolve(".melt-writing")).exists();
    }

    @Test
    void sigtermDuringARunRemovesItsPartialOutput() throws Exception {
        Path parent = Files.createDirectories(temp.resolve("empty-parent"));
        Path dir = parent.resolve("interrupted");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp",
                System.getProperty("java.class.path"), Generate.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("run.log").toFile()).start();
        try {
            Path staged = dir.resolve(".melt-staging").resolve("metrics.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(staged) && Files.size(staged) > 1_000_000) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(staged).as("the run is writing").exists();
        } finally {
            run.destroy(); // SIGTERM
        }
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isNotZero();
        assertThat(dir).as("the run created it; its shutdown hook removed it").doesNotExist();
        assertThat(parent).isEmptyDirectory();
    }

    /** The forked JVM's main: generates far more than the test lets it finish. */
    static final class Generate {
        public static void main(String[] args) throws IOException {
            new MeltGenerator(GenerationConfig.builder().size("20GB").seed(1).build()).threads(2)
                    .generate(Path.of(args[0]));
        }
    }

    @Test
    void aCommittedDatasetLeavesNoMarkerAndNoStaging() throws IOException {
        Path dir = temp.resolve("done");
        new MeltGenerator(GenerationConfig.builder().size("200KB").seed(3).build()).generate(dir);
        assertThat(dir.resolve(".melt-writing")).doesNotExist();
        assertThat(dir.resolve(".melt-staging")).doesNotExist();
        assertThatThrownBy(() -> new MeltGenerator(GenerationConfig.builder().size("200KB").seed(4).build())
                .generate(dir)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        MeltData.open(dir).verify();
    }
}
