package dev.melt.generator;

/**
 * How {@link MeltData} treats a line it cannot read. See docs/faults.md.
 */
public enum ReadMode {
    /**
     * The default: a malformed or truncated line fails the stream with an
     * {@link java.io.UncheckedIOException} naming the file and line; a file of another size or
     * line count than the manifest lists fails too.
     */
    STRICT,
    /**
     * For datasets with telemetry faults, or files cut short: a line that is not one JSON object
     * with the record's fields is skipped and reported in {@link MeltData#skippedLines()} with its
     * file and line; {@link MeltData#open(java.nio.file.Path, ReadMode)} does not compare file
     * sizes with the manifest and the streams do not compare line counts ({@link MeltData#verify()}
     * still does both and the checksums).
     */
    TOLERANT
}
