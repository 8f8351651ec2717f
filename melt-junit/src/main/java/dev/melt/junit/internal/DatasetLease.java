package dev.melt.junit.internal;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run's hold on a dataset: the opened data, and the promise that the cache will not evict
 * it until {@link #close()}.
 */
public final class DatasetLease implements AutoCloseable {

    private final DatasetSpec spec;
    private final MeltData data;
    private final GroundTruth groundTruth;
    private final boolean generated;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Size and modification time of every file when the lease was taken, after its check. */
    private final Map<String, String> stats;

    DatasetLease(DatasetSpec spec, MeltData data, boolean generated, Runnable release) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.data = Objects.requireNonNull(data, "data");
        this.groundTruth = data.groundTruth();
        this.generated = generated;
        this.release = Objects.requireNonNull(release, "release");
        this.stats = stats(data.directory());
    }

    /**
     * Checks, cheaply, that no file of the dataset changed since the lease was taken: the same
     * names, sizes and modification times. Called on every injection, so a test (even one run
     * by root, whom read-only modes do not stop) cannot change what a later test of the run reads
     * unnoticed. An edit that keeps the size and puts the modification time back is only found by
     * {@code melt.cache.verify=full} at the next run's first use.
     *
     * @throws UncheckedIOException naming the file when it changed or disappeared
     */
    public void checkUnchanged() {
        Map<String, String> now = stats(data.directory());
        if (!now.equals(stats)) {
            String file = stats.keySet().stream().filter(f -> !stats.get(f).equals(now.get(f))).findFirst()
                    .orElseGet(() -> now.keySet().stream().filter(f -> !stats.containsKey(f)).findFirst().orElse("?"));
            throw new UncheckedIOException(new IOException(data.directory().resolve(file)
                    + ": changed since the dataset was checked at the start of this run (a test wrote into a cached"
                    + " dataset); datasets are read-only: copy one to change it"));
        }
    }

    private static Map<String, String> stats(Path directory) {
        Map<String, String> stats = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                stats.put(f.getFileName().toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot be listed: " + e.getMessage(), e);
        }
        return stats;
    }

    /** @return the spec the dataset was generated from */
    public DatasetSpec spec() {
        return spec;
    }

    /** @return the opened dataset */
    public MeltData data() {
        return data;
    }

    /** @return the dataset's ground truth, read once */
    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /** @return the dataset directory */
    public Path directory() {
        return data.directory();
    }

    /** @return {@code true} when this lease's acquisition generated the dataset, {@code false} on a cache hit */
    public boolean generated() {
        return generated;
    }

    /** Gives the dataset back; the cache may evict it once no lease holds it. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
