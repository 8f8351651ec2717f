package dev.melt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks what the {@code melt} launcher at the repository root runs: it runs a copy of the launcher
 * in the repository's layout, with a stand-in {@code java} that prints the arguments it was given.
 */
@EnabledOnOs(OS.LINUX)
class LauncherTest {

    @TempDir
    Path root;

    private Path jar;
    private Path bin;

    @BeforeEach
    void copyTheLauncherWithAStandInJava() throws IOException {
        Files.copy(Path.of("..", "melt"), root.resolve("melt"));
        Path target = Files.createDirectories(root.resolve("melt-cli/target"));
        jar = Files.createFile(target.resolve("melt-cli-0.0.0-all.jar"));
        bin = Files.createDirectories(root.resolve("bin"));
        script(bin.resolve("java"), "echo \"$@\"");
    }

    @Test
    void theJvmGetsTheInliningLimitAndTheCollectorThenTheUsersOptionsThenTheJar() throws Exception {
        Run r = launch(Map.of("MELT_JAVA_OPTS", ""));
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).isEqualTo("-XX:FreqInlineSize=50 -XX:+UseParallelGC -jar " + jar + " --version\n");

        Run withOptions = launch(Map.of("MELT_JAVA_OPTS", "-Xmx64m"));
        assertThat(withOptions.output)
                .isEqualTo("-XX:FreqInlineSize=50 -XX:+UseParallelGC -Xmx64m -jar " + jar + " --version\n");

        // A collector or an inlining limit of the user's replaces the launcher's: two collectors
        // would stop the JVM.
        Run theirs = launch(Map.of("MELT_JAVA_OPTS", "-XX:FreqInlineSize=325 -XX:+UseG1GC"));
        assertThat(theirs.output).isEqualTo("-XX:FreqInlineSize=325 -XX:+UseG1GC -jar " + jar + " --version\n");

        // Other GC options tune the launcher's collector; they do not replace it.
        Run tuning = launch(Map.of("MELT_JAVA_OPTS", "-XX:ParallelGCThreads=1 -Xlog:gc"));
        assertThat(tuning.output).isEqualTo("-XX:FreqInlineSize=50 -XX:+UseParallelGC -XX:ParallelGCThreads=1 -Xlog:gc -jar "
                + jar + " --version\n");
    }

    @Test
    void theFirstGenerateSavesTheClassArchiveAndLaterRunsMapIt() throws Exception {
        // A stand-in java that, like the JVM, writes the archive named by -XX:ArchiveClassesAtExit.
        script(bin.resolve("java"), "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*)"
                + " echo archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; done; echo \"$@\"");
        Run info = launch(Map.of(), "--version");
        assertThat(info.output).doesNotContain("Archive").doesNotContain("Shared");

        Run first = launch(Map.of(), "generate");
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).matches("-XX:FreqInlineSize=50 -XX:\\+UseParallelGC -XX:ArchiveClassesAtExit=\\S+\\.jsa\\.\\d+\\.tmp"
                + " -Xlog:cds\\*=off -jar \\S+ generate\n");
        List<Path> archives;
        try (Stream<Path> files = Files.list(jar.getParent())) {
            archives = files.filter(f -> f.toString().endsWith(".jsa")).collect(Collectors.toList());
        }
        assertThat(archives).hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).matches("melt-cli-0\\.0\\.0-all-\\d+\\.jsa");

        Run later = launch(Map.of(), "generate");
        assertThat(later.output).isEqualTo("-XX:FreqInlineSize=50 -XX:+UseParallelGC -XX:SharedArchiveFile=" + archives.get(0)
                + " -Xlog:cds*=off -jar " + jar + " generate\n");

        // A rebuilt jar is another key: a new archive replaces the old one.
        Files.writeString(jar, "rebuilt, larger");
        launch(Map.of(), "generate");
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertThat(files.filter(f -> f.toString().endsWith(".jsa"))).hasSize(1).doesNotContain(archives.get(0));
        }

        Run theirs = launch(Map.of("MELT_JAVA_OPTS", "-Xshare:off"), "generate");
        assertThat(theirs.output).isEqualTo("-XX:FreqInlineSize=50 -XX:+UseParallelGC -Xshare:off -jar " + jar + " generate\n");
    }

    @Test
    void aPathWithSpacesStaysOneArgument() throws Exception {
        Path spaced = Files.createDirectories(root.resolve("my tools/melt"));
        Files.copy(root.resolve("melt"), spaced.resolve("melt"));
        Path target = Files.createDirectories(spaced.resolve("melt-cli/target"));
        Path spacedJar = Files.createFile(target.resolve("melt-cli-0.0.0-all.jar"));
        // Each argument in brackets, so that a split path shows.
        script(bin.resolve("java"), "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*)"
                + " echo archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; printf '[%s]' \"$a\"; done; echo");
        ProcessBuilder pb = new ProcessBuilder("sh", spaced.resolve("melt").toString(), "generate");
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("MELT_JAVA_OPTS");
        pb.redirectErrorStream(true);
        for (int run = 0; run < 2; run++) {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("[-jar][" + spacedJar + "][generate]");
            if (run == 1) {
                assertThat(output).containsPattern("\\[-XX:SharedArchiveFile=[^\\]]*my tools[^\\]]*\\.jsa\\]");
            }
        }
    }

    @Test
    void javaHomeWinsOverPathAndAnUnusableOneFailsLoudly() throws Exception {
        Path home = Files.createDirectories(root.resolve("jdk/bin"));
        script(home.resolve("java"), "echo \"home $@\"");
        assertThat(launch(Map.of("JAVA_HOME", root.resolve("jdk").toString())).output).startsWith("home -XX:FreqInlineSize=50 -XX:+UseParallelGC -jar ");

        Run bad = launch(Map.of("JAVA_HOME", root.resolve("nowhere").toString()));
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.output).isEqualTo("melt: JAVA_HOME is " + root.resolve("nowhere") + " but "
                + root.resolve("nowhere/bin/java") + " is not an executable; unset JAVA_HOME or point it at a JDK 17+\n");
    }

    @Test
    void aMissingOrAmbiguousJarIsALoudError() throws Exception {
        Path second = Files.createFile(jar.resolveSibling("melt-cli-0.0.1-all.jar"));
        Run two = launch(Map.of());
        assertThat(two.exit).isEqualTo(1);
        assertThat(two.output).startsWith("melt: more than one CLI jar").contains(jar.toString(), second.toString());

        Files.delete(second);
        Files.delete(jar);
        Run none = launch(Map.of());
        assertThat(none.exit).isEqualTo(1);
        assertThat(none.output).isEqualTo(
                "melt: the CLI jar is not built; run: mvn -B -q -DskipTests package -pl melt-cli -am\n");
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, String output) {
    }

    private Run launch(Map<String, String> variables) throws Exception {
        return launch(variables, "--version");
    }

    private Run launch(Map<String, String> variables, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("melt").toString(), command);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.remove("JAVA_HOME");
        env.remove("MELT_JAVA_OPTS");
        env.putAll(variables);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }
}
