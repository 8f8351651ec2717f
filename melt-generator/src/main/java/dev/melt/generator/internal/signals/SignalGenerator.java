package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.engine.ChunkContext;

/**
 * Generates the records of one signal for one chunk. An instance is built once per plan (it may
 * precompute what every chunk shares) and then called from several threads at once, one chunk
 * per call; it must keep no mutable state between calls and draw every random number from
 * {@link ChunkContext#random}.
 */
interface SignalGenerator {

    /**
     * Writes the chunk's records of this signal.
     *
     * @param chunk the chunk, its random streams and writers
     * @param timeline the model's state of every host, per second of the chunk
     */
    void generate(ChunkContext chunk, HostTimeline timeline);
}
