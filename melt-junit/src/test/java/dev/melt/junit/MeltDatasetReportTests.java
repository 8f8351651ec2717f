package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MeltDatasetReportTests {

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
