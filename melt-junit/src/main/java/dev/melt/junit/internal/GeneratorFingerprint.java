package dev.melt.junit.internal;

import dev.melt.generator.MeltGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Identifies the generator's code, so that a cache entry is never served by a generator that
 * would write other bytes. A release version is its own identity. A {@code -SNAPSHOT} version
 * is not — every build of a branch calls itself {@code 0.1.0-SNAPSHOT} — so for snapshots the
 * identity also holds the SHA-256 of the generator's code: its jar, or the class files of its
 * output directory when it runs from a build tree.
 */
public final class GeneratorFingerprint {

    private GeneratorFingerprint() {
    }

    private static final class Holder {
        static final String CURRENT = compute(MeltGenerator.version(), codeLocation());
    }

    /**
     * Returns the identity of the generator on the class path, computed once per JVM.
     *
     * @return the version, followed for a snapshot by {@code +sha256:<hex>} of its code
     */
    public static String current() {
        return Holder.CURRENT;
    }

    /**
     * Computes the identity of a generator version whose code lives at a location.
     *
     * @param version the generator version
     * @param code the jar or class directory, or {@code null} when unknown
     * @return the identity
     */
    static String compute(String version, Path code) {
        if (!version.endsWith("-SNAPSHOT")) {
            return version;
        }
        if (code == null) {
            // Without a code location there is nothing to tell builds apart: never share entries.
            return version + "+unknown-code-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        }
        return version + "+sha256:" + digest(code);
    }

    private static Path codeLocation() {
        CodeSource source = MeltGenerator.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** SHA-256 of a file, or of a directory's files (relative path and bytes, in path order). */
    static String digest(Path code) {
        try {
            MessageDigest sha = Sha256.newDigest();
            if (Files.isDirectory(code)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(code)) {
                    files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
                }
                for (Path file : files) {
                    sha.update(code.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    Sha256.update(sha, file);
                }
            } else {
                Sha256.update(sha, code);
            }
            return Sha256.hex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the generator's code at " + code, e);
        }
    }
}
