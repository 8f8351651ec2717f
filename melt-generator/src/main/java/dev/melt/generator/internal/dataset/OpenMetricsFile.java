package dev.melt.generator.internal.dataset;

import dev.melt.generator.internal.encode.JsonBuffer;
import dev.melt.generator.internal.encode.OpenMetricsEncoder;
import dev.melt.generator.internal.encode.OpenMetricsLayout;
import dev.melt.generator.internal.encode.OpenMetricsSamples;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Writes {@code metrics.om} in constant memory. OpenMetrics wants each metric's points together
 * and in time order, while chunks arrive in time order with every metric in each: so each chunk's
 * lines are appended to a spool file metric by metric ({@link OpenMetricsEncoder}), and where each
 * metric's part of the chunk starts is appended to an index file. {@link #finish} then writes the
 * file family by family: the family's metadata, then for each of its metrics the metric's part of
 * every chunk, in chunk order, and {@code # EOF}. The spool and index are deleted afterwards; the
 * disk holds the metrics' lines twice until then.
 */
final class OpenMetricsFile implements Closeable {

    /** The file's name in a dataset. */
    static final String NAME = "metrics.om";
    static final String SPOOL = ".metrics.om.spool";
    static final String INDEX = ".metrics.om.index";
    private static final int COPY_BUFFER = 256 * 1024;

    private final OpenMetricsEncoder encoder;
    private final FileChannel spool;
    private final FileChannel index;
    private final Path spoolPath;
    private final Path indexPath;
    private final JsonBuffer lines = new JsonBuffer(64 * 1024);
    private final long[] starts;
    private final ByteBuffer indexRow;
    private long spoolSize;
    private int chunks;
    /** Sample lines encoded for replayed chunks, not written. */
    private long replayedLines;
    /**
     * Where the file's parts begin, set by {@link #finish}: for each family its metadata, then each
     * of its metrics; then {@code # EOF}, and the file's end.
     */
    private long[] segments;

    OpenMetricsFile(Path staging, OpenMetricsLayout layout) throws IOException {
        this.encoder = new OpenMetricsEncoder(layout);
        this.spoolPath = staging.resolve(SPOOL);
        this.indexPath = staging.resolve(INDEX);
        this.spool = FileChannel.open(spoolPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileChannel i;
        try {
            i = FileChannel.open(indexPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            spool.close();
            throw e;
        }
        this.index = i;
        this.starts = new long[layout.metrics() + 1];
        this.indexRow = ByteBuffer.allocate(8 * starts.length);
    }

    /**
     * Spools one chunk's samples; chunks in chunk order.
     *
     * @param samples the chunk's samples, counters resolved
     * @throws IOException when the spool cannot be written
     */
    void append(OpenMetricsSamples samples) throws IOException {
        lines.reset();
        encoder.encode(samples, lines, starts);
        indexRow.clear();
        for (long s : starts) {
            indexRow.putLong(spoolSize + s);
        }
        indexRow.flip();
        writeFully(index, indexRow);
        writeFully(spool, ByteBuffer.wrap(lines.array(), 0, lines.size()));
        spoolSize += lines.size();
        chunks++;
    }

    /**
     * Encodes one chunk's samples for the state they leave (the incident each host was in) and
     * drops the lines: a shard replays the chunks before its own this way.
     *
     * @param samples the chunk's samples, counters resolved
     */
    void replay(OpenMetricsSamples samples) {
        long before = encoder.lines();
        lines.reset();
        encoder.encode(samples, lines, starts);
        replayedLines += encoder.lines() - before;
        lines.reset();
    }

    /**
     * Returns where the parts of the file {@link #finish} wrote begin, so that the files of shards
     * can be interleaved into one: for each family, the offset of its {@code # TYPE} line and of
     * each of its metrics' samples; then of {@code # EOF}, and the file's length.
     *
     * @return per family {@code 1 + hosts} offsets, then a row of two: {@code # EOF} and the end
     */
    long[][] segments() {
        int perFamily = 1 + encoder.layout().hosts();
        int families = encoder.layout().families().size();
        long[][] rows = new long[families + 1][];
        for (int f = 0; f < families; f++) {
            rows[f] = java.util.Arrays.copyOfRange(segments, f * perFamily, (f + 1) * perFamily);
        }
        rows[families] = java.util.Arrays.copyOfRange(segments, families * perFamily, segments.length);
        return rows;
    }

    /**
     * Writes the file from the spool, hashing it.
     *
     * @param target where to write it
     * @param digest the file's digest, updated
     * @return {@code [sample lines, bytes]}
     * @throws IOException when reading the spool or writing the file fails
     */
    long[] finish(Path target, MessageDigest digest) throws IOException {
        OpenMetricsLayout layout = encoder.layout();
        int row = layout.metrics() + 1;
        ByteBuffer pair = ByteBuffer.allocate(16);
        byte[] buffer = new byte[COPY_BUFFER];
        int filled = 0;
        long bytes = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            segments = new long[layout.families().size() * (1 + layout.hosts()) + 2];
            int segment = 0;
            for (int f = 0; f < layout.families().size(); f++) {
                segments[segment++] = bytes + filled;
                byte[] meta = metadata(layout.families().get(f));
                if (filled + meta.length > buffer.length) {
                    bytes += flush(digest, out, buffer, filled);
                    filled = 0;
                }
                System.arraycopy(meta, 0, buffer, filled, meta.length);
                filled += meta.length;
                for (int h = 0; h < layout.hosts(); h++) {
                    int m = layout.metric(f, h);
                    segments[segment++] = bytes + filled;
                    for (int c = 0; c < chunks; c++) {
                        pair.clear();
                        readFully(index, pair, ((long) c * row + m) * 8);
                        long from = pair.getLong(0);
                        int length = (int) (pair.getLong(8) - from);
                        if (filled + length > buffer.length) {
                            bytes += flush(digest, out, buffer, filled);
                            filled = 0;
                            if (length > buffer.length) {
                                buffer = new byte[Math.max(length, buffer.length * 2)];
                            }
                        }
                        readFully(spool, ByteBuffer.wrap(buffer, filled, length), from);
                        filled += length;
                    }
                }
            }
            segments[segment++] = bytes + filled;
            byte[] eof = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
            if (filled + eof.length > buffer.length) {
                bytes += flush(digest, out, buffer, filled);
                filled = 0;
            }
            System.arraycopy(eof, 0, buffer, filled, eof.length);
            filled += eof.length;
            bytes += flush(digest, out, buffer, filled);
            segments[segment] = bytes;
        }
        close();
        return new long[] {encoder.lines() - replayedLines, bytes};
    }

    private static byte[] metadata(OpenMetricsLayout.Family family) {
        return ("# TYPE " + family.name() + " " + family.kind().type() + "\n# HELP " + family.name() + " "
                + family.help() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static long flush(MessageDigest digest, FileChannel out, byte[] buffer, int length) throws IOException {
        DatasetWriter.hashAndWrite(digest, out, buffer, length, COPY_BUFFER);
        return length;
    }

    private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, p);
            if (n < 0) {
                throw new IOException(channel + ": the OpenMetrics spool ended early");
            }
            p += n;
        }
    }

    /** Closes and deletes the spool and index. */
    @Override
    public void close() throws IOException {
        try {
            spool.close();
            index.close();
        } finally {
            java.nio.file.Files.deleteIfExists(spoolPath);
            java.nio.file.Files.deleteIfExists(indexPath);
        }
    }
}
