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
     * @param bytesExpected the planned size of the dataset in bytes (an estimate)
     */
    void onProgress(long bytesWritten, long bytesExpected);
}
