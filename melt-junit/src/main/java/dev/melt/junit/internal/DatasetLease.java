package dev.melt.junit.internal;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import java.nio.file.Path;
import java.util.Objects;
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

    DatasetLease(DatasetSpec spec, MeltData data, boolean generated, Runnable release) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.data = Objects.requireNonNull(data, "data");
        this.groundTruth = data.groundTruth();
        this.generated = generated;
        this.release = Objects.requireNonNull(release, "release");
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
