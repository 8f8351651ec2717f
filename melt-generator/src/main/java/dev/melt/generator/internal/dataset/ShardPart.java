package dev.melt.generator.internal.dataset;

/**
 * Which part of a dataset a shard directory holds: shard {@code index} of {@code count}, the
 * chunks {@code [firstChunk, endChunk)} of the plan's {@code chunks}. Written into the shard's
 * {@value #FILE} with the shard's files, and, when it writes OpenMetrics, where the parts of its
 * {@code metrics.om} begin ({@code openMetricsSegments}, else {@code null}).
 *
 * @param index the shard's number, 0 to {@code count - 1}
 * @param count how many shards the dataset is cut into
 * @param firstChunk the shard's first chunk
 * @param endChunk the end of its chunks (exclusive)
 * @param chunks the plan's number of chunks
 * @param openMetricsSegments the offsets of the parts of {@code metrics.om}: per family, its
 *     {@code # TYPE} line and each host's samples; then {@code # EOF} and the file's end; or {@code null}
 */
public record ShardPart(int index, int count, int firstChunk, int endChunk, int chunks, long[][] openMetricsSegments) {

    /** The file a shard writes in place of {@code manifest.json}. */
    public static final String FILE = "shard.json";

    /**
     * Cuts a plan's chunks into {@code count} contiguous runs, as even as whole chunks allow.
     *
     * @param index the shard, 0 to {@code count - 1}
     * @param count how many shards
     * @param chunks the plan's number of chunks
     * @return the part, without OpenMetrics segments
     */
    public static ShardPart of(int index, int count, int chunks) {
        return new ShardPart(index, count, (int) ((long) index * chunks / count),
                (int) ((long) (index + 1) * chunks / count), chunks, null);
    }

    /**
     * Returns this part with the offsets of its {@code metrics.om} parts.
     *
     * @param segments the offsets
     * @return the part
     */
    ShardPart withSegments(long[][] segments) {
        return new ShardPart(index, count, firstChunk, endChunk, chunks, segments);
    }

    /** @return whether both parts are the same shard of the same number of chunks */
    boolean sameChunks(ShardPart other) {
        return index == other.index && count == other.count && firstChunk == other.firstChunk
                && endChunk == other.endChunk && chunks == other.chunks;
    }
}
