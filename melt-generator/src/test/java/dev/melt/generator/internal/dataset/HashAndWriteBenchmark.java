package dev.melt.generator.internal.dataset;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code DatasetWriter.append} does with a chunk's lines, on its own
 * ({@link DatasetWriter#hashAndWrite}): SHA-256 and a {@code FileChannel.write} of a heap array
 * into the page cache, 256 MB per operation, in slices of the given size. It is why the writer
 * hashes and writes in 256 KB slices: in slices that fit the CPU's cache, the JDK's copy into its
 * native buffer and the kernel's copy into the page cache read bytes the hashing has just loaded.
 *
 * <pre>mvn -B -q -pl melt-generator test-compile exec:exec@jmh -Djmh.args=HashAndWriteBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Thread)
public class HashAndWriteBenchmark {

    private static final int CHUNK = 8 << 20;
    private static final int CHUNKS = 32;

    /** Bytes hashed and written per call. */
    @Param({"262144", "8388608"})
    public int slice;

    private final byte[] chunk = new byte[CHUNK];
    private Path file;

    /** Fills the chunk with JSON-like bytes. */
    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (' ' + random.nextInt(90));
        }
    }

    /**
     * Deletes the previous operation's file, as a run deletes the previous dataset. The file is
     * in a directory of its own (not a fixed name in the shared tmpdir, which another user could
     * have planted as a link).
     */
    @Setup(Level.Invocation)
    public void newFile() throws IOException {
        if (file == null) {
            file = Files.createTempDirectory("melt-hash-and-write-").resolve("chunks.bin");
        }
        Files.deleteIfExists(file);
    }

    /** Deletes the last file and its directory. */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
            file = null;
        }
    }

    /**
     * Hashes and writes 256 MB.
     *
     * @return the digest's first byte, so the work is not dead
     * @throws IOException when writing fails
     * @throws NoSuchAlgorithmException never on a standard JVM
     */
    @Benchmark
    public byte hashAndWrite() throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int c = 0; c < CHUNKS; c++) {
                DatasetWriter.hashAndWrite(digest, channel, chunk, CHUNK, slice);
            }
        }
        return digest.digest()[0];
    }
}
