package dev.melt.generator;

import dev.melt.generator.internal.dataset.DatasetReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A dataset directory opened by {@link MeltData#open}: its manifest and ground truth, read once. */
record DatasetDirectory(Path directory, Manifest manifest, GroundTruth groundTruth, ReadMode readMode,
                        SkippedLines skippedLines) implements MeltData {

    static MeltData open(Path directory, ReadMode mode) throws IOException {
        Manifest manifest = DatasetReader.manifest(directory);
        DatasetReader.checkFiles(directory, manifest, mode == ReadMode.STRICT);
        return new DatasetDirectory(directory, manifest, DatasetReader.groundTruth(directory), mode,
                new SkippedLines());
    }

    @Override
    public void verify() throws IOException {
        DatasetReader.verify(directory, manifest);
    }

    private SkippedLines tolerant() {
        return readMode == ReadMode.TOLERANT ? skippedLines : null;
    }

    @Override
    public Stream<MetricRecord> metrics() {
        return DatasetReader.metrics(directory, manifest, tolerant());
    }

    @Override
    public Stream<EventRecord> events() {
        return DatasetReader.events(directory, manifest, tolerant());
    }

    @Override
    public Stream<LogRecord> logs() {
        return DatasetReader.logs(directory, manifest, tolerant());
    }

    @Override
    public Stream<SpanRecord> traces() {
        return DatasetReader.traces(directory, manifest, tolerant());
    }
}
