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
 * @param trafficScale the request volume relative to the spec's {@link GenerationConfig#requestRate()}:
 *     1 unless both a size and a duration were given, when the traffic is scaled to meet the size;
 *     {@link Double#NaN} (unknown) for a format-2 manifest written before the field existed
 */
public record Manifest(int formatVersion, String generatorVersion, long seed, GenerationConfig spec,
                       Instant start, Instant end, Map<String, FileEntry> files, double trafficScale) {

    /**
     * The dataset layout version this release writes and reads. Version 2: the spec has
     * {@code request_rate} and {@code trace_sampling} in place of version 1's
     * {@code traces_interval}, and the metrics aggregate a request population.
     */
    public static final int FORMAT_VERSION = 2;

    /**
     * The traffic scale below which a dataset is sparse rather than realistic. With the default
     * fleet, request rate (20/s) and metrics interval (30 s), a tenth of the traffic leaves the
     * deepest services ({@code payment}, {@code database}) about 0.1 request per second per host,
     * three or four requests per metrics interval; at 0.025 about a tenth of the
     * {@code request_rate} samples read 0, and at 0.018 (97 MB over 12 h) a third of the deepest
     * services' samples do. The CLI warns below it; see {@link #sparseTraffic()}.
     */
    public static final double SPARSE_TRAFFIC_SCALE = 0.1;

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
     * @param trafficScale the traffic scale, positive, or NaN when unknown
     */
    public Manifest {
        Objects.requireNonNull(spec, "spec");
        files = Map.copyOf(files);
        if (!(trafficScale > 0) && !Double.isNaN(trafficScale)) {
            throw new IllegalArgumentException("trafficScale: " + trafficScale
                    + " is not accepted; expected a positive number, or NaN when unknown");
        }
    }

    /**
     * Creates a manifest whose traffic scale is unknown, as read from a format-2 manifest written
     * before {@code traffic_scale} was.
     *
     * @param formatVersion the layout version
     * @param generatorVersion the generator version
     * @param seed the seed
     * @param spec the spec
     * @param start the start of simulated time
     * @param end the end of simulated time
     * @param files the files by name
     */
    public Manifest(int formatVersion, String generatorVersion, long seed, GenerationConfig spec,
                    Instant start, Instant end, Map<String, FileEntry> files) {
        this(formatVersion, generatorVersion, seed, spec, start, end, files, Double.NaN);
    }

    /**
     * Returns the requests per second entering each entry service at the traffic curve's mean:
     * the spec's request rate times the traffic scale.
     *
     * @return the rate, or NaN when the traffic scale is unknown
     */
    public double entryRequestRate() {
        return spec.requestRate() * trafficScale;
    }

    /**
     * Tells whether the traffic was scaled below {@link #SPARSE_TRAFFIC_SCALE}, so that request
     * counts and rates are too thin to look like production.
     *
     * @return {@code true} below the floor; {@code false} at or above it, or when the scale is unknown
     */
    public boolean sparseTraffic() {
        return trafficScale < SPARSE_TRAFFIC_SCALE;
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
