package dev.melt.generator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code chromium} headless on a local file. Outside CI (no {@code CI} variable) a
 * missing chromium skips the test; in CI it fails it, so the browser check cannot silently vanish.
 */
final class HeadlessChromium {

    private final String binary;

    private HeadlessChromium(String binary) {
        this.binary = binary;
    }

    /** @return the browser, or a skipped test (not in CI) or a failure (in CI) when there is none */
    static HeadlessChromium require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new HeadlessChromium(p.toString());
                }
            }
        }
        String ci = System.getenv("CI");
        if (ci == null || ci.isEmpty()) {
            Assumptions.abort("chromium is not installed (run .ci/install-test-tools.sh); skipped outside CI");
        }
        throw new AssertionError("CI is set but chromium is not on PATH: run .ci/install-test-tools.sh");
    }

    /**
     * Loads the page, lets its scripts run, and returns the DOM as serialised by the browser.
     *
     * @param page the HTML file
     * @param work a scratch directory for the browser profile
     * @return the DOM
     */
    String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("dom.html");
        run(work, out, "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /**
     * Takes a screenshot of the page.
     *
     * @param page the HTML file
     * @param png where the PNG goes
     * @param work a scratch directory for the browser profile
     * @param width the window width
     * @param height the window height
     */
    void screenshot(Path page, Path png, Path work, int width, int height) throws IOException, InterruptedException {
        run(work, work.resolve("screenshot.log"), "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private void run(Path work, Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(work.resolve("chromium-stderr.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": "
                    + Files.readString(work.resolve("chromium-stderr.log")));
        }
    }
}
