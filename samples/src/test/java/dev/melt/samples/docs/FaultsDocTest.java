package dev.melt.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.Fault;
import dev.melt.generator.FaultKind;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.LogRecord;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.ReadMode;
import dev.melt.generator.Signal;
import dev.melt.generator.SkippedLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of docs/faults.md, run: a log pipeline fed a dataset with telemetry faults. */
class FaultsDocTest {

    @TempDir
    Path temp;

    @Test
    void aPipelineReadsAFaultedDatasetTolerantly() throws IOException {
        Path dir = temp.resolve("faulted");
        GenerationConfig spec = GenerationConfig.builder()
                .duration(Duration.ofMinutes(30)).seed(7)
                .faults(FaultKind.GAP, FaultKind.DUPLICATE, FaultKind.MALFORMED)
                .build();
        new MeltGenerator(spec).generate(dir);

        MeltData data = MeltData.open(dir, ReadMode.TOLERANT);
        Set<LogRecord> unique = new HashSet<>();
        long read;
        try (Stream<LogRecord> logs = data.logs()) {
            read = logs.peek(unique::add).count();
        }
        for (SkippedLine bad : data.skippedLines().lines()) {
            System.out.println(bad);   // <dir>/logs.jsonl:812: malformed or truncated line: ...
        }
        Fault duplicates = data.groundTruth().faultsOf(FaultKind.DUPLICATE).get(0);
        System.out.println(duplicates.host() + " " + duplicates.start() + " to " + duplicates.end());

        // Every line of the manifest's count is either read or skipped; the duplicates are read twice.
        assertThat(read + data.skippedLines().count()).isEqualTo(data.manifest().file(Signal.LOGS).records());
        assertThat(data.skippedLines().count()).isPositive();
        assertThat(unique.size()).isLessThan((int) read);
        Fault malformed = data.groundTruth().faultsOf(FaultKind.MALFORMED).get(0);
        assertThat(data.skippedLines().lines()).allSatisfy(l -> assertThat(l.file()).hasFileName("logs.jsonl"));
        assertThat(malformed.files()).containsExactly("logs.jsonl");
    }
}
