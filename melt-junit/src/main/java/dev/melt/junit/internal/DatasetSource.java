package dev.melt.junit.internal;

import java.io.IOException;

/** Where a run gets its datasets from: the directory cache, or a temporary directory per run. */
public interface DatasetSource extends AutoCloseable {

    /**
     * Returns the dataset of a spec, generating it when it is not there yet. Callers within one
     * run ask once per spec; concurrent calls for different specs proceed in parallel.
     *
     * @param spec the spec
     * @return a lease on the dataset; close it when the run no longer needs the dataset
     * @throws IOException when the dataset can be neither read nor generated
     */
    DatasetLease acquire(DatasetSpec spec) throws IOException;

    /**
     * Opens the source the settings ask for.
     *
     * @param settings the run's settings
     * @return the directory cache, or temporary datasets when the cache is off
     * @throws IOException when the cache directory cannot be created or is not safe to use
     */
    static DatasetSource open(CacheSettings settings) throws IOException {
        return settings.enabled() ? DirectoryCache.open(settings) : TemporaryDatasets.create(settings);
    }

    /**
     * Releases what the source holds for the run.
     *
     * @throws IOException when cleaning up fails
     */
    @Override
    void close() throws IOException;
}
