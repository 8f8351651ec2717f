package dev.melt.generator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line a {@link ReadMode#TOLERANT} reader skipped.
 *
 * @param file the file
 * @param line the line number, from 1
 * @param reason why it was skipped, for example {@code malformed or truncated line: Unexpected end-of-input}
 */
public record SkippedLine(Path file, long line, String reason) {

    /**
     * Creates a skipped line.
     *
     * @param file the file
     * @param line the line number, from 1
     * @param reason why it was skipped
     */
    public SkippedLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code file:line: reason}, as compilers write it */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
