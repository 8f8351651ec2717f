package dev.melt.generator;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The table of contents of a dataset, {@code manifest.json}. It is written last: a directory
 * without it is not a dataset.
 *
 * @param formatVersion the version of the dataset layout, {@value #FORMAT_VERSION} for this release
 * @param generatorVersion the version of melt-generator that wrote the dataset
 * @param seed the seed of the spec
 * @param spec the full spec the dataset was generated from
 * @param start the first instant of simulated time (inclusive)
 * @param end the end of simulated time (exclusive)
 * @param files every data file of the dataset by file name, ground truth included
 */
public record Manifest(int formatVersion, String generatorVersion, long seed, GenerationConfig spec,
                       Instant start, Instant end, Map<String, FileEntry> files) {

    /**
     * The dataset layout version this release writes and reads. Version 2: the spec has
     * {@code request_rate} and {@code trace_sampling} in place of version 1's
     * {@code traces_interval}, and the metrics aggregate a request population.
     */
    public static final int FORMAT_VERSION = 2;

    /**
     * One file of a dataset.
     *
     * @param records the number of records in the file: lines of a JSONL file, sample lines of an
     *     OpenMetrics file, 0 for {@code ground_truth.json}
     * @param bytes the size of the file in bytes
     * @param sha256 the SHA-256 of the file's bytes, lower-case hex
     * @param format the file's format, or {@code null} for {@code ground_truth.json}
     */
    public record FileEntry(long records, long bytes, String sha256, DatasetFormat format) {

        /**
         * Describes a file whose format follows from its name: {@link DatasetFormat#JSONL} for a
         * {@code .jsonl} file, none otherwise.
         *
         * @param records the number of records
         * @param bytes the size in bytes
         * @param sha256 the SHA-256, lower-case hex
         * @param name the file's name
         * @return the entry
         */
        public static FileEntry named(long records, long bytes, String sha256, String name) {
            return new FileEntry(records, bytes, sha256, name.endsWith(".jsonl") ? DatasetFormat.JSONL : null);
        }
    }

    /**
     * Creates a manifest; the file map is copied.
     *
     * @param formatVersion the layout version
     * @param generatorVersion the generator version
     * @param seed the seed
     * @param spec the spec
     * @param start the start of simulated time
     * @param end the end of simulated time
     * @param files the files by name
     */
    public Manifest {
        Objects.requireNonNull(spec, "spec");
        files = Map.copyOf(files);
    }

    /**
     * Returns the file entry of one signal.
     *
     * @param signal the signal
     * @return its file entry
     */
    public FileEntry file(Signal signal) {
        return files.get(signal.fileName());
    }

    /**
     * Returns the number of records of the four signal files.
     *
     * @return the total record count
     */
    public long totalRecords() {
        long total = 0;
        for (Signal s : Signal.values()) {
            FileEntry e = files.get(s.fileName());
            total += e == null ? 0 : e.records();
        }
        return total;
    }

    /**
     * Returns the number of bytes of the four signal files, which is what a size target aims at.
     *
     * @return the total byte count of the signal files
     */
    public long totalBytes() {
        long total = 0;
        for (Signal s : Signal.values()) {
            FileEntry e = files.get(s.fileName());
            total += e == null ? 0 : e.bytes();
        }
        return total;
    }
}
