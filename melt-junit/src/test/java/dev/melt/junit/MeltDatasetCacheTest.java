package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.Signal;
import dev.melt.junit.internal.DatasetGeneration;
import dev.melt.junit.internal.DatasetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MeltDatasetCacheTest {

    private static final GenerationConfig ONE_SPEC = GenerationConfig.builder().size("2MB").seed(41).build();
    private static final GenerationConfig OTHER_SPEC = GenerationConfig.builder().size("1MB").seed(42).build();

    @TempDir
    Path cache;

    @Test
    void generatesEachSpecOnceWhenParallelTestsAskForIt() {
        long before = DatasetGeneration.count();

        MeltTestKit.withCache(cache).run(CacheTestCases.SameSpecInParallel.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));

        assertThat(DatasetGeneration.count() - before).as("generations of two specs").isEqualTo(2);
        List<Object> first = Recorded.get("31");
        List<Object> second = Recorded.get("32");
        assertThat(first).hasSize(3).containsOnly(entry(GenerationConfig.builder().size("1MB").seed(31).build()));
        assertThat(second).hasSize(3).containsOnly(entry(GenerationConfig.builder().size("1MB").seed(32).build()));
    }

    @Test
    void withTheCacheOffTheRunStoreStillGeneratesEachSpecOnce() {
        long before = DatasetGeneration.count();

        MeltTestKit.withCache(cache).with(MeltDataset.CACHE_ENABLED_PROPERTY_NAME, "false")
                .run(CacheTestCases.SameSpecInParallel.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));

        assertThat(DatasetGeneration.count() - before).as("generations of two specs").isEqualTo(2);
        assertThat(Recorded.get("31")).hasSize(3).containsOnly(Recorded.get("31").get(0));
    }

    @Test
    void aDatasetChangedByATestIsNotServedToTheNextOne() {
        MeltTestKit.withCache(cache).run(CacheTestCases.WritesIntoItsDataset.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("writes"), finishedSuccessfully()))
                .haveExactly(1, event(test("readsAgain"), finishedWithFailure(message(m ->
                        m.contains("events.jsonl: changed since the dataset was checked at the start of this run")))));
    }

    @Test
    void aSecondRunReusesTheCachedDataset() throws IOException {
        long before = DatasetGeneration.count();
        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));
        FileTime written = Files.getLastModifiedTime(entry(ONE_SPEC).resolve("manifest.json"));

        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(DatasetGeneration.count() - before).as("generations over two runs").isEqualTo(1);
        assertThat(((MeltData) Recorded.single("data")).directory()).isEqualTo(entry(ONE_SPEC));
        assertThat(Files.getLastModifiedTime(entry(ONE_SPEC).resolve("manifest.json"))).isEqualTo(written);
    }

    @Test
    void withTheCacheOffEachRunGeneratesIntoATemporaryDirectoryItDeletes() {
        long before = DatasetGeneration.count();

        for (int run = 0; run < 2; run++) {
            MeltTestKit.withCache(cache).with(MeltDataset.CACHE_ENABLED_PROPERTY_NAME, "false")
                    .run(CacheTestCases.OneSpec.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
            assertThat(((MeltData) Recorded.single("data")).directory()).doesNotExist();
        }

        assertThat(DatasetGeneration.count() - before).isEqualTo(2);
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void aTruncatedFileIsNoticedAndTheEntryRegenerated() throws IOException {
        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);
        Path metrics = entry(ONE_SPEC).resolve(Signal.METRICS.fileName());
        long size = Files.size(metrics);
        makeWritable(metrics);
        try (SeekableByteChannel channel = Files.newByteChannel(metrics, StandardOpenOption.WRITE)) {
            channel.truncate(size / 2);
        }
        long before = DatasetGeneration.count();

        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(DatasetGeneration.count() - before).isEqualTo(1);
        assertIntact(entry(ONE_SPEC));
    }

    @Test
    void aSameSizeEditHiddenFromTheQuickCheckIsFoundByTheFullCheck() throws IOException {
        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);
        Path logs = entry(ONE_SPEC).resolve(Signal.LOGS.fileName());
        FileTime modified = Files.getLastModifiedTime(logs);
        byte[] bytes = Files.readAllBytes(logs);
        bytes[bytes.length / 2] = (byte) (bytes[bytes.length / 2] == 'x' ? 'y' : 'x');
        makeWritable(logs);
        Files.write(logs, bytes);
        Files.setLastModifiedTime(logs, modified);
        long before = DatasetGeneration.count();

        MeltTestKit.withCache(cache).with(MeltDataset.CACHE_VERIFY_PROPERTY_NAME, "full")
                .run(CacheTestCases.OneSpec.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(DatasetGeneration.count() - before).isEqualTo(1);
        assertIntact(entry(ONE_SPEC));
    }

    @Test
    void aTouchedButIntactEntryIsRehashedAndKeptNotRegenerated() throws IOException {
        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);
        Path stamp = cache.resolve(DatasetSpec.of(ONE_SPEC).id() + ".stamp");
        String stampBefore = Files.readString(stamp);
        Path traces = entry(ONE_SPEC).resolve(Signal.TRACES.fileName());
        Files.setLastModifiedTime(traces, FileTime.fromMillis(Files.getLastModifiedTime(traces).toMillis() - 60_000));
        long before = DatasetGeneration.count();

        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(DatasetGeneration.count() - before).isZero();
        assertThat(Files.readString(stamp)).as("the stamp records the new modification time")
                .isNotEqualTo(stampBefore);
    }

    @Test
    void theGlobalSeedReplacesTheAnnotationsSeed() {
        MeltTestKit.withCache(cache).with(MeltDataset.SEED_PROPERTY_NAME, "7").run(CacheTestCases.OneSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        MeltData data = (MeltData) Recorded.single("data");
        assertThat(data.manifest().seed()).isEqualTo(7L);
        assertThat(data.directory()).isEqualTo(entry(GenerationConfig.builder().size("2MB").seed(7).build()));
    }

    @Test
    void beyondTheSizeLimitTheLeastRecentlyUsedEntryNotInUseIsEvicted() {
        MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);
        assertThat(entry(ONE_SPEC)).isDirectory();

        MeltTestKit.withCache(cache).with(MeltDataset.CACHE_SIZE_LIMIT_PROPERTY_NAME, "1KB")
                .run(CacheTestCases.OtherSpec.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(entry(ONE_SPEC)).doesNotExist();
        assertThat(entry(OTHER_SPEC)).isDirectory();
    }

    @Test
    void anEntryInUseIsNotEvictedEvenBeyondTheLimit() {
        MeltTestKit.withCache(cache).with(MeltDataset.CACHE_SIZE_LIMIT_PROPERTY_NAME, "1KB")
                .run(CacheTestCases.SameSpecInParallel.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));

        assertThat(entry(GenerationConfig.builder().size("1MB").seed(31).build())).isDirectory();
        assertThat(entry(GenerationConfig.builder().size("1MB").seed(32).build())).isDirectory();
    }

    @Test
    void theCacheDirectoryIsCreatedOwnerOnly() throws IOException {
        Path nested = cache.resolve("shared-tmp").resolve("melt");

        MeltTestKit.withCache(nested).run(CacheTestCases.OtherSpec.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    }

    @Test
    void aCacheDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        Path foreign = Files.createDirectory(cache.resolve("foreign"));
        try {
            UserPrincipal nobody = foreign.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody");
            Files.setOwner(foreign, nobody);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("only a privileged user can hand a directory to another user: " + e);
        }

        EngineExecutionResults results = MeltTestKit.withCache(foreign).run(CacheTestCases.OtherSpec.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("uses"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("parameter [dev.melt.generator.MeltData data]")
                                && m.contains("cannot use the cache directory " + foreign)
                                && m.contains("is owned by nobody") && m.contains("melt.cache.dir")))));
    }

    private Path entry(GenerationConfig config) {
        return cache.resolve(DatasetSpec.of(config).id());
    }

    private static void makeWritable(Path file) throws IOException {
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void assertIntact(Path entry) throws IOException {
        Manifest manifest = MeltData.open(entry).manifest();
        assertThat(manifest.files()).isNotEmpty();
        for (Map.Entry<String, Manifest.FileEntry> file : manifest.files().entrySet()) {
            assertThat(sha256(entry.resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue().sha256());
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
