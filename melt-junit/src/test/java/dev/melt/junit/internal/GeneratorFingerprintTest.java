package dev.melt.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.MeltGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorFingerprintTest {

    @Test
    void aReleaseVersionIsItsOwnIdentity(@TempDir Path code) {
        assertThat(GeneratorFingerprint.compute("1.2.0", code)).isEqualTo("1.2.0");
    }

    @Test
    void aSnapshotIsIdentifiedByItsCodeSoAChangedBuildGetsAnotherKey(@TempDir Path code) throws IOException {
        Files.createDirectories(code.resolve("dev/melt"));
        Files.write(code.resolve("dev/melt/A.class"), new byte[] {1, 2, 3});
        Files.write(code.resolve("dev/melt/B.class"), new byte[] {4});
        String first = GeneratorFingerprint.compute("0.1.0-SNAPSHOT", code);
        assertThat(first).matches("0\\.1\\.0-SNAPSHOT\\+sha256:[0-9a-f]{64}");
        assertThat(GeneratorFingerprint.compute("0.1.0-SNAPSHOT", code)).as("same code, same identity").isEqualTo(first);

        Files.write(code.resolve("dev/melt/B.class"), new byte[] {5});
        assertThat(GeneratorFingerprint.compute("0.1.0-SNAPSHOT", code)).as("changed class").isNotEqualTo(first);
    }

    @Test
    void aSnapshotJarIsHashedWhole(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("melt-generator.jar"), new byte[] {7, 7});
        String first = GeneratorFingerprint.compute("0.1.0-SNAPSHOT", jar);
        Files.write(jar, new byte[] {7, 8});
        assertThat(GeneratorFingerprint.compute("0.1.0-SNAPSHOT", jar)).isNotEqualTo(first);
    }

    @Test
    void theCacheKeyCarriesTheIdentityOfTheGeneratorOnTheClassPath() {
        String key = DatasetSpec.of(GenerationConfig.defaults()).key();
        assertThat(key).startsWith("melt-generator " + GeneratorFingerprint.current() + "; ");
        if (MeltGenerator.version().endsWith("-SNAPSHOT")) {
            assertThat(GeneratorFingerprint.current()).contains("+sha256:");
        }
    }
}
