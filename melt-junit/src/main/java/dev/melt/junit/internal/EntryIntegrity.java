package dev.melt.junit.internal;

import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a cached dataset is intact, and is the dataset of the spec asked for, before a
 * test sees it.
 *
 * <p>When the cache stores a dataset it has just generated, it writes a stamp beside the entry
 * (not inside: the entry holds exactly what the generator wrote): the spec's key, and for every
 * file, {@code manifest.json} included, its size, modification time and SHA-256 as computed while
 * the bytes were written. The entry is then checked against the stamp, never against what its
 * own manifest says about itself: an edited manifest, a missing entry in it, or another spec's
 * dataset under this entry's name is not served.
 *
 * <p>On every acquisition (each run's first use of an entry) the quick check compares the
 * stamp's key with the spec's, each file's size and modification time with the stamp (one
 * {@code stat} per file), and the manifest's spec with the spec; on any difference, or with
 * {@code melt.cache.verify=full}, the full check recomputes every file's SHA-256 against the
 * stamp. A full check that passes writes a fresh stamp, so a touched but intact entry is rehashed
 * once. Files are read-only, but root (a CI container) can write them anyway: any write moves the
 * modification time or the size, which the quick check on every acquisition finds; only a same-
 * size edit whose modification time is set back needs the full check.
 */
final class EntryIntegrity {

    static final String MANIFEST = "manifest.json";
    private static final String KEY = "key";

    private EntryIntegrity() {
    }

    /**
     * Records the spec's key and the size, modification time and SHA-256 of every file of a
     * dataset just generated.
     *
     * @param entry the entry directory
     * @param stampFile where the stamp goes
     * @param spec the spec generated
     * @param manifest the manifest the generator returned: its checksums were computed from the
     *     bytes as they were written
     */
    static void stamp(Path entry, Path stampFile, DatasetSpec spec, Manifest manifest) throws IOException {
        Map<String, String> sha = new LinkedHashMap<>();
        manifest.files().forEach((name, file) -> sha.put(name, file.sha256()));
        sha.put(MANIFEST, Sha256.of(entry.resolve(MANIFEST)));
        write(entry, stampFile, spec, sha);
    }

    private static void write(Path entry, Path stampFile, DatasetSpec spec, Map<String, String> sha)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(KEY + "\t" + spec.key());
        for (String name : new TreeSet<>(sha.keySet())) {
            BasicFileAttributes a = attributes(entry.resolve(name));
            lines.add(name + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis() + "\t" + sha.get(name));
        }
        Files.write(stampFile, lines, StandardCharsets.UTF_8);
    }

    /**
     * Opens a cached dataset if it is intact and of the spec. The caller holds the entry's lock.
     *
     * @param entry the entry directory
     * @param stampFile the entry's stamp, rewritten when a full check passes
     * @param spec the spec asked for
     * @param full whether to recompute checksums even when the stamp matches
     * @return the opened dataset, or empty when it is missing, incomplete, damaged or another spec's
     */
    static Optional<MeltData> open(Path entry, Path stampFile, DatasetSpec spec, boolean full) {
        try {
            if (!attributes(entry).isDirectory() || !Files.isRegularFile(stampFile, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(KEY + "\t" + spec.key())) {
                return Optional.empty();
            }
            Map<String, String[]> stamped = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t");
                if (fields.length != 4) {
                    return Optional.empty();
                }
                stamped.put(fields[0], fields);
            }
            if (!stamped.keySet().equals(expectedFiles())) {
                return Optional.empty();
            }
            boolean quick = !full && statsMatch(entry, stamped);
            if (!quick && !checksumsMatch(entry, stamped)) {
                return Optional.empty();
            }
            MeltData data = MeltData.open(entry);
            Manifest manifest = data.manifest();
            if (!manifest.spec().equals(spec.config()) || manifest.seed() != spec.config().seed()
                    || !manifest.files().keySet().equals(without(stamped.keySet(), MANIFEST))) {
                return Optional.empty();
            }
            for (Map.Entry<String, Manifest.FileEntry> f : manifest.files().entrySet()) {
                if (!f.getValue().sha256().equalsIgnoreCase(stamped.get(f.getKey())[3])) {
                    return Optional.empty();
                }
            }
            if (!quick) {
                Map<String, String> sha = new LinkedHashMap<>();
                stamped.forEach((name, fields) -> sha.put(name, fields[3]));
                write(entry, stampFile, spec, sha);
            }
            return Optional.of(data);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Set<String> expectedFiles() {
        Set<String> names = new TreeSet<>();
        for (Signal s : Signal.values()) {
            names.add(s.fileName());
        }
        names.add("ground_truth.json");
        names.add(MANIFEST);
        return names;
    }

    private static Set<String> without(Set<String> names, String name) {
        Set<String> rest = new TreeSet<>(names);
        rest.remove(name);
        return rest;
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean statsMatch(Path entry, Map<String, String[]> stamped) throws IOException {
        for (String[] fields : stamped.values()) {
            Path file = entry.resolve(fields[0]);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            BasicFileAttributes a = attributes(file);
            if (!a.isRegularFile() || a.size() != Long.parseLong(fields[1])
                    || a.lastModifiedTime().toMillis() != Long.parseLong(fields[2])) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumsMatch(Path entry, Map<String, String[]> stamped) throws IOException {
        for (String[] fields : stamped.values()) {
            Path file = entry.resolve(fields[0]);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || !attributes(file).isRegularFile()
                    || !Sha256.of(file).equalsIgnoreCase(fields[3])) {
                return false;
            }
        }
        return true;
    }
}
