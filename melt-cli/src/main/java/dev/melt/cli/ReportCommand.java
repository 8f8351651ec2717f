package dev.melt.cli;

import dev.melt.generator.MeltData;
import dev.melt.generator.report.DatasetReport;
import dev.melt.generator.report.DetectionsFile;
import dev.melt.generator.report.ReportDetection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code melt report}: writes a self-contained HTML report of a dataset and, optionally, of detections. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = MeltCli.Version.class,
        description = {"Writes one self-contained HTML file: per incident the affected services' series with the"
                + " windows shaded and the detections marked, missed incidents and false alarms, the call graph,"
                + " the incident table and per-signal counts.",
                "Detections file: JSON Lines, one per line:"
                        + " {\"timestamp\": \"2024-01-01T00:10:00Z\", \"service\": \"payment\", \"score\": 0.7},"
                        + " optional \"end\" for a range."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:I/O failure", "2:usage error, missing dataset or bad detections file"})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"--data-dir", "-d"}, paramLabel = "DIR", required = true, description = "The dataset directory.")
    private Path dataDir;

    @Option(names = "--detections", paramLabel = "FILE", description = "A detector's detections, JSON Lines.")
    private Path detections;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", required = true, description = "The HTML file to write.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        MeltData data;
        if (!Files.isRegularFile(dataDir.resolve("manifest.json"))) {
            boolean shard = Files.isRegularFile(dataDir.resolve("shard.json"));
            throw new IllegalArgumentException("not a dataset: " + dataDir + (shard ? " (a shard: shard.json, no"
                    + " manifest.json); merge every shard of the dataset with melt merge" : " (no manifest.json)"));
        }
        data = MeltData.open(dataDir);
        List<ReportDetection> found = List.of();
        if (detections != null) {
            if (!Files.isRegularFile(detections)) {
                throw new IllegalArgumentException("no detections file: " + detections);
            }
            try {
                found = DetectionsFile.read(detections);
            } catch (IOException e) {
                throw new IllegalArgumentException(detections + ": cannot be read: " + e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        DatasetReport report = DatasetReport.builder(data).title("melt report: " + dataDir.getFileName())
                .detections(found).build();
        report.writeTo(output);
        PrintWriter out = spec.commandLine().getOut();
        int incidents = data.groundTruth().incidents().size();
        out.printf(Locale.ROOT, "Wrote %s: %d %s, %d %s, %,d bytes in %.1f s%n", output,
                incidents, incidents == 1 ? "incident" : "incidents", found.size(),
                found.size() == 1 ? "detection" : "detections", Files.size(output), (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }
}
