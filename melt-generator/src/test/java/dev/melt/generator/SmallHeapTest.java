package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Memory stays bounded whatever the thread count: a forked JVM with a 64 MB heap generates 50 MB
 * with 8 and 16 threads (more than this machine has cores, as on a big CI runner). Before the
 * pipeline sized its window to the heap, 8 threads died with OutOfMemoryError. The OpenMetrics
 * file, whose metrics are reordered family by family, streams too, and so do the OTLP files.
 */
class SmallHeapTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} threads, {1}")
    @CsvSource({"8, jsonl", "16, jsonl", "16, 'jsonl,openmetrics'", "16, 'jsonl,otlp'"})
    void fiftyMegabytesUnderA64MegabyteHeap(int threads, String formats) throws Exception {
        Path dir = temp.resolve("t" + threads + formats.length());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:ActiveProcessorCount=" + threads,
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
                Generate.class.getName(), dir.toString(), Integer.toString(threads), formats).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError");
        MeltData data = MeltData.open(dir);
        assertThat(data.manifest().totalBytes()).isGreaterThan(45_000_000L);
        assertThat(data.manifest().files().containsKey("metrics.om")).isEqualTo(formats.contains("openmetrics"));
        assertThat(data.manifest().files().containsKey("traces.otlp.jsonl")).isEqualTo(formats.contains("otlp"));
    }

    /** The forked JVM's main: generates 50 MB into a directory with a thread count and formats. */
    static final class Generate {
        public static void main(String[] args) throws IOException {
            new MeltGenerator(GenerationConfig.builder().size("50MB").seed(9)
                    .formats(DatasetFormat.parseList(args[2])).build())
                    .threads(Integer.parseInt(args[1])).generate(Path.of(args[0]));
        }
    }
}
