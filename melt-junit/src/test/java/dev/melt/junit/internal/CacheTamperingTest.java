package dev.melt.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.MeltData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache refuses what another user planted and serves no entry it did not verify against the spec. */
class CacheTamperingTest {

    private static final DatasetSpec ONE = DatasetSpec.of(GenerationConfig.builder().size("200KB").seed(1).build());
    private static final DatasetSpec OTHER = DatasetSpec.of(GenerationConfig.builder().size("200KB").seed(2).build());

    @TempDir
    Path temp;

    private static CacheSettings settings(Path directory, boolean full) {
        return new CacheSettings(directory, true, Long.MAX_VALUE, full, OptionalLong.empty(), 1);
    }

    @Test
    void aPlantedSymbolicLinkIsRefusedNotFollowed() throws IOException {
        Path victim = Files.createDirectory(temp.resolve("victims-own-dir"));
        Path link = Files.createSymbolicLink(temp.resolve("melt-cache-victim"), victim);
        assertThatThrownBy(() -> DirectoryCache.open(settings(link, false))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(link + " is a symbolic link");
        assertThat(victim).isEmptyDirectory();
    }

    @Test
    void aDirectorySwappedForALinkAfterTheCheckIsRefused() throws IOException {
        Path dir = temp.resolve("cache");
        DirectoryCache cache = DirectoryCache.open(settings(dir, false));
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.move(dir, temp.resolve("moved-away"));
        Files.createSymbolicLink(dir, elsewhere);
        assertThatThrownBy(() -> cache.acquire(ONE)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir + " is a symbolic link");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void anotherSeedsDatasetUnderThisEntrysNameIsNotServed() throws IOException {
        Path dir = temp.resolve("cache");
        DirectoryCache cache = DirectoryCache.open(settings(dir, false));
        cache.acquire(ONE).close();
        cache.acquire(OTHER).close();
        // Put the other seed's dataset where ONE's entry is, with a stamp that claims ONE's key.
        Path entry = dir.resolve(ONE.id());
        DatasetFiles.deleteTree(entry);
        copyTree(dir.resolve(OTHER.id()), entry);
        List<String> stamp = new ArrayList<>(Files.readAllLines(dir.resolve(OTHER.id() + ".stamp")));
        stamp.set(0, "key\t" + ONE.key());
        Files.write(dir.resolve(ONE.id() + ".stamp"), stamp, StandardCharsets.UTF_8);

        try (DatasetLease lease = cache.acquire(ONE)) {
            assertThat(lease.generated()).as("regenerated, not served").isTrue();
            assertThat(lease.data().manifest().seed()).isEqualTo(1);
            lease.data().verify();
        }
    }

    @Test
    void aManifestWithAnEntryRemovedOverATruncatedFileIsNotServedEvenWithFullVerification() throws IOException {
        Path dir = temp.resolve("cache");
        DirectoryCache cache = DirectoryCache.open(settings(dir, true));
        cache.acquire(ONE).close();
        Path entry = dir.resolve(ONE.id());
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rwx------"));
        Path manifest = entry.resolve("manifest.json");
        Path logs = entry.resolve("logs.jsonl");
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rw-------"));
        String json = Files.readString(manifest);
        String edited = json.replaceFirst("\"logs\\.jsonl\"\\s*:\\s*\\{[^}]*\\}\\s*,", "");
        assertThat(edited).isNotEqualTo(json);
        Files.writeString(manifest, edited);
        try (RandomAccessFile f = new RandomAccessFile(logs.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        try (DatasetLease lease = cache.acquire(ONE)) {
            assertThat(lease.generated()).as("regenerated, not served").isTrue();
            lease.data().verify();
            assertThat(lease.data().manifest().files()).containsKey("logs.jsonl");
        }
    }

    @Test
    void anIntactEntryIsServedFromTheCache() throws IOException {
        DirectoryCache cache = DirectoryCache.open(settings(temp.resolve("cache"), true));
        cache.acquire(ONE).close();
        try (DatasetLease lease = cache.acquire(ONE)) {
            assertThat(lease.generated()).isFalse();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsReportedByPidAndTimesOut() throws Exception {
        Path dir = temp.resolve("cache");
        DirectoryCache cache = DirectoryCache.open(settings(dir, false), Duration.ofMillis(200), Duration.ofSeconds(1));
        Path lockFile = dir.resolve(ONE.id() + ".lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lockFile.toString()).redirectErrorStream(true).start();
        try {
            byte[] ready = holder.getInputStream().readNBytes(7);
            assertThat(new String(ready, StandardCharsets.UTF_8)).isEqualTo("locked\n");
            assertThatThrownBy(() -> cache.acquire(ONE)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(lockFile + ": gave up after waiting 1 s for the cache lock, held by process "
                            + holder.pid() + " since ");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUserWithoutAUsableNameGetsADirectoryNamedByUid() {
        assertThat(CacheSettings.userPart("alice", OptionalLong.of(1000))).isEqualTo("alice");
        assertThat(CacheSettings.userPart("?", OptionalLong.of(1234))).isEqualTo("uid1234");
        assertThat(CacheSettings.userPart("", OptionalLong.of(1234))).isEqualTo("uid1234");
        assertThat(CacheSettings.userPart("?", OptionalLong.empty())).startsWith("user-").isNotEqualTo("user-_");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** Another process: locks a file as the cache does, says so, and holds it. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                channel.write(java.nio.ByteBuffer.wrap(("process " + ProcessHandle.current().pid() + " since now\n")
                        .getBytes(StandardCharsets.UTF_8)));
                System.out.print("locked\n");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
