package dev.melt.generator.openmetrics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Debian's {@code promtool} and {@code prometheus} on {@code PATH} and runs them. Outside CI
 * (no {@code CI} variable) a missing binary skips the test; in CI it fails it, so the check of
 * the OpenMetrics output against the real tools cannot silently vanish.
 */
final class PrometheusTools {

    private PrometheusTools() {
    }

    /** The result of a run: exit code and both outputs. */
    record Run(int exit, String stdout, String stderr) {
    }

    /**
     * Returns the path of a binary, or skips (outside CI) or fails (in CI) the test.
     *
     * @param name {@code promtool} or {@code prometheus}
     * @return its path
     */
    static String require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String ci = System.getenv("CI");
        if (ci == null || ci.isEmpty()) {
            Assumptions.abort(name + " is not installed (run .ci/install-test-tools.sh); skipped outside CI");
        }
        throw new AssertionError("CI is set but " + name + " is not on PATH: run .ci/install-test-tools.sh");
    }

    /**
     * Runs a command to its end, within two minutes.
     *
     * @param work a scratch directory for the outputs
     * @param stdin a file for standard input, or {@code null}
     * @param command the command
     * @return exit code and outputs
     */
    static Run run(Path work, Path stdin, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder b = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            b.redirectInput(stdin.toFile());
        }
        Process p = b.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 120 s: " + new ArrayList<>(List.of(command)));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
