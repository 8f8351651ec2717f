package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.GenerationConfig;
import dev.melt.junit.internal.DatasetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs, as two Surefire forks, share one cache: the dataset is generated once. */
class TwoJvmCacheTest {

    private static final Pattern OUTCOME = Pattern.compile("generations=(\\d+) succeeded=(\\d+) failed=(\\d+)");

    @TempDir
    Path cache;

    @Test
    void twoJvmsStartedAtOnceAgainstAnEmptyCacheGenerateOnceAndBothPass() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        long generations = 0;
        try {
            for (int i = 0; i < 2; i++) {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        "-cp", System.getProperty("java.class.path"),
                        CacheUserProcess.class.getName(), cache.toString()).redirectErrorStream(true).start();
                processes.add(process);
                BufferedReader output = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                outputs.add(output);
            }
            for (BufferedReader output : outputs) {
                awaitReady(output);
            }
            for (Process process : processes) {
                OutputStream go = process.getOutputStream();
                go.write("go\n".getBytes(StandardCharsets.UTF_8));
                go.flush();
            }

            for (int i = 0; i < 2; i++) {
                String last = lastLine(outputs.get(i));
                assertThat(processes.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
                Matcher outcome = OUTCOME.matcher(last);
                assertThat(outcome.matches()).as("last line of JVM %d: %s", i, last).isTrue();
                assertThat(outcome.group(2)).as("tests passed in JVM %d", i).isEqualTo("1");
                assertThat(outcome.group(3)).as("tests failed in JVM %d", i).isEqualTo("0");
                generations += Long.parseLong(outcome.group(1));
            }
        } finally {
            processes.forEach(Process::destroyForcibly); // only matters when an assertion failed midway
        }
        assertThat(generations).as("generations in both JVMs together").isEqualTo(1);
        assertThat(cache.resolve(DatasetSpec.of(GenerationConfig.builder().size("2MB").seed(41).build()).id()))
                .isDirectory();
    }

    /** Skips what the JVM may print first (such as "Picked up JAVA_TOOL_OPTIONS"). */
    private static void awaitReady(BufferedReader output) throws IOException {
        StringBuilder before = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals("ready")) {
                return;
            }
            before.append(line).append('\n');
        }
        throw new AssertionError("the JVM ended before it was ready:\n" + before);
    }

    private static String lastLine(BufferedReader output) throws IOException {
        StringBuilder all = new StringBuilder();
        String last = "";
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            all.append(line).append('\n');
            last = line;
        }
        return OUTCOME.matcher(last).matches() ? last : all.toString();
    }
}
