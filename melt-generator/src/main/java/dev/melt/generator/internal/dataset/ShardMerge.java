package dev.melt.generator.internal.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.Manifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the shard directories of one dataset into a dataset directory: every file is the
 * shards' parts in shard order (the OpenMetrics file interleaved metric by metric, with the
 * families' metadata and {@code # EOF} once), each shard's file checked against the checksum of
 * its {@code shard.json} while it is read; the ground truth, the same in every shard, is copied;
 * and the manifest is the one a single run writes. The output is claimed, staged and committed as
 * {@link DatasetWriter} does for a run: until the manifest is there, it is not a dataset.
 */
public final class ShardMerge {

    private static final int BUFFER = 1 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShardMerge() {
    }

    /** One shard directory: its manifest, its part, and its {@code shard.json}'s spec. */
    private record Shard(Path directory, Manifest manifest, ShardPart part, JsonNode tree) {
    }

    /**
     * Merges shards.
     *
     * @param shards every shard directory of one dataset, in any order
     * @param directory the output, absent or empty
     * @return the manifest written
     * @throws IllegalArgumentException naming the bad shard or output and what is accepted
     * @throws IOException when reading or writing fails, or a file does not match its checksum
     */
    public static Manifest merge(List<Path> shards, Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("shards: none given; expected the directories of shards 0 to n - 1"
                    + " written by generate --shard i/n");
        }
        List<Shard> read = new ArrayList<>();
        for (Path p : shards) {
            read.add(read(p));
        }
        Shard[] ordered = order(read);
        DatasetWriter.checkTarget(directory);
        try (DatasetWriter writer = DatasetWriter.create(directory, EnumSet.noneOf(DatasetFormat.class), null)) {
            Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
            Manifest first = ordered[0].manifest();
            for (Map.Entry<String, Manifest.FileEntry> f : first.files().entrySet()) {
                String name = f.getKey();
                Path target = writer.staging().resolve(name);
                Manifest.FileEntry entry;
                if (name.equals(DatasetWriter.GROUND_TRUTH)) {
                    entry = groundTruth(ordered, target);
                } else if (f.getValue().format() == DatasetFormat.OPENMETRICS) {
                    entry = openMetrics(ordered, name, target);
                } else {
                    entry = concatenate(ordered, name, f.getValue().format(), target);
                }
                files.put(name, entry);
            }
            Manifest manifest = new Manifest(first.formatVersion(), first.generatorVersion(), first.seed(),
                    first.spec(), first.start(), first.end(), files, first.trafficScale());
            writer.commitFiles(manifest);
            return manifest;
        }
    }

    private static Shard read(Path directory) throws IOException {
        Path file = directory.resolve(ShardPart.FILE);
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("shard: " + directory + " is not accepted: it is not a directory"
                    + "; expected a shard directory written by generate --shard i/n");
        }
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            String what = Files.exists(directory.resolve(DatasetWriter.MANIFEST)) ? "it is a whole dataset"
                    : Files.isDirectory(directory) ? "it has no " + ShardPart.FILE : "it is not a directory";
            throw new IllegalArgumentException("shard: " + directory + " is not accepted: " + what
                    + "; expected a shard directory written by generate --shard i/n");
        }
        try {
            return new Shard(directory, DatasetJson.readManifest(json), DatasetJson.readShard(json),
                    MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("shard: " + file + " is not accepted: " + e.getMessage()
                    + "; expected the shard.json generate --shard i/n writes", e);
        }
    }

    /** Checks that the shards are every shard of one dataset, once each; @return them in shard order */
    private static Shard[] order(List<Shard> shards) {
        Shard first = shards.get(0);
        int count = first.part().count();
        Shard[] ordered = new Shard[count];
        for (Shard s : shards) {
            if (s.part().count() != count || s.part().chunks() != first.part().chunks()
                    || !s.tree().get("spec").equals(first.tree().get("spec"))
                    || s.manifest().seed() != first.manifest().seed()
                    || !s.manifest().generatorVersion().equals(first.manifest().generatorVersion())
                    || !s.manifest().files().keySet().equals(first.manifest().files().keySet())) {
                throw new IllegalArgumentException("shard: " + s.directory() + " is not accepted: it is shard "
                        + label(s.part()) + " of another dataset than " + first.directory() + " (shard "
                        + label(first.part()) + "); expected shards of one spec, seed, version and formats");
            }
            int i = s.part().index();
            if (ordered[i] != null) {
                throw new IllegalArgumentException("shard: " + s.directory() + " is not accepted: it is shard "
                        + label(s.part()) + ", as " + ordered[i].directory() + " is; expected each shard once");
            }
            ordered[i] = s;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (ordered[i] == null) {
                missing.add(i + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shards: " + String.join(", ", missing) + " missing; expected every"
                    + " shard 0/" + count + " to " + (count - 1) + "/" + count + " once");
        }
        return ordered;
    }

    private static String label(ShardPart p) {
        return p.index() + "/" + p.count();
    }

    /** The ground truth: the same file in every shard. */
    private static Manifest.FileEntry groundTruth(Shard[] shards, Path target) throws IOException {
        Manifest.FileEntry entry = shards[0].manifest().files().get(DatasetWriter.GROUND_TRUTH);
        for (Shard s : shards) {
            Manifest.FileEntry e = s.manifest().files().get(DatasetWriter.GROUND_TRUTH);
            if (!e.sha256().equals(entry.sha256())) {
                throw new IllegalArgumentException("shard: " + s.directory() + " is not accepted: its "
                        + DatasetWriter.GROUND_TRUTH + " differs from that of " + shards[0].directory()
                        + "; expected shards of one dataset");
            }
        }
        return copy(shards, DatasetWriter.GROUND_TRUTH, null, target, true);
    }

    private static Manifest.FileEntry concatenate(Shard[] shards, String name, DatasetFormat format, Path target)
            throws IOException {
        return copy(shards, name, format, target, false);
    }

    /** Writes the shards' files one after the other (or the first's alone), checking each. */
    private static Manifest.FileEntry copy(Shard[] shards, String name, DatasetFormat format, Path target,
                                           boolean firstOnly) throws IOException {
        MessageDigest digest = DatasetWriter.sha256();
        byte[] buffer = new byte[BUFFER];
        long records = 0;
        long bytes = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Shard s : shards) {
                Manifest.FileEntry e = s.manifest().files().get(name);
                MessageDigest own = DatasetWriter.sha256();
                Path source = s.directory().resolve(name);
                long length = 0;
                try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                    int n;
                    while ((n = in.read(ByteBuffer.wrap(buffer))) > 0) {
                        own.update(buffer, 0, n);
                        DatasetWriter.hashAndWrite(digest, out, buffer, n, BUFFER);
                        length += n;
                    }
                }
                check(source, e, own, length);
                records += e.records();
                bytes += length;
                if (firstOnly) {
                    break;
                }
            }
        }
        return new Manifest.FileEntry(records, bytes, hex(digest.digest()), format);
    }

    /**
     * Interleaves the shards' OpenMetrics files: for each family its metadata (the first
     * shard's), then for each metric its samples from every shard in turn; then {@code # EOF}.
     */
    private static Manifest.FileEntry openMetrics(Shard[] shards, String name, Path target) throws IOException {
        long[][] layout = shards[0].part().openMetricsSegments();
        for (Shard s : shards) {
            Path source = s.directory().resolve(name);
            long[][] seg = s.part().openMetricsSegments();
            long size = Files.size(source);
            if (seg == null || layout == null || seg.length != layout.length || seg[0].length != layout[0].length
                    || seg[seg.length - 1][1] != size) {
                throw new IllegalArgumentException("shard: " + s.directory() + " is not accepted: its " + ShardPart.FILE
                        + " does not describe its " + name + "; expected the files generate --shard i/n writes");
            }
            // Checked whole first: the merge reads it part by part.
            MessageDigest own = DatasetWriter.sha256();
            byte[] buffer = new byte[BUFFER];
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                int n;
                while ((n = in.read(ByteBuffer.wrap(buffer))) > 0) {
                    own.update(buffer, 0, n);
                }
            }
            check(source, s.manifest().files().get(name), own, size);
        }
        MessageDigest digest = DatasetWriter.sha256();
        long records = 0;
        long bytes = 0;
        FileChannel[] in = new FileChannel[shards.length];
        byte[] buffer = new byte[BUFFER];
        int families = layout.length - 1;
        int perFamily = layout[0].length;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < shards.length; i++) {
                in[i] = FileChannel.open(shards[i].directory().resolve(name), StandardOpenOption.READ);
                records += shards[i].manifest().files().get(name).records();
            }
            for (int f = 0; f < families; f++) {
                for (int k = 0; k < perFamily; k++) {
                    // The family's metadata once, from the first shard; each metric from every shard.
                    for (int i = 0; i < (k == 0 ? 1 : shards.length); i++) {
                        long[][] seg = shards[i].part().openMetricsSegments();
                        long to = k + 1 < perFamily ? seg[f][k + 1] : seg[f + 1][0];
                        bytes += transfer(in[i], seg[f][k], to, out, digest, buffer);
                    }
                }
            }
            long[] eof = shards[0].part().openMetricsSegments()[families];
            bytes += transfer(in[0], eof[0], eof[1], out, digest, buffer);
        } finally {
            for (FileChannel c : in) {
                if (c != null) {
                    c.close();
                }
            }
        }
        return new Manifest.FileEntry(records, bytes, hex(digest.digest()), DatasetFormat.OPENMETRICS);
    }

    private static long transfer(FileChannel in, long from, long to, FileChannel out, MessageDigest digest,
                                 byte[] buffer) throws IOException {
        long position = from;
        while (position < to) {
            int n = (int) Math.min(buffer.length, to - position);
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                if (in.read(b, position + b.position()) < 0) {
                    throw new IOException(in + ": ended early");
                }
            }
            DatasetWriter.hashAndWrite(digest, out, buffer, n, BUFFER);
            position += n;
        }
        return to - from;
    }

    private static void check(Path source, Manifest.FileEntry entry, MessageDigest digest, long length)
            throws IOException {
        String sha = hex(digest.digest());
        if (length != entry.bytes() || !sha.equals(entry.sha256())) {
            throw new IOException(source + ": does not match its shard.json (" + length + " bytes, sha256 " + sha
                    + "; shard.json says " + entry.bytes() + " bytes, sha256 " + entry.sha256()
                    + "); the shard was changed or cut short: generate it again");
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
