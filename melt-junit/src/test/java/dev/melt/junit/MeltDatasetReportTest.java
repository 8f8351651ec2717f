package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.Difficulty;
import dev.melt.generator.MeltData;
import dev.melt.generator.SpecFile;
import dev.melt.junit.internal.DatasetSpec;
import java.io.ByteArrayOutputStream;
import dev.melt.cli.MeltCli;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MeltDatasetReportTest {

    @TempDir
    Path cache;

    @Test
    void aFailedTestReportsTheSeedTheSpecAndTheCommandThatRegeneratesItsDataset(@TempDir Path outputs)
            throws IOException {
        EngineExecutionResults results = MeltTestKit.withCache(cache).withOutputs(outputs)
                .run(CacheTestCases.Failing.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        List<Map<String, String>> entries = reportEntries(results, "missesTheSpike");
        assertThat(entries).hasSize(1);
        Map<String, String> entry = entries.get(0);
        Path specFile = Path.of(entry.get("melt.spec.file"));
        assertThat(specFile).startsWith(outputs).hasFileName("melt-spec-" + DatasetSpec.of(SpecFile.read(specFile)).id()
                + ".json");
        assertThat(entry).containsEntry("melt.seed", "51")
                .containsEntry("melt.spec", "size=1MB, anomalies=[cpu_spike], seed=51")
                .containsEntry("melt.command", "./melt generate --spec " + specFile + " --seed 51 --output melt-data-51");
        assertThat(Path.of(entry.get("melt.dataset"))).isDirectory();
        assertThat(SpecFile.read(specFile)).isEqualTo(MeltData.open(Path.of(entry.get("melt.dataset"))).manifest().spec());
    }

    @Test
    void aFailedTestPrintsTheSeedAndTheCommandOnItsOutput(@TempDir Path outputs) {
        ConsoleRun run = runCapturingOutput(MeltTestKit.withCache(cache).withOutputs(outputs),
                CacheTestCases.Failing.class);

        String command = reportEntries(run.results, "missesTheSpike").get(0).get("melt.command");
        assertThat(run.output.lines().filter(line -> line.startsWith("[melt] ")))
                .containsExactly("[melt] missesTheSpike(MeltData) failed with seed 51 (dataset size=1MB,"
                        + " anomalies=[cpu_spike], seed=51); regenerate it with: " + command);
    }

    @Test
    void withoutAnOutputDirectoryTheCommandReadsTheDatasetsManifest() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(CacheTestCases.Failing.class);

        Map<String, String> entry = reportEntries(results, "missesTheSpike").get(0);
        assertThat(entry.get("melt.spec.file")).isEqualTo(Path.of(entry.get("melt.dataset"), "manifest.json").toString());
    }

    @Test
    void theCommandPrintedForASubtleCustomTopologyRegeneratesTheSameBytes(@TempDir Path outputs,
                                                                           @TempDir Path again) throws IOException {
        ConsoleRun run = runCapturingOutput(MeltTestKit.withCache(cache).withOutputs(outputs),
                CacheTestCases.FailingSubtleCustomTopology.class);
        run.results.testEvents().assertStatistics(stats -> stats.failed(1));
        String line = run.output.lines().filter(l -> l.startsWith("[melt] ")).findFirst().orElseThrow();
        String command = line.substring(line.indexOf("regenerate it with: ") + "regenerate it with: ".length());
        assertThat(command).startsWith("./melt generate --spec ").contains(" --seed 23 ").doesNotContain("'", "#");

        List<String> args = new ArrayList<>(List.of(command.substring("./melt ".length()).split(" ")));
        args.set(args.indexOf("--output") + 1, again.resolve("data").toString());
        args.add("--quiet");
        StringWriter err = new StringWriter();
        int exit = MeltCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(exit).as(err.toString()).isZero();
        Path cached = (Path) Recorded.single("directory");
        assertThat(MeltData.open(cached).manifest().spec().anomalyConfig().difficulty()).isEqualTo(Difficulty.SUBTLE);
        assertThat(MeltData.open(cached).manifest().spec().services()).containsExactly("gateway", "orders", "stock");
        List<Path> files;
        try (Stream<Path> list = Files.list(cached)) {
            files = list.map(Path::getFileName).sorted().collect(Collectors.toList());
        }
        assertThat(files).contains(Path.of("manifest.json"), Path.of("traces.jsonl"));
        for (Path file : files) {
            assertThat(Files.mismatch(again.resolve("data").resolve(file), cached.resolve(file))).as(file.toString())
                    .isEqualTo(-1L);
        }
    }

    @Test
    void aGenerationIsLoggedAtInfoAndACacheHitAtConfigWithThePath() {
        Logger logger = Logger.getLogger(MeltDataset.class.getName());
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = logger.getLevel();
        logger.setLevel(Level.CONFIG);
        logger.addHandler(handler);
        try {
            MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);
            Path directory = ((MeltData) Recorded.single("data")).directory();
            MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);

            assertThat(logged).extracting(LogRecord::getLevel, LogRecord::getMessage).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Level.INFO, logged.get(0).getMessage()),
                    org.assertj.core.groups.Tuple.tuple(Level.CONFIG, "melt: dataset size=2MB, anomalies=[], seed=41"
                            + " from the cache at " + directory));
            assertThat(logged.get(0).getMessage()).startsWith("melt: generated dataset size=2MB, anomalies=[], seed=41 in ")
                    .endsWith(" s into " + directory);
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
    }

    @Test
    void trafficScaledBelowTheFloorIsLoggedAsAWarningNamingTheScale() {
        Logger logger = Logger.getLogger(MeltDataset.class.getName());
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            MeltTestKit.withCache(cache).run(CacheTestCases.OneSpec.class);
            assertThat(logged).as("a size alone keeps the traffic").isEmpty();
            MeltTestKit.withCache(cache).run(CacheTestCases.SparseTraffic.class);
            double scale = ((MeltData) Recorded.single("data")).manifest().trafficScale();
            assertThat(scale).isLessThan(dev.melt.generator.Manifest.SPARSE_TRAFFIC_SCALE);
            assertThat(logged).extracting(LogRecord::getMessage).containsExactly(String.format(java.util.Locale.ROOT,
                    "melt: dataset size=3MB, duration=20m, anomalies=[], seed=43 has traffic scale %.2g, below 0.1:"
                    + " its size leaves the deepest services a few requests per metrics interval or fewer, so request"
                    + " counts and rates are sparse; increase the size or shorten the duration", scale));
        } finally {
            logger.removeHandler(handler);
        }
    }

    /** The results of a kit run and what its tests printed on standard output. */
    private record ConsoleRun(EngineExecutionResults results, String output) {
    }

    private static ConsoleRun runCapturingOutput(MeltTestKit kit, Class<?> fixture) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return new ConsoleRun(kit.run(fixture), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void aFailedTestPublishesTheManifestAsAFile(@TempDir Path outputs) {
        EngineExecutionResults results = MeltTestKit.withCache(cache).withOutputs(outputs)
                .run(CacheTestCases.Failing.class);

        List<FileEntry> files = results.testEvents().fileEntryPublished().stream()
                .map(e -> e.getPayload(FileEntry.class).orElseThrow())
                .collect(Collectors.toList());
        assertThat(files).filteredOn(file -> file.getPath().getFileName().toString().startsWith("melt-manifest-"))
                .singleElement().satisfies(file -> {
            assertThat(file.getPath().getFileName().toString()).startsWith("melt-manifest-").endsWith(".json");
            assertThat(file.getMediaType()).hasValue("application/json");
            assertThat(file.getPath()).content().contains("\"seed\"");
        });
    }

    @Test
    void aFailedMeltAssertionAttachesItsHtmlReportAndPrintsWhereItIs(@TempDir Path outputs) throws IOException {
        ConsoleRun run = runCapturingOutput(MeltTestKit.withCache(cache).withOutputs(outputs),
                CacheTestCases.FailingMeltAssertion.class);

        List<FileEntry> reports = run.results().testEvents().fileEntryPublished().stream()
                .map(e -> e.getPayload(FileEntry.class).orElseThrow())
                .filter(file -> file.getPath().getFileName().toString().equals("melt-report-1.html"))
                .collect(Collectors.toList());
        assertThat(reports).singleElement().satisfies(file -> {
            assertThat(file.getMediaType()).hasValue("text/html");
            assertThat(file.getPath()).content().contains("<html").contains("class=\"missed\">missed<");
        });
        assertThat(run.output()).contains("missesTheSpike(MeltData): report of the failed assertion: ")
                .contains("melt-report-1.html");
    }

    @Test
    void aPassingTestReportsNothing() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(CacheTestCases.Failing.class);

        assertThat(reportEntries(results, "passes")).isEmpty();
    }

    @Test
    void theReportedSeedIsTheGlobalOverrideWhenOneIsSet() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).with(MeltDataset.SEED_PROPERTY_NAME, "99")
                .run(CacheTestCases.Failing.class);

        Map<String, String> entry = reportEntries(results, "missesTheSpike").get(0);
        assertThat(entry).containsEntry("melt.seed", "99");
        assertThat(entry.get("melt.command")).contains("--seed 99");
    }

    private static List<Map<String, String>> reportEntries(EngineExecutionResults results, String method) {
        return results.testEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey("melt.seed"))
                .collect(Collectors.toList());
    }
}
