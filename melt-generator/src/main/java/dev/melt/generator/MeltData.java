package dev.melt.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A dataset directory opened for reading. Record streams are lazy: each call opens its file,
 * parses one line at a time, and closes the file when the stream is closed, so use them in
 * try-with-resources:
 *
 * <pre>{@code
 * MeltData data = MeltData.open(Path.of("data"));
 * try (Stream<MetricRecord> metrics = data.metrics()) {
 *     metrics.filter(m -> m.metricName().equals("cpu_usage")).forEach(detector::accept);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; each stream is independent.
 */
public interface MeltData {

    /**
     * Opens a dataset directory.
     *
     * @param directory a directory written by {@link MeltGenerator}
     * @return the dataset
     * @throws IOException when the directory cannot be read, or is not a complete dataset (no
     *     {@code manifest.json}); the message names the directory and the missing file
     */
    static MeltData open(Path directory) throws IOException {
        return DatasetDirectory.open(directory);
    }

    /** @return the dataset directory */
    Path directory();

    /** @return the manifest (spec, seed, versions, counts, bytes, checksums) */
    Manifest manifest();

    /** @return the ground truth: every incident, its root cause and affected windows */
    GroundTruth groundTruth();

    /**
     * Streams {@code metrics.jsonl}, lazily. A malformed line fails the stream with an
     * {@link java.io.UncheckedIOException} naming the file and line.
     *
     * @return the metric samples in file order; close the stream to close the file
     */
    Stream<MetricRecord> metrics();

    /**
     * Streams {@code events.jsonl}, lazily.
     *
     * @return the events in file order; close the stream to close the file
     */
    Stream<EventRecord> events();

    /**
     * Streams {@code logs.jsonl}, lazily.
     *
     * @return the logs in file order; close the stream to close the file
     */
    Stream<LogRecord> logs();

    /**
     * Streams {@code traces.jsonl}, lazily.
     *
     * @return the spans in file order; close the stream to close the file
     */
    Stream<SpanRecord> traces();

    /**
     * Returns the number of records in the four signal files, from the manifest.
     *
     * @return the total record count
     */
    default long totalRecords() {
        return manifest().totalRecords();
    }
}
