package dev.melt.junit;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.junit.internal.CacheSettings;
import dev.melt.junit.internal.DatasetLease;
import dev.melt.junit.internal.DatasetSource;
import dev.melt.junit.internal.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * The datasets of one test run, kept in the root {@link Store} so that they live exactly as
 * long as the run. Each spec is acquired once: the store's per-key {@code computeIfAbsent}
 * ({@link StoreValues}) runs one creator per key, so parallel tests asking for the same spec wait for one generation
 * while tests asking for other specs proceed.
 */
final class RunDatasets implements AutoCloseable {

    static final Namespace NAMESPACE = Namespace.create(RunDatasets.class);
    /** The extension's logger, named after the annotation users know. */
    static final Logger LOG = Logger.getLogger(MeltDataset.class.getName());

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
        return StoreValues.computeIfAbsent(context.getRoot().getStore(NAMESPACE), RunDatasets.class,
                type -> open(context.getRoot()), RunDatasets.class);
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
        DatasetLease lease = StoreValues.computeIfAbsent(context.getRoot().getStore(NAMESPACE), spec, this::load,
                StoredLease.class).lease;
        lease.checkUnchanged();
        return lease;
    }

    private StoredLease load(DatasetSpec spec) {
        try {
            long started = System.nanoTime();
            DatasetLease lease = source.acquire(spec);
            leases.add(lease);
            log(lease, (System.nanoTime() - started) / 1_000_000);
            return new StoredLease(lease);
        } catch (IOException e) {
            throw new UncheckedIOException("could not generate or read the dataset " + spec.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Says where a dataset came from, through {@code java.util.logging} as JUnit itself logs: a
     * generation (which costs seconds) at {@code INFO}, a cache hit at {@code CONFIG}; traffic
     * scaled below {@link Manifest#SPARSE_TRAFFIC_SCALE} at {@code WARNING}.
     */
    private static void log(DatasetLease lease, long millis) {
        if (lease.generated()) {
            LOG.info(() -> String.format(Locale.ROOT, "melt: generated dataset %s in %.1f s into %s",
                    lease.spec().describe(), millis / 1000.0, lease.directory()));
        } else {
            LOG.config(() -> "melt: dataset " + lease.spec().describe() + " from the cache at " + lease.directory());
        }
        Manifest manifest = lease.data().manifest();
        if (manifest.sparseTraffic()) {
            LOG.warning(() -> String.format(Locale.ROOT, "melt: dataset %s has traffic scale %.2g, below %s: its size"
                    + " leaves the deepest services a few requests per metrics interval or fewer, so request counts"
                    + " and rates are sparse; increase the size or shorten the duration", lease.spec().describe(),
                    manifest.trafficScale(), Manifest.SPARSE_TRAFFIC_SCALE));
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

    /**
     * A lease as a store value: closed by JUnit when the run ends. JUnit 5.13+ and 6 close every
     * {@code AutoCloseable} store value (unless {@code junit.jupiter.extensions.store.close.autocloseable.enabled}
     * is set to false), so the deprecated {@code Store.CloseableResource} is not needed.
     */
    private static final class StoredLease implements AutoCloseable {
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
