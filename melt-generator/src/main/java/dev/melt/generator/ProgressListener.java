package dev.melt.generator;

/**
 * Receives progress reports while a dataset is generated, from the thread that writes files.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (written, total) -> { };

    /**
     * Called after each chunk of simulated time has been written.
     *
     * @param bytesWritten bytes written so far
     * @param bytesExpected the planned size of the dataset in bytes (an estimate), never less than
     *     {@code bytesWritten}; when the spec sets a duration but no size, equal to {@code bytesWritten}
     */
    void onProgress(long bytesWritten, long bytesExpected);
}
