package dev.melt.junit.internal;

import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides whether a cached dataset is intact before a test sees it.
 *
 * <p>The full check recomputes every file's SHA-256 against the manifest; for a 100MB dataset
 * that reads 100MB, which would make a cache hit cost as much as a fast regeneration. So when a
 * dataset is stored, the size and modification time of each of its files are recorded in a
 * stamp beside it (not inside: the dataset directory holds exactly what the generator wrote);
 * the quick check compares them and falls back to the full check on any difference. A full
 * check that passes writes a fresh stamp, so a touched but intact entry is rehashed once.
 * Files are read-only, so changing one takes a deliberate chmod and write, and any write moves
 * the modification time (or the size): truncation, deletion, appends and edits are all caught.
 */
final class EntryIntegrity {

    static final String MANIFEST = "manifest.json";

    private EntryIntegrity() {
    }

    /** Records the size and modification time of every file of an intact dataset. */
    static void stamp(Path entry, Path stampFile, Manifest manifest) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : new TreeSet<>(fileNames(manifest))) {
            Path file = entry.resolve(name);
            lines.add(name + "\t" + Files.size(file) + "\t" + Files.getLastModifiedTime(file).toMillis());
        }
        Files.write(stampFile, lines, StandardCharsets.UTF_8);
    }

    /**
     * Opens a cached dataset if it is intact. The caller holds the entry's lock.
     *
     * @param entry the entry directory
     * @param stampFile the entry's stamp, rewritten when a full check passes
     * @param full whether to recompute checksums even when the stamp matches
     * @return the opened dataset, or empty when it is missing, incomplete or damaged
     */
    static Optional<MeltData> open(Path entry, Path stampFile, boolean full) {
        if (!Files.isDirectory(entry) || !Files.isRegularFile(entry.resolve(MANIFEST))) {
            return Optional.empty();
        }
        MeltData data;
        try {
            data = MeltData.open(entry);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        try {
            if (!full && stampMatches(entry, stampFile, data.manifest())) {
                return Optional.of(data);
            }
            if (!checksumsMatch(entry, data.manifest())) {
                return Optional.empty();
            }
            stamp(entry, stampFile, data.manifest());
            return Optional.of(data);
        } catch (IOException | UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }

    private static List<String> fileNames(Manifest manifest) {
        List<String> names = new ArrayList<>(manifest.files().keySet());
        names.add(MANIFEST);
        return names;
    }

    private static boolean stampMatches(Path entry, Path stampFile, Manifest manifest) throws IOException {
        if (!Files.isRegularFile(stampFile)) {
            return false;
        }
        Map<String, String> stamped = new HashMap<>();
        for (String line : Files.readAllLines(stampFile, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                stamped.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        List<String> names = fileNames(manifest);
        if (!stamped.keySet().equals(new HashSet<>(names))) {
            return false;
        }
        for (String name : names) {
            Path file = entry.resolve(name);
            if (!Files.isRegularFile(file)) {
                return false;
            }
            String now = Files.size(file) + "\t" + Files.getLastModifiedTime(file).toMillis();
            if (!now.equals(stamped.get(name))) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumsMatch(Path entry, Manifest manifest) throws IOException {
        for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
            Path file = entry.resolve(e.getKey());
            if (!Files.isRegularFile(file) || Files.size(file) != e.getValue().bytes()
                    || !Sha256.of(file).equalsIgnoreCase(e.getValue().sha256())) {
                return false;
            }
        }
        return true;
    }
}
