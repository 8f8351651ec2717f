package dev.melt.junit;

import dev.melt.generator.GenerationConfig;
import dev.melt.junit.internal.CacheSettings;
import dev.melt.junit.internal.DatasetLease;
import dev.melt.junit.internal.DatasetSource;
import dev.melt.junit.internal.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * The datasets of one test run, kept in the root {@link Store} so that they live exactly as
 * long as the run. Each spec is acquired once: the store's per-key {@code getOrComputeIfAbsent}
 * runs one creator per key, so parallel tests asking for the same spec wait for one generation
 * while tests asking for other specs proceed.
 */
final class RunDatasets implements Store.CloseableResource, AutoCloseable {

    static final Namespace NAMESPACE = Namespace.create(RunDatasets.class);

    private final CacheSettings settings;
    private final DatasetSource source;
    private final List<DatasetLease> leases = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunDatasets(CacheSettings settings, DatasetSource source) {
        this.settings = settings;
        this.source = source;
    }

    /**
     * Returns the run's datasets, reading the settings on first use.
     *
     * @throws ExtensionConfigurationException when a setting is invalid or the cache is unusable
     */
    static RunDatasets of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunDatasets.class, type -> open(context.getRoot()), RunDatasets.class);
    }

    /** Returns the run's datasets if any were asked for yet, without starting the cache. */
    static Optional<RunDatasets> ifStarted(ExtensionContext context) {
        return Optional.ofNullable(context.getRoot().getStore(NAMESPACE).get(RunDatasets.class, RunDatasets.class));
    }

    private static RunDatasets open(ExtensionContext root) {
        CacheSettings settings;
        try {
            settings = CacheSettings.read(root::getConfigurationParameter);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@MeltDataset configuration: " + e.getMessage(), e);
        }
        try {
            return new RunDatasets(settings, DatasetSource.open(settings));
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@MeltDataset cannot use the cache directory "
                    + settings.directory() + " (" + e.getMessage() + "); set " + MeltDataset.CACHE_DIR_PROPERTY_NAME
                    + " to a directory of yours, or " + MeltDataset.CACHE_ENABLED_PROPERTY_NAME + "=false", e);
        }
    }

    CacheSettings settings() {
        return settings;
    }

    /**
     * Returns the dataset of a spec, generating or loading it on the first request of the run.
     *
     * @throws UncheckedIOException when it can be neither read nor generated
     */
    DatasetLease acquire(ExtensionContext context, GenerationConfig config) {
        DatasetSpec spec = DatasetSpec.of(config);
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(spec, this::load, StoredLease.class).lease;
    }

    private StoredLease load(DatasetSpec spec) {
        try {
            DatasetLease lease = source.acquire(spec);
            leases.add(lease);
            return new StoredLease(lease);
        } catch (IOException e) {
            throw new UncheckedIOException("could not generate or read the dataset " + spec.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Finds the lease whose data, directory or ground truth is the given object, if any. */
    Optional<DatasetLease> leaseOf(Object injected) {
        for (DatasetLease lease : leases) {
            if (lease.data() == injected || lease.directory().equals(injected)
                    || lease.groundTruth() == injected) {
                return Optional.of(lease);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            leases.forEach(DatasetLease::close);
            source.close();
        }
    }

    /** A lease as a store value: closed by JUnit when the run ends, on JUnit 5 and 6 alike. */
    private static final class StoredLease implements Store.CloseableResource, AutoCloseable {
        private final DatasetLease lease;

        StoredLease(DatasetLease lease) {
            this.lease = lease;
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
