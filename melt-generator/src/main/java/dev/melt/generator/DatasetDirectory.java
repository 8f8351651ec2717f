package dev.melt.generator;

import dev.melt.generator.internal.dataset.DatasetReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A dataset directory opened by {@link MeltData#open}: its manifest and ground truth, read once. */
record DatasetDirectory(Path directory, Manifest manifest, GroundTruth groundTruth) implements MeltData {

    static MeltData open(Path directory) throws IOException {
        Manifest manifest = DatasetReader.manifest(directory);
        DatasetReader.checkFiles(directory, manifest);
        return new DatasetDirectory(directory, manifest, DatasetReader.groundTruth(directory));
    }

    @Override
    public void verify() throws IOException {
        DatasetReader.verify(directory, manifest);
    }

    @Override
    public Stream<MetricRecord> metrics() {
        return DatasetReader.metrics(directory, manifest);
    }

    @Override
    public Stream<EventRecord> events() {
        return DatasetReader.events(directory, manifest);
    }

    @Override
    public Stream<LogRecord> logs() {
        return DatasetReader.logs(directory, manifest);
    }

    @Override
    public Stream<SpanRecord> traces() {
        return DatasetReader.traces(directory, manifest);
    }
}
