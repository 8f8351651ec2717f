package dev.melt.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the JVM options the {@code melt} launcher at the repository root passes: it runs a copy of
 * the launcher in the repository's layout, with stand-ins for the commands it runs ({@code java}
 * prints the options it was given, {@code id} and {@code uname} answer as told).
 */
@EnabledOnOs(OS.LINUX)
class LauncherTest {

    @TempDir
    Path root;

    @BeforeEach
    void copyTheLauncherWithStandIns() throws IOException {
        Files.copy(Path.of("..", "melt"), root.resolve("melt"));
        Path target = Files.createDirectories(root.resolve("melt-generator/target"));
        Files.createFile(target.resolve("melt-generator-0.0.0-cli.jar"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        script(bin.resolve("java"), "echo \"$@\"");
        script(bin.resolve("id"), "echo \"$FAKE_UID\"");
        script(bin.resolve("uname"), "echo \"$FAKE_OS\"");
    }

    @Test
    void compilerThreadsGetTheirPriorityOnlyWhereTheJvmAllowsIt() throws Exception {
        assertThat(launch("0", "Linux", "")).contains("-XX:ThreadPriorityPolicy=1");
        assertThat(launch("1000", "Linux", "")).doesNotContain("ThreadPriorityPolicy");
        assertThat(launch("0", "Darwin", "")).doesNotContain("ThreadPriorityPolicy");
        assertThat(launch("0", "Linux", "-XX:ThreadPriorityPolicy=0"))
                .doesNotContain("ThreadPriorityPolicy=1")
                .contains("-XX:ThreadPriorityPolicy=0");
    }

    @Test
    void hotCallSitesInlineOnlySmallMethodsUnlessTheUserSaysOtherwise() throws Exception {
        assertThat(launch("1000", "Linux", "")).contains("-XX:FreqInlineSize=50");
        assertThat(launch("0", "Darwin", "-Xmx64m"))
                .contains("-XX:FreqInlineSize=50")
                .contains("-Xmx64m");
        assertThat(launch("1000", "Linux", "-XX:FreqInlineSize=325"))
                .doesNotContain("FreqInlineSize=50")
                .contains("-XX:FreqInlineSize=325");
    }

    @Test
    void theUsersOptionsComeAfterTheLaunchersSoTheirsWin() throws Exception {
        // HotSpot takes the last of repeated options: a collector or heap size in MELT_JAVA_OPTS
        // must follow what the launcher adds.
        String options = launch("0", "Linux", "-XX:+UseSerialGC -Xmx64m");
        assertThat(options).doesNotContain("UseParallelGC");
        assertThat(options.indexOf("-Xmx64m")).isGreaterThan(options.indexOf("-XX:FreqInlineSize=50"));
        assertThat(options.indexOf("-jar")).isGreaterThan(options.indexOf("-Xmx64m"));
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String launch(String uid, String os, String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("melt").toString(), "--version");
        Map<String, String> env = pb.environment();
        env.put("PATH", root.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("FAKE_UID", uid);
        env.put("FAKE_OS", os);
        env.put("MELT_JAVA_OPTS", javaOpts);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("the launcher ran the stand-in java").contains("-jar");
        return output;
    }
}
