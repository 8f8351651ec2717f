package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.cli.MeltCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MeltDatasetReportTest {

    @TempDir
    Path cache;

    @Test
    void aFailedTestReportsTheSeedTheSpecAndTheCommandThatRegeneratesItsDataset() {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(CacheTestCases.Failing.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        List<Map<String, String>> entries = reportEntries(results, "missesTheSpike");
        assertThat(entries).hasSize(1);
        Map<String, String> entry = entries.get(0);
        assertThat(entry).containsEntry("melt.seed", "51")
                .containsEntry("melt.spec", "size=1MB, anomalies=[cpu_spike], seed=51")
                .containsEntry("melt.command",
                        "./melt generate --size 1MB --anomalies cpu_spike --seed 51 --output melt-data-51");
        assertThat(Path.of(entry.get("melt.dataset"))).isDirectory();
    }

    @Test
    void theReportedCommandRegeneratesTheSameBytes(@TempDir Path output) throws IOException {
        EngineExecutionResults results = MeltTestKit.withCache(cache).run(CacheTestCases.Failing.class);
        Map<String, String> entry = reportEntries(results, "missesTheSpike").get(0);
        String command = entry.get("melt.command");
        assertThat(command).startsWith("./melt generate ");
        List<String> args = new ArrayList<>(List.of(command.substring("./melt ".length()).split(" ")));
        args.set(args.indexOf("--output") + 1, output.resolve("again").toString());
        args.add("--quiet");

        int exit = MeltCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));

        assertThat(exit).isZero();
        Manifest cached = MeltData.open(Path.of(entry.get("melt.dataset"))).manifest();
        Manifest regenerated = MeltData.open(output.resolve("again")).manifest();
        assertThat(regenerated.files()).isEqualTo(cached.files());
    }

    @Test
    void aFailedTestPublishesTheManifestAsAFile(@TempDir Path outputs) {
        EngineExecutionResults results = MeltTestKit.withCache(cache).withOutputs(outputs)
                .run(CacheTestCases.Failing.class);

        List<FileEntry> files = results.testEvents().fileEntryPublished().stream()
                .map(e -> e.getPayload(FileEntry.class).orElseThrow())
                .collect(Collectors.toList());
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.getPath().getFileName().toString()).startsWith("melt-manifest-").endsWith(".json");
            assertThat(file.getMediaType()).hasValue("application/json");
            assertThat(file.getPath()).content().contains("\"seed\"");
        });
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
