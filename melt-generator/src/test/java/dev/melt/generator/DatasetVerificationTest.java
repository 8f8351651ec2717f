package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link MeltData#open} and {@link MeltData#verify()} find in a damaged dataset. */
class DatasetVerificationTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void generate() throws IOException {
        dir = temp.resolve("data");
        new MeltGenerator(GenerationConfig.builder().size("300KB").seed(11).build()).threads(1).generate(dir);
    }

    @Test
    void anIntactDatasetOpensAndVerifies() throws IOException {
        MeltData.open(dir).verify();
    }

    @Test
    void openNamesADeletedFile() throws IOException {
        Files.delete(dir.resolve("metrics.jsonl"));
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("metrics.jsonl").toString()).hasMessageContaining("missing");
    }

    @Test
    void openNamesATruncatedFile() throws IOException {
        Path logs = dir.resolve("logs.jsonl");
        try (RandomAccessFile f = new RandomAccessFile(logs.toFile(), "rw")) {
            f.setLength(f.length() - 1);
        }
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(logs + ": has ").hasMessageContaining("truncated or altered");
    }

    @Test
    void openNamesAManifestWithoutAnEntryForAFile() throws IOException {
        Path manifest = dir.resolve("manifest.json");
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        // The entries are written in name order: drop the one of events.jsonl.
        String edited = json.replaceFirst("\"events\\.jsonl\"\\s*:\\s*\\{[^}]*\\}\\s*,", "");
        assertThat(edited).isNotEqualTo(json);
        Files.writeString(manifest, edited, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(IOException.class)
                .hasMessage(manifest + ": lists no entry for events.jsonl; the manifest is incomplete or was edited");
    }

    @Test
    void verifyFindsOneChangedByteWithSizeAndMtimeRestored() throws IOException {
        Path metrics = dir.resolve("metrics.jsonl");
        FileTime mtime = Files.getLastModifiedTime(metrics);
        try (RandomAccessFile f = new RandomAccessFile(metrics.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b == '7' ? '8' : '7');
        }
        Files.setLastModifiedTime(metrics, mtime);
        MeltData data = MeltData.open(dir);
        assertThatThrownBy(data::verify).isInstanceOf(IOException.class)
                .hasMessageStartingWith(metrics + ": SHA-256 is ").hasMessageEndingWith("the file was altered");
    }
}
