package dev.melt.junit.internal;

import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The datasets kept between runs and shared between forks, one directory per spec.
 *
 * <p>Layout, for a spec whose {@link DatasetSpec#id()} is {@code <id>}:
 * <pre>
 * &lt;cache&gt;/&lt;id&gt;/            the dataset, read-only; present only when complete
 * &lt;cache&gt;/&lt;id&gt;.stamp       size and modification time of its files, for the quick check
 * &lt;cache&gt;/&lt;id&gt;.lock        held exclusively while the entry is checked, generated or evicted
 * &lt;cache&gt;/&lt;id&gt;.use         held shared by every run using the entry; eviction needs it exclusively
 * &lt;cache&gt;/&lt;id&gt;.tmp-&lt;uuid&gt;   a dataset being generated, renamed to &lt;id&gt; when complete
 * </pre>
 *
 * <p>A file lock belongs to the whole JVM and a second lock on the same file from the same JVM
 * fails, so within a JVM a {@link ReentrantLock} per entry serializes access to the
 * {@code .lock} file, and the shared {@code .use} lock is taken once and reference-counted.
 * Because a spec's bytes never change, an entry found damaged is replaced in place even while
 * another run uses it: that run then reads the same, now intact, bytes.
 *
 * <p>The cache directory is checked without following links (a link, or a directory another user
 * owns, is refused) when the cache opens and again before each entry is used or created. A run
 * waiting for another JVM's {@code .lock} logs, after {@value #REPORT_AFTER_SECONDS} s, which
 * process holds it (the holder writes its pid into the file), and gives up with an
 * {@link IOException} naming it after {@value #TIMEOUT_MINUTES} min.
 */
final class DirectoryCache implements DatasetSource {

    private static final Pattern ENTRY_NAME = Pattern.compile("[0-9a-f]{32}");
    private static final Map<Path, ReentrantLock> ENTRY_LOCKS = new ConcurrentHashMap<>();
    private static final Map<Path, EntryUse> IN_USE = new ConcurrentHashMap<>();

    /** Seconds a run waits for another JVM's lock before it logs who holds it. */
    static final int REPORT_AFTER_SECONDS = 5;
    /** Minutes a run waits for another JVM's lock before it gives up. */
    static final int TIMEOUT_MINUTES = 10;
    private static final System.Logger LOG = System.getLogger("dev.melt.junit.cache");

    private final Path root;
    private final CacheSettings settings;
    private final Duration reportAfter;
    private final Duration timeout;

    private DirectoryCache(Path root, CacheSettings settings, Duration reportAfter, Duration timeout) {
        this.root = root;
        this.settings = settings;
        this.reportAfter = reportAfter;
        this.timeout = timeout;
    }

    static DirectoryCache open(CacheSettings settings) throws IOException {
        return open(settings, Duration.ofSeconds(REPORT_AFTER_SECONDS), Duration.ofMinutes(TIMEOUT_MINUTES));
    }

    static DirectoryCache open(CacheSettings settings, Duration reportAfter, Duration timeout) throws IOException {
        Path root = settings.directory().toAbsolutePath().normalize();
        DatasetFiles.ensureOwnerOnlyDirectory(root);
        return new DirectoryCache(root, settings, reportAfter, timeout);
    }

    @Override
    public DatasetLease acquire(DatasetSpec spec) throws IOException {
        Path entry = root.resolve(spec.id());
        boolean generated = false;
        MeltData data;
        ReentrantLock inJvm = ENTRY_LOCKS.computeIfAbsent(entry, e -> new ReentrantLock());
        DatasetFiles.checkOwnedDirectory(root);
        inJvm.lock();
        Path lockFile = sibling(spec.id(), ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
             FileLock acrossJvms = lock(channel, lockFile)) {
            // Checked again after creating the lock file: a directory swapped for a link since is refused.
            DatasetFiles.checkOwnedDirectory(root);
            deleteLeftovers(spec.id());
            Optional<MeltData> cached = EntryIntegrity.open(entry, sibling(spec.id(), ".stamp"), spec,
                    settings.fullVerification());
            if (cached.isPresent()) {
                // Checked strictly; a dataset with faults is then handed out tolerant.
                data = spec.readMode() == dev.melt.generator.ReadMode.STRICT ? cached.get()
                        : MeltData.open(entry, spec.readMode());
            } else {
                publish(spec, entry);
                DatasetFiles.checkOwnedDirectory(root);
                data = MeltData.open(entry, spec.readMode());
                generated = true;
            }
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
            retain(entry, spec.id());
        } finally {
            inJvm.unlock();
        }
        try {
            if (generated) {
                evictBeyondLimit(entry);
            }
            return new DatasetLease(spec, data, generated, () -> release(entry));
        } catch (IOException | RuntimeException e) {
            // The entry was retained above: give it back, or it could never be evicted.
            release(entry);
            throw e;
        }
    }

    /**
     * Locks an entry's {@code .lock} file across JVMs and writes this process's pid into it;
     * while another JVM holds it, logs who after a while and gives up after the timeout.
     */
    private FileLock lock(FileChannel channel, Path lockFile) throws IOException {
        long start = System.nanoTime();
        boolean reported = false;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid() + " since " + Instant.now()
                        + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                return lock;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (!reported && waited.compareTo(reportAfter) >= 0) {
                LOG.log(System.Logger.Level.WARNING, "melt: waiting " + waited.toSeconds() + " s for the cache lock "
                        + lockFile + ", held by " + holder(lockFile));
                reported = true;
            }
            if (waited.compareTo(timeout) >= 0) {
                throw new IOException(lockFile + ": gave up after waiting " + timeout.toSeconds()
                        + " s for the cache lock, held by " + holder(lockFile)
                        + "; if that process is stuck, stop it, or use another melt.cache.dir");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(lockFile + ": interrupted while waiting for the cache lock");
            }
        }
    }

    private static String holder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    /** Generates next to the entry, then renames it into place: readers never see a partial entry. */
    private void publish(DatasetSpec spec, Path entry) throws IOException {
        Path staging = sibling(spec.id(), ".tmp-" + UUID.randomUUID());
        try {
            Manifest manifest = DatasetGeneration.generate(spec, staging, settings.threads());
            DatasetFiles.makeReadOnly(staging);
            Path damaged = null;
            if (Files.exists(entry)) {
                damaged = sibling(spec.id(), ".trash-" + UUID.randomUUID());
                Files.move(entry, damaged, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
            EntryIntegrity.stamp(entry, sibling(spec.id(), ".stamp"), spec, manifest);
            if (damaged != null) {
                DatasetFiles.deleteTree(damaged);
            }
        } finally {
            DatasetFiles.deleteTree(staging);
        }
    }

    /** Removes what a crashed run left; safe because the caller holds the entry's lock. */
    private void deleteLeftovers(String id) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, id + ".{tmp,trash}-*")) {
            for (Path leftover : leftovers) {
                DatasetFiles.deleteTree(leftover);
            }
        }
    }

    private void retain(Path entry, String id) {
        IN_USE.compute(entry, (e, use) -> {
            if (use != null) {
                use.holders++;
                return use;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(sibling(id, ".use"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                return new EntryUse(channel, channel.lock(0, Long.MAX_VALUE, true));
            } catch (IOException ex) {
                closeQuietly(channel, ex);
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static void release(Path entry) {
        IN_USE.computeIfPresent(entry, (e, use) -> {
            if (--use.holders > 0) {
                return use;
            }
            use.close();
            return null;
        });
    }

    /**
     * Evicts least recently used entries until the cache fits its limit again. Entries in use by
     * any run, in this JVM or another, are skipped, as is the entry just stored.
     */
    private void evictBeyondLimit(Path keep) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root,
                p -> Files.isDirectory(p) && ENTRY_NAME.matcher(p.getFileName().toString()).matches())) {
            all.forEach(entries::add);
        }
        Map<Path, Long> sizes = new HashMap<>();
        Map<Path, FileTime> usedAt = new HashMap<>();
        long total = 0;
        for (Path entry : entries) {
            long size = DatasetFiles.size(entry);
            sizes.put(entry, size);
            usedAt.put(entry, Files.getLastModifiedTime(entry));
            total += size;
        }
        entries.sort(Comparator.comparing(usedAt::get));
        for (Path entry : entries) {
            if (total <= settings.sizeLimit()) {
                return;
            }
            if (!entry.equals(keep) && tryEvict(entry)) {
                total -= sizes.get(entry);
            }
        }
    }

    private boolean tryEvict(Path entry) throws IOException {
        ReentrantLock inJvm = ENTRY_LOCKS.computeIfAbsent(entry, e -> new ReentrantLock());
        if (!inJvm.tryLock()) {
            return false;
        }
        String id = entry.getFileName().toString();
        try (FileChannel lockChannel = FileChannel.open(sibling(id, ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock locked = lockChannel.tryLock()) {
            if (locked == null || IN_USE.containsKey(entry)) {
                return false;
            }
            try (FileChannel useChannel = FileChannel.open(sibling(id, ".use"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock unused = useChannel.tryLock()) {
                if (unused == null) {
                    return false;
                }
                DatasetFiles.deleteTree(entry);
                Files.deleteIfExists(sibling(id, ".stamp"));
                return true;
            }
        } finally {
            inJvm.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel, IOException cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private Path sibling(String id, String suffix) {
        return root.resolve(id + suffix);
    }

    @Override
    public void close() {
        // Leases release their entries; the cache itself holds nothing open.
    }

    /** This JVM's shared lock on one entry's {@code .use} file, and how many runs hold it. */
    private static final class EntryUse {
        private final FileChannel channel;
        private final FileLock lock;
        private int holders = 1;

        EntryUse(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock anyway; nothing is lost
            }
        }
    }
}
