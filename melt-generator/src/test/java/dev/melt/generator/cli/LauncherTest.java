package dev.melt.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Checks the {@code melt} launcher at the repository root against the code it tunes. */
class LauncherTest {

    private static final Pattern DONT_INLINE = Pattern.compile("dontinline,([\\w.$]+)::(\\w+)");

    @Test
    void everyMethodTheLauncherKeepsOutOfLineExists() throws IOException, ClassNotFoundException {
        // A JIT directive naming a method that was renamed or moved is silently ignored by the JVM.
        String launcher = Files.readString(Path.of("..", "melt"));
        Matcher m = DONT_INLINE.matcher(launcher);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Class<?> type = Class.forName(m.group(1));
            String name = m.group(2);
            assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                    .as("methods of %s named in the launcher", type.getName())
                    .contains(name);
            checked.add(type.getSimpleName() + "::" + name);
        }
        assertThat(checked).contains("JsonBuffer::number", "JsonBuffer::decimal", "JsonBuffer::newSecond",
                "JsonBuffer::hex16", "LineWriter::endLine", "LogWriter::begin", "SpanWriter::begin", "HostTimeline::fill",
                "FleetModel::evaluate");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void compilerThreadsGetTheirPriorityOnlyWhereTheJvmAllowsIt(@TempDir Path temp) throws Exception {
        // The launcher in a copy of the repository's layout, with stand-ins for the commands it
        // runs: java prints the options it was given, id and uname answer as told.
        Files.copy(Path.of("..", "melt"), temp.resolve("melt"));
        Path target = Files.createDirectories(temp.resolve("melt-generator/target"));
        Files.createFile(target.resolve("melt-generator-0.0.0-cli.jar"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        script(bin.resolve("java"), "echo \"$@\"");
        script(bin.resolve("id"), "echo \"$FAKE_UID\"");
        script(bin.resolve("uname"), "echo \"$FAKE_OS\"");

        assertThat(launch(temp, "0", "Linux", "")).contains("-XX:ThreadPriorityPolicy=1");
        assertThat(launch(temp, "1000", "Linux", "")).doesNotContain("ThreadPriorityPolicy");
        assertThat(launch(temp, "0", "Darwin", "")).doesNotContain("ThreadPriorityPolicy");
        assertThat(launch(temp, "0", "Linux", "-XX:ThreadPriorityPolicy=0"))
                .doesNotContain("ThreadPriorityPolicy=1")
                .contains("-XX:ThreadPriorityPolicy=0");
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String launch(Path root, String uid, String os, String javaOpts) throws Exception {
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
