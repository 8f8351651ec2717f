package dev.melt.junit.internal;

import dev.melt.generator.MeltData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Datasets that live for one run only, used when the cache is off: each spec is generated once
 * into a private temporary directory, deleted when the run ends.
 */
final class TemporaryDatasets implements DatasetSource {

    private final Path root;
    private final int threads;

    private TemporaryDatasets(Path root, int threads) {
        this.root = root;
        this.threads = threads;
    }

    static TemporaryDatasets create(CacheSettings settings) throws IOException {
        // createTempDirectory makes an owner-only directory on POSIX file systems.
        return new TemporaryDatasets(Files.createTempDirectory("melt-run-"), settings.threads());
    }

    @Override
    public DatasetLease acquire(DatasetSpec spec) throws IOException {
        Path directory = root.resolve(spec.id());
        DatasetGeneration.generate(spec, directory, threads);
        DatasetFiles.makeReadOnly(directory);
        return new DatasetLease(spec, MeltData.open(directory, spec.readMode()), true, () -> { });
    }

    @Override
    public void close() throws IOException {
        DatasetFiles.deleteTree(root);
    }
}
