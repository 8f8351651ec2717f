package dev.melt.generator.internal.dataset;

import dev.melt.generator.internal.encode.JsonBuffer;
import dev.melt.generator.internal.encode.OpenMetricsLayout;
import dev.melt.generator.internal.encode.OpenMetricsSamples;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Manifest;
import dev.melt.generator.Signal;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the files of one dataset directory and commits it: signal files are appended chunk by
 * chunk while their SHA-256 is computed on the fly; {@link #commit} then writes
 * {@code ground_truth.json} and, last, {@code manifest.json} through a temporary file and an
 * atomic move. Until then the directory holds no manifest, so it is never taken for a dataset.
 *
 * <p>A run owns its output: {@link #create} claims the directory by creating the marker
 * {@value #CLAIM} with {@code CREATE_NEW} (exactly one run can), checks that nothing else is in
 * it, and writes every file into the staging directory {@value #STAGING} inside it. The commit
 * renames the files into place, manifest last; an abort (a failure, {@link #close} without a
 * commit, or the JVM shutting down on SIGTERM/SIGINT) deletes only the files this writer created,
 * its staging directory and its marker, and the directory when this writer created it.
 */
public final class DatasetWriter implements Closeable {

    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";
    /** The ground truth's file name. */
    public static final String GROUND_TRUTH = "ground_truth.json";
    private static final String MANIFEST_TEMP = "manifest.json.tmp";
    /** The marker of the run that owns a directory; created exclusively, removed after the commit or abort. */
    public static final String CLAIM = ".melt-writing";
    /** The staging directory inside the output, where a run writes its files until the commit. */
    public static final String STAGING = ".melt-staging";
    /**
     * Bytes hashed and written at a time. A chunk's lines are megabytes; in slices this size the
     * JDK's copy into its native buffer and the kernel's copy into the page cache read bytes that
     * hashing the slice has just brought into the CPU's cache, instead of reading the chunk from
     * memory twice more.
     */
    private static final int SLICE = 256 * 1024;
    /** Bytes per call of the digest's {@code update}: see {@link #hash}. */
    private static final int HASH_PIECE = 4096;

    private final Path directory;
    private final Path staging;
    private final boolean createdDirectory;
    /** Files renamed into the directory by a commit under way, for an abort to take back. */
    private final List<Path> placed = new ArrayList<>();
    private final Thread shutdownHook;
    private final Map<Signal, FileChannel> channels = new EnumMap<>(Signal.class);
    private final Map<Signal, MessageDigest> digests = new EnumMap<>(Signal.class);
    private final Map<Signal, long[]> counts = new EnumMap<>(Signal.class);
    /** The OpenMetrics file, or {@code null} when that format is not written. */
    private OpenMetricsFile openMetrics;
    /** The OTLP JSON files, or {@code null} when that format is not written. */
    private OtlpFiles otlp;
    private long bytesWritten;
    private boolean committed;
    private boolean aborted;

    private DatasetWriter(Path directory, boolean createdDirectory) {
        this.directory = directory;
        this.staging = directory.resolve(STAGING);
        this.createdDirectory = createdDirectory;
        this.shutdownHook = new Thread(this::abortOnShutdown, "melt-abort " + directory);
    }

    /**
     * Claims a directory and opens the signal files in its staging directory.
     *
     * @param directory absent, or an empty directory
     * @return the writer
     * @throws IllegalArgumentException when the path is a file, a non-empty directory, not
     *     writable, or claimed by another run
     * @throws IOException when it cannot be created
     */
    public static DatasetWriter create(Path directory) throws IOException {
        return create(directory, java.util.EnumSet.of(DatasetFormat.JSONL), null);
    }

    /**
     * Claims a directory and opens the files of the given formats in its staging directory.
     *
     * @param directory absent, or an empty directory
     * @param formats the formats to write
     * @param layout the OpenMetrics layout of the plan; required with {@link DatasetFormat#OPENMETRICS}
     * @return the writer
     * @throws IllegalArgumentException when the path is a file, a non-empty directory, not
     *     writable, or claimed by another run
     * @throws IOException when it cannot be created
     */
    public static DatasetWriter create(Path directory, java.util.Set<DatasetFormat> formats,
                                       OpenMetricsLayout layout) throws IOException {
        return create(directory, formats, layout, 0, "");
    }

    /**
     * Claims a directory and opens the files of the given formats in its staging directory.
     *
     * @param directory absent, or an empty directory
     * @param formats the formats to write
     * @param layout the OpenMetrics layout of the plan (its hosts name the OTLP resources);
     *     required with {@link DatasetFormat#OPENMETRICS} and {@link DatasetFormat#OTLP}
     * @param startMillis the dataset's start, the start time of OTLP's cumulative metrics
     * @param version the generator's version, OTLP's instrumentation scope version
     * @return the writer
     * @throws IllegalArgumentException when the path is a file, a non-empty directory, not
     *     writable, or claimed by another run
     * @throws IOException when it cannot be created
     */
    public static DatasetWriter create(Path directory, java.util.Set<DatasetFormat> formats,
                                       OpenMetricsLayout layout, long startMillis, String version)
            throws IOException {
        checkTarget(directory);
        boolean created = false;
        if (!Files.isDirectory(directory)) {
            Path parent = directory.toAbsolutePath().getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(directory);
                created = true;
            } catch (FileAlreadyExistsException e) {
                // Another run made it first: the claim below decides which run owns it.
                if (!Files.isDirectory(directory)) {
                    throw new IllegalArgumentException("output: " + directory + " is not accepted: "
                            + (Files.isSymbolicLink(directory) ? "it is a symbolic link to a missing target"
                            : "it is a file") + "; expected an absent or empty directory");
                }
            } catch (java.nio.file.FileSystemException e) {
                // A path under /proc, a read-only mount: the user can pick another path.
                String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
                throw new IllegalArgumentException("output: " + directory + " is not accepted: a directory cannot be"
                        + " created there (" + e.getFile() + ": " + reason + "); expected a path where a directory can"
                        + " be created", e);
            }
        }
        claim(directory, created);
        DatasetWriter writer = new DatasetWriter(directory, created);
        try {
            Files.createDirectory(writer.staging);
            for (Signal s : Signal.values()) {
                if (formats.contains(DatasetFormat.JSONL)) {
                    writer.channels.put(s, FileChannel.open(writer.staging.resolve(s.fileName()),
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
                }
                writer.digests.put(s, sha256());
                writer.counts.put(s, new long[2]);
            }
            if (formats.contains(DatasetFormat.OPENMETRICS)) {
                writer.openMetrics = new OpenMetricsFile(writer.staging, java.util.Objects.requireNonNull(layout,
                        "layout"));
            }
            if (formats.contains(DatasetFormat.OTLP)) {
                writer.otlp = new OtlpFiles(writer.staging, java.util.Objects.requireNonNull(layout, "layout")
                        .hostNames(), startMillis, version);
            }
            Runtime.getRuntime().addShutdownHook(writer.shutdownHook);
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
        return writer;
    }

    /**
     * Creates the marker exclusively, then checks that the directory holds nothing else: a run
     * that committed before us, or a user's file, makes it not empty.
     */
    private static void claim(Path directory, boolean created) throws IOException {
        Path marker = directory.resolve(CLAIM);
        try {
            Files.write(marker, ("process " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw claimed(directory);
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            empty = true;
            for (Path p : entries) {
                if (!p.getFileName().toString().equals(CLAIM)) {
                    empty = false;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            release(marker, directory, created);
            throw e;
        }
        if (!empty) {
            release(marker, directory, created);
            throw new IllegalArgumentException("output: " + directory
                    + " is not accepted: it is not empty; expected an absent or empty directory");
        }
    }

    private static IllegalArgumentException claimed(Path directory) {
        Path marker = directory.resolve(CLAIM);
        return new IllegalArgumentException("output: " + directory + " is not accepted: another run is writing it ("
                + holder(marker) + "); expected an absent or empty directory; if no run is writing it, delete "
                + marker + " and " + directory.resolve(STAGING));
    }

    private static String holder(Path marker) {
        try {
            String text = Files.readString(marker, StandardCharsets.UTF_8).trim();
            String[] words = text.split(" ");
            if (words.length >= 2 && words[0].equals("process")) {
                boolean alive = ProcessHandle.of(Long.parseLong(words[1])).map(ProcessHandle::isAlive).orElse(false);
                return text + (alive ? "" : ", which is no longer running");
            }
            return marker + " exists";
        } catch (IOException | RuntimeException e) {
            return marker + " exists";
        }
    }

    private static void release(Path marker, Path directory, boolean created) {
        try {
            Files.deleteIfExists(marker);
            if (created) {
                Files.deleteIfExists(directory);
            }
        } catch (IOException ignored) {
            // Best effort: the marker only keeps other runs out.
        }
    }

    /**
     * Checks that a path can take a new dataset.
     *
     * @param directory the output path
     * @throws IllegalArgumentException naming the path and the problem
     * @throws IOException when the directory cannot be listed
     */
    public static void checkTarget(Path directory) throws IOException {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("output: " + directory
                        + " is not accepted: it is a file; expected an absent or empty directory");
            }
            if (Files.exists(directory.resolve(CLAIM), LinkOption.NOFOLLOW_LINKS)) {
                throw claimed(directory);
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                if (entries.iterator().hasNext()) {
                    throw new IllegalArgumentException("output: " + directory
                            + " is not accepted: it is not empty; expected an absent or empty directory");
                }
            }
            if (!Files.isWritable(directory)) {
                throw new IllegalArgumentException("output: " + directory
                        + " is not accepted: it is not writable; expected a writable directory");
            }
        } else {
            Path parent = directory.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null && (!Files.isDirectory(parent) || !Files.isWritable(parent))) {
                throw new IllegalArgumentException("output: " + directory + " is not accepted: " + parent
                        + (Files.isDirectory(parent) ? " is not writable" : " is a file")
                        + "; expected a path where a directory can be created");
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the directory */
    public Path directory() {
        return directory;
    }

    /** @return bytes appended to the signal files so far */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Appends lines to a signal file.
     *
     * @param signal the signal
     * @param lines the encoded lines
     * @param records how many lines they are
     * @throws IOException when writing fails
     */
    public void append(Signal signal, JsonBuffer lines, long records) throws IOException {
        int size = lines.size();
        if (size == 0) {
            return;
        }
        if (!channels.containsKey(signal)) {
            // JSONL is not written; its bytes still count, as the size aims at them.
            bytesWritten += size;
            return;
        }
        try {
            hashAndWrite(digests.get(signal), channels.get(signal), lines.array(), size, SLICE);
        } catch (IOException e) {
            // "No space left on device" names no file: name it.
            throw new IOException(directory.resolve(signal.fileName()) + ": cannot be written: " + e.getMessage(), e);
        }
        long[] c = counts.get(signal);
        c[0] += records;
        c[1] += size;
        bytesWritten += size;
    }

    /**
     * Transcodes one chunk's lines of a signal into its OTLP file, when that format is written;
     * chunks in chunk order. The lines are the generated ones: telemetry faults change the JSONL
     * files only (docs/faults.md).
     *
     * @param signal the signal
     * @param lines the chunk's final JSONL lines of it, before any fault
     * @throws IOException when writing fails
     */
    public void appendOtlp(Signal signal, JsonBuffer lines) throws IOException {
        if (otlp == null) {
            return;
        }
        try {
            otlp.append(signal, lines);
        } catch (IOException e) {
            throw new IOException(directory.resolve(OtlpFiles.fileName(signal)) + ": cannot be written: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Appends one chunk's metric samples to the OpenMetrics file, when that format is written;
     * chunks in chunk order.
     *
     * @param samples the chunk's samples, counters resolved, or {@code null}
     * @throws IOException when writing fails
     */
    public void appendOpenMetrics(OpenMetricsSamples samples) throws IOException {
        if (openMetrics == null || samples == null) {
            return;
        }
        try {
            openMetrics.append(samples);
        } catch (IOException e) {
            throw new IOException(directory.resolve(OpenMetricsFile.NAME) + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Takes in a chunk that is generated but not written, one of the chunks before a shard's own:
     * the OpenMetrics and OTLP encoders keep state from chunk to chunk (the incident each host was
     * in, the start time of each cumulative series), which the chunk's metrics update.
     *
     * @param samples the chunk's metric samples, counters resolved, or {@code null}
     * @param metricLines the chunk's JSONL metric lines
     * @throws IOException never in practice
     */
    public void replay(OpenMetricsSamples samples, JsonBuffer metricLines) throws IOException {
        if (openMetrics != null && samples != null) {
            openMetrics.replay(samples);
        }
        if (otlp != null) {
            otlp.replayMetrics(metricLines);
        }
    }

    /**
     * Hashes bytes and appends them to a file, slice by slice: what {@link #append} does with a
     * chunk's lines, in slices of {@value #SLICE} bytes. Public for the benchmark that compares
     * slice sizes.
     *
     * @param digest the file's digest
     * @param channel the file
     * @param bytes the bytes
     * @param length how many of them, from the first
     * @param slice bytes hashed and written at a time
     * @throws IOException when writing fails
     */
    public static void hashAndWrite(MessageDigest digest, FileChannel channel, byte[] bytes, int length, int slice)
            throws IOException {
        for (int from = 0; from < length; from += slice) {
            int n = Math.min(slice, length - from);
            hash(digest, bytes, from, n);
            ByteBuffer buffer = ByteBuffer.wrap(bytes, from, n);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /**
     * Hashes bytes in updates of {@value #HASH_PIECE} bytes, so that the digest's {@code update}
     * is called often enough to be compiled early in a run (and then hashes whole pieces with the
     * CPU's multi-block routine where it has one); in 256 KB slices that would take some 15,000
     * calls, about 4 GB. The extra calls cost nothing a profile shows.
     */
    private static void hash(MessageDigest digest, byte[] bytes, int from, int length) {
        int end = from + length;
        for (int p = from; p < end; p += HASH_PIECE) {
            digest.update(bytes, p, Math.min(HASH_PIECE, end - p));
        }
    }

    /**
     * Closes the signal files, writes the ground truth and then the manifest.
     *
     * @param spec the spec
     * @param start the first instant of simulated time
     * @param end the end of simulated time
     * @param truthJson the ground truth, encoded by {@link DatasetJson#writeGroundTruth}
     * @param generatorVersion the version written into the manifest
     * @param trafficScale the plan's traffic scale, written into the manifest
     * @return the manifest written
     * @throws IOException when writing fails; no manifest is left then
     */
    public synchronized Manifest commit(GenerationConfig spec, Instant start, Instant end, byte[] truthJson,
            String generatorVersion, double trafficScale) throws IOException {
        return commit(spec, start, end, truthJson, generatorVersion, trafficScale, null);
    }

    /**
     * Closes the files of a shard, writes the ground truth and then, in place of the manifest,
     * {@value ShardPart#FILE}: a shard directory is not a dataset; merging the shards makes one.
     *
     * @param spec the spec
     * @param start the first instant of the dataset's simulated time
     * @param end the end of the dataset's simulated time
     * @param truthJson the ground truth, encoded by {@link DatasetJson#writeGroundTruth}
     * @param generatorVersion the version written into the manifest
     * @param trafficScale the plan's traffic scale
     * @param part the part of the dataset this shard holds
     * @return the shard's manifest: the dataset's spec and times, the shard's files
     * @throws IOException when writing fails; no {@value ShardPart#FILE} is left then
     */
    public synchronized Manifest commitShard(GenerationConfig spec, Instant start, Instant end, byte[] truthJson,
            String generatorVersion, double trafficScale, ShardPart part) throws IOException {
        return commit(spec, start, end, truthJson, generatorVersion, trafficScale, java.util.Objects.requireNonNull(part));
    }

    private Manifest commit(GenerationConfig spec, Instant start, Instant end, byte[] truthJson,
            String generatorVersion, double trafficScale, ShardPart part) throws IOException {
        if (aborted) {
            throw new IOException("output: " + directory + ": the run was aborted (the JVM is shutting down)");
        }
        closeChannels();
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        for (Signal s : Signal.values()) {
            if (channels.containsKey(s)) {
                long[] c = counts.get(s);
                files.put(s.fileName(), new Manifest.FileEntry(c[0], c[1], hex(digests.get(s).digest()),
                        DatasetFormat.JSONL));
            }
        }
        if (openMetrics != null) {
            MessageDigest digest = sha256();
            long[] c;
            try {
                c = openMetrics.finish(staging.resolve(OpenMetricsFile.NAME), digest);
            } catch (IOException e) {
                throw new IOException(directory.resolve(OpenMetricsFile.NAME) + ": cannot be written: "
                        + e.getMessage(), e);
            }
            files.put(OpenMetricsFile.NAME, new Manifest.FileEntry(c[0], c[1], hex(digest.digest()),
                    DatasetFormat.OPENMETRICS));
            if (part != null) {
                part = part.withSegments(openMetrics.segments());
            }
        }
        if (otlp != null) {
            Map<Signal, long[]> c;
            try {
                c = otlp.finish();
            } catch (IOException e) {
                throw new IOException(directory + ": the OTLP files cannot be written: " + e.getMessage(), e);
            }
            for (Signal s : Signal.values()) {
                files.put(OtlpFiles.fileName(s), new Manifest.FileEntry(c.get(s)[0], c.get(s)[1],
                        hex(otlp.digest(s)), DatasetFormat.OTLP));
            }
        }
        Files.write(staging.resolve(GROUND_TRUTH), truthJson, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        files.put(GROUND_TRUTH, new Manifest.FileEntry(0, truthJson.length, hex(sha256().digest(truthJson)), null));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, generatorVersion, spec.seed(), spec, start,
                end, files, trafficScale);
        placeAll(files.keySet(), part == null ? DatasetJson.writeManifest(manifest)
                : DatasetJson.writeShard(manifest, part), part == null ? MANIFEST : ShardPart.FILE);
        return manifest;
    }

    /**
     * Writes the manifest (or a shard's part), renames every staged file into place and the
     * manifest last, then removes the staging directory and the claim.
     */
    private void placeAll(java.util.Collection<String> names, byte[] manifestJson, String manifestName)
            throws IOException {
        Files.write(staging.resolve(MANIFEST_TEMP), manifestJson, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        for (String name : names) {
            place(name, name);
        }
        place(MANIFEST_TEMP, manifestName);
        committed = true;
        removeShutdownHook();
        try {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(directory.resolve(CLAIM));
        } catch (IOException ignored) {
            // The dataset is complete; a leftover empty staging directory or marker does not change it.
        }
    }

    /** @return the staging directory, where files are written until the commit */
    Path staging() {
        return staging;
    }

    /**
     * Commits files written into the staging directory by the caller ({@link ShardMerge}): renames
     * each file the manifest names into place, then writes the manifest.
     *
     * @param manifest the manifest; every file it names is in the staging directory
     * @throws IOException when writing fails; no manifest is left then
     */
    synchronized void commitFiles(Manifest manifest) throws IOException {
        if (aborted) {
            throw new IOException("output: " + directory + ": the run was aborted (the JVM is shutting down)");
        }
        closeChannels();
        placeAll(manifest.files().keySet(), DatasetJson.writeManifest(manifest), MANIFEST);
    }

    /** Renames a staged file into the directory; the move fails rather than replace a file. */
    private void place(String stagedName, String name) throws IOException {
        Path target = directory.resolve(name);
        Files.move(staging.resolve(stagedName), target, StandardCopyOption.ATOMIC_MOVE);
        placed.add(target);
    }

    /**
     * Gives up: closes and deletes every file this writer created, its staging directory and its
     * marker, and the directory when this writer created it. Nothing else is touched.
     */
    public synchronized void abort() {
        if (committed || aborted) {
            return;
        }
        aborted = true;
        try {
            closeChannels();
        } catch (IOException ignored) {
            // Deleting below matters more than a failed close.
        }
        if (openMetrics != null) {
            try {
                openMetrics.close();
            } catch (IOException ignored) {
                // The same: the files are deleted below.
            }
        }
        if (otlp != null) {
            try {
                otlp.close();
            } catch (IOException ignored) {
                // The same.
            }
        }
        // A merge writes the OTLP files without an encoder: delete them in any case.
        OtlpFiles.delete(staging);
        List<Path> mine = new ArrayList<>();
        for (int i = placed.size() - 1; i >= 0; i--) {
            mine.add(placed.get(i));
        }
        for (String name : new String[] {MANIFEST_TEMP, GROUND_TRUTH, Signal.METRICS.fileName(),
            Signal.EVENTS.fileName(), Signal.LOGS.fileName(), Signal.TRACES.fileName(), OpenMetricsFile.NAME,
            OpenMetricsFile.SPOOL, OpenMetricsFile.INDEX}) {
            mine.add(staging.resolve(name));
        }
        mine.add(staging);
        for (Path p : mine) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Best effort: without a manifest the directory is not a dataset anyway.
            }
        }
        release(directory.resolve(CLAIM), directory, createdDirectory);
        if (Thread.currentThread() != shutdownHook) {
            removeShutdownHook();
        }
    }

    private void abortOnShutdown() {
        abort();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException ignored) {
            // Shutting down already: the hook runs, finds the run committed or aborted, and does nothing.
        }
    }

    private void closeChannels() throws IOException {
        IOException failure = null;
        for (FileChannel c : channels.values()) {
            try {
                c.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Without a {@link #commit} before, deletes what this writer created, as {@link #abort()} does. */
    @Override
    public void close() {
        if (!committed) {
            abort();
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
