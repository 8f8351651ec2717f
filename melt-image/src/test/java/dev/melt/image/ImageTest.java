package dev.melt.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib writes to {@code target/jib-test-image.tar} before the tests (a Docker
 * image archive: {@code manifest.json}, {@code config.json}, one gzipped tar per layer): its entry
 * point runs the CLI, and its files are the CLI jar and what it needs, which run melt.
 */
class ImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TAR = Path.of("target", "jib-test-image.tar");
    private static final String VERSION = System.getProperty("melt.version", "0.1.0-SNAPSHOT");

    /** Every file of the image's layers, by path, in layer order. */
    static final Map<String, byte[]> FILES = new LinkedHashMap<>();
    static JsonNode manifest;
    static JsonNode config;

    @BeforeAll
    static void readImage() throws IOException {
        assertThat(TAR).as("built by jib:buildTar in process-test-classes").exists();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(TAR))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    entries.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        config = JSON.readTree(entries.get(manifest.get("Config").asText()));
        for (JsonNode layer : manifest.get("Layers")) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                    new java.io.ByteArrayInputStream(entries.get(layer.asText()))))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (e.isFile()) {
                        FILES.put("/" + e.getName(), tar.readAllBytes());
                    }
                }
            }
        }
    }

    @Test
    void theEntryPointRunsTheCli() {
        List<String> entrypoint = new ArrayList<>();
        config.get("config").get("Entrypoint").forEach(n -> entrypoint.add(n.asText()));
        assertThat(entrypoint).containsExactly("java", "-cp", "@/app/jib-classpath-file", "dev.melt.cli.MeltCli");
        assertThat(config.get("config").get("Cmd")).isNull();
        assertThat(config.get("config").get("WorkingDir").asText()).isEqualTo("/data");
        assertThat(config.get("config").get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("melt");
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo("melt:" + VERSION);
        assertThat(config.get("os").asText()).isEqualTo("linux");
    }

    @Test
    void theImageHoldsTheCliJarOnItsClassPath() throws IOException {
        String cliJar = "/app/libs/melt-cli-" + VERSION + ".jar";
        assertThat(FILES).containsKey(cliJar).containsKey("/app/libs/melt-generator-" + VERSION + ".jar");
        String classPath = new String(FILES.get("/app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
        assertThat(classPath.split(":")).contains(cliJar);
        assertThat(new String(FILES.get("/app/jib-main-class-file"), StandardCharsets.UTF_8).trim())
                .isEqualTo("dev.melt.cli.MeltCli");
        try (java.util.jar.JarInputStream jar = new java.util.jar.JarInputStream(
                new java.io.ByteArrayInputStream(FILES.get(cliJar)))) {
            boolean main = false;
            java.util.jar.JarEntry e;
            while ((e = jar.getNextJarEntry()) != null) {
                main |= e.getName().equals("dev/melt/cli/MeltCli.class");
            }
            assertThat(main).as("MeltCli in " + cliJar).isTrue();
        }
    }

    /** The image's files, laid out in a directory, run melt with the image's class path. */
    @Test
    void theImagesFilesRunMelt(@TempDir Path root) throws Exception {
        for (Map.Entry<String, byte[]> f : FILES.entrySet()) {
            Path p = root.resolve(f.getKey().substring(1));
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        String classPath = new String(FILES.get("/app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
        StringBuilder local = new StringBuilder();
        for (String entry : classPath.split(":")) {
            local.append(local.length() == 0 ? "" : java.io.File.pathSeparator).append(root.resolve(entry.substring(1)));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", local.toString(), "dev.melt.cli.MeltCli", "--help")
                .redirectErrorStream(true).start();
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Usage: melt", "generate", "merge", "info");
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
