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
 * <p>Records are read from the JSONL files only. A dataset written without
 * {@link DatasetFormat#JSONL} (see {@link GenerationConfig#formats()}) opens, verifies and gives its
 * ground truth, but each record stream throws {@link UnsupportedOperationException} naming the
 * missing file, the dataset's formats and what to do.
 *
 * <p>Instances are immutable and thread-safe; each stream is independent.
 *
 * <p>What is checked, and when: {@link #open} checks that the manifest lists every file of the
 * dataset and that each listed file exists with the listed size (one {@code stat} per file, no
 * data read); {@link #verify()} also computes the SHA-256 of every file and compares it with the
 * manifest (it reads the whole dataset once); the record streams check each line's syntax and,
 * at their end, the record count. A changed byte that keeps the size is therefore found by
 * {@code verify()} only. See docs/reliability.md.
 *
 * <p>That is the default, {@link ReadMode#STRICT}. A dataset with telemetry faults (see
 * {@link GenerationConfig#faults()}) may have malformed lines; open it with
 * {@link #open(Path, ReadMode)} and {@link ReadMode#TOLERANT} to skip them and find each one in
 * {@link #skippedLines()}. See docs/faults.md.
 */
public interface MeltData {

    /**
     * Opens a dataset directory.
     *
     * @param directory a directory written by {@link MeltGenerator}
     * @return the dataset
     * @throws IOException when the directory cannot be read, or is not a complete dataset: no
     *     {@code manifest.json}, a manifest without an entry for one of the dataset's files, a
     *     listed file missing or of another size than listed; the message names the file
     */
    static MeltData open(Path directory) throws IOException {
        return DatasetDirectory.open(directory, ReadMode.STRICT);
    }

    /**
     * Opens a dataset directory in a read mode. {@link ReadMode#STRICT} is {@link #open(Path)};
     * {@link ReadMode#TOLERANT} does not compare file sizes with the manifest, and its record
     * streams skip lines they cannot read and add them to {@link #skippedLines()}:
     *
     * <pre>{@code
     * MeltData data = MeltData.open(dir, ReadMode.TOLERANT);
     * try (Stream<LogRecord> logs = data.logs()) {
     *     logs.forEach(detector::accept);
     * }
     * data.skippedLines().lines().forEach(System.out::println);   // <dir>/logs.jsonl:812: malformed ...
     * }</pre>
     *
     * @param directory a directory written by {@link MeltGenerator}
     * @param mode how to treat lines that cannot be read
     * @return the dataset
     * @throws IOException when the directory cannot be read, has no {@code manifest.json}, or a
     *     file the manifest lists is missing (and, strict only, of another size)
     */
    static MeltData open(Path directory, ReadMode mode) throws IOException {
        return DatasetDirectory.open(directory, java.util.Objects.requireNonNull(mode, "mode"));
    }

    /** @return the read mode this dataset was opened in */
    ReadMode readMode();

    /**
     * Returns the lines the record streams have skipped so far; always empty in
     * {@link ReadMode#STRICT}, where a bad line fails its stream instead.
     *
     * @return the live report, shared by every stream of this instance
     */
    SkippedLines skippedLines();

    /**
     * Verifies every file of the dataset against the SHA-256 the manifest lists, after the
     * checks of {@link #open}. It reads every byte once (about a second per GB from the page
     * cache, the disk's read speed otherwise).
     *
     * <pre>{@code
     * MeltData.open(dir).verify();   // passes on a dataset as written
     * // after one changed byte in metrics.jsonl, even with its size and mtime restored:
     * // IOException: <dir>/metrics.jsonl: SHA-256 is ... but the manifest lists ...; the file was altered
     * }</pre>
     *
     * @throws IOException naming the first file that is missing, of another size, or whose
     *     SHA-256 differs from the manifest's
     */
    void verify() throws IOException;

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
     * @throws UnsupportedOperationException when the dataset has no JSONL files
     */
    Stream<MetricRecord> metrics();

    /**
     * Streams {@code events.jsonl}, lazily.
     *
     * @return the events in file order; close the stream to close the file
     * @throws UnsupportedOperationException when the dataset has no JSONL files
     */
    Stream<EventRecord> events();

    /**
     * Streams {@code logs.jsonl}, lazily.
     *
     * @return the logs in file order; close the stream to close the file
     * @throws UnsupportedOperationException when the dataset has no JSONL files
     */
    Stream<LogRecord> logs();

    /**
     * Streams {@code traces.jsonl}, lazily.
     *
     * @return the spans in file order; close the stream to close the file
     * @throws UnsupportedOperationException when the dataset has no JSONL files
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
