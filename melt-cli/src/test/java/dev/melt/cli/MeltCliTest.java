package dev.melt.cli;

import static dev.melt.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.SpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeltCliTest {

    @TempDir
    Path temp;


    @Test
    void generateWritesADatasetThatInfoDescribes() {
        Path dir = temp.resolve("data");
        CliRun generate = run("generate", "--size", "3MB", "--anomalies", "cpu_spike,error_burst", "--seed", "42",
                "--output", dir.toString(), "--threads", "2");
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(generate.out()).startsWith("Wrote " + dir + ": ");
        assertThat(dir.resolve("manifest.json")).exists();

        CliRun info = run("info", "--data-dir", dir.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("seed 42", "metrics.jsonl", "events.jsonl", "logs.jsonl", "traces.jsonl",
                "total", "Time span 2024-01-01T00:00:00Z", "Anomalies cpu_spike, error_burst", "Incidents");
        assertThat(generate.out()).contains(", traffic scale 1.0, 20 requests/s per entry service");
        assertThat(info.out()).contains("Traffic   scale 1.0, 20 requests/s per entry service").doesNotContain("Warning");
        assertThat(generate.err()).doesNotContain("warning");
    }

    @Test
    void infoNamesTheEdgeOfANetworkIncident() throws IOException {
        Path dir = temp.resolve("network");
        CliRun generate = run("generate", "--size", "2MB", "--anomalies", "network_delay,packet_loss", "--seed", "5",
                "--output", dir.toString(), "--quiet");
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        CliRun info = run("info", "--data-dir", dir.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        for (dev.melt.generator.Incident i : MeltData.open(dir).groundTruth().incidents()) {
            String edge = i.rootCause().caller() + " -> " + i.rootCause().callee();
            assertThat(info.out()).containsPattern(i.id() + " +" + i.type().id() + " +" + java.util.regex.Pattern.quote(edge));
        }
    }

    @Test
    void twinOfWritesTheSameWorldWithoutItsIncidents() throws IOException {
        Path dir = temp.resolve("original");
        assertThat(run("generate", "--size", "3MB", "--anomalies", "cpu_spike,error_burst", "--seed", "42", "--output",
                dir.toString(), "--quiet").exitCode()).isZero();
        Path twin = temp.resolve("twin");
        CliRun all = run("generate", "--twin-of", dir.toString(), "--output", twin.toString(), "--quiet");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains(", 0 incidents, ");
        MeltData original = MeltData.open(dir);
        assertThat(MeltData.open(twin).manifest().spec()).isEqualTo(original.manifest().spec().twin());
        assertThat(MeltData.open(twin).manifest().end()).isEqualTo(original.manifest().end());
        assertThat(run("info", "--data-dir", twin.toString()).out())
                .contains("Twin      the counterfactual twin of this spec without any incident");
        assertThat(run("info", "--data-dir", dir.toString()).out()).doesNotContain("Twin ");

        // --without alone describes the original inline; it gives the bytes --twin-of --without gives.
        String first = original.groundTruth().incidents().get(0).id();
        Path one = temp.resolve("one");
        Path inline = temp.resolve("inline");
        assertThat(run("generate", "--twin-of", dir.toString(), "--without", first, "--output", one.toString(),
                "--quiet").exitCode()).isZero();
        assertThat(run("generate", "--size", "3MB", "--anomalies", "cpu_spike,error_burst", "--seed", "42",
                "--without", first, "--output", inline.toString(), "--quiet").exitCode()).isZero();
        assertThat(MeltData.open(one).groundTruth().incidents()).isEqualTo(original.groundTruth().incidents()
                .subList(1, original.groundTruth().incidents().size()));
        assertThat(run("info", "--data-dir", one.toString()).out())
                .contains("Twin      the counterfactual twin of this spec without " + first);
        assertThat(Files.readAllBytes(inline.resolve("logs.jsonl"))).isEqualTo(Files.readAllBytes(one.resolve("logs.jsonl")));

        CliRun unknown = run("generate", "--twin-of", dir.toString(), "--without", "inc-0099", "--output",
                temp.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("melt: without: inc-0099 is not an incident of this spec; expected one of "
                + first);
        CliRun seed = run("generate", "--twin-of", dir.toString(), "--seed", "7", "--output", temp.resolve("y").toString());
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).isEqualTo("melt: --twin-of and --seed cannot be combined: a twin has its original's spec"
                + ", seed and faults; drop --seed" + System.lineSeparator());
        CliRun faults = run("generate", "--twin-of", dir.toString(), "--faults", "gap", "--output",
                temp.resolve("f").toString());
        assertThat(faults.exitCode()).isEqualTo(2);
        assertThat(faults.err()).startsWith("melt: --twin-of and --faults cannot be combined");

        // A twin of a twin keeps out what the first left out: the same bytes as leaving out both at once.
        String second = original.groundTruth().incidents().get(1).id();
        Path twinOfTwin = temp.resolve("twin-of-twin");
        CliRun again = run("generate", "--twin-of", one.toString(), "--without", second, "--output",
                twinOfTwin.toString(), "--quiet");
        assertThat(again.exitCode()).as(again.err()).isZero();
        Path both = temp.resolve("both");
        assertThat(run("generate", "--twin-of", dir.toString(), "--without", first + "," + second, "--output",
                both.toString(), "--quiet").exitCode()).isZero();
        assertThat(MeltData.open(twinOfTwin).groundTruth().incidents()).isEqualTo(MeltData.open(both).groundTruth()
                .incidents());
        assertThat(Files.readAllBytes(twinOfTwin.resolve("metrics.jsonl")))
                .isEqualTo(Files.readAllBytes(both.resolve("metrics.jsonl")));
        CliRun repeated = run("generate", "--twin-of", one.toString(), "--without", first, "--output",
                temp.resolve("r").toString());
        assertThat(repeated.exitCode()).isEqualTo(2);
        assertThat(repeated.err()).isEqualTo("melt: without: " + first + " is not accepted: " + one
                + " leaves it out already; expected another incident of its original" + System.lineSeparator());
        CliRun notADataset = run("generate", "--twin-of", temp.toString(), "--output", temp.resolve("z").toString());
        assertThat(notADataset.exitCode()).isEqualTo(2);
        assertThat(notADataset.err()).isEqualTo("melt: twin-of: " + temp + " is not accepted; expected a dataset"
                + " directory with a manifest.json" + System.lineSeparator());
        CliRun blank = run("generate", "--size", "1MB", "--without", "inc-0001,", "--output", temp.resolve("w").toString());
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).startsWith("melt: without: 'inc-0001,' is not accepted: an empty id");
    }

    @Test
    void aSizeThatThinsTheTrafficBelowTheFloorIsPrintedWithAWarning() throws IOException {
        Path dir = temp.resolve("sparse");
        CliRun generate = run("generate", "--size", "9MB", "--duration", "1h", "--output", dir.toString(), "--quiet");
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        Manifest manifest = MeltData.open(dir).manifest();
        assertThat(manifest.trafficScale()).isLessThan(Manifest.SPARSE_TRAFFIC_SCALE);
        String scale = String.format(Locale.ROOT, "%.2g", manifest.trafficScale());
        assertThat(generate.out()).contains(", traffic scale " + scale + ", "
                + String.format(Locale.ROOT, "%.2g", manifest.entryRequestRate()) + " requests/s per entry service");
        assertThat(generate.err()).isEqualTo("melt: warning: traffic scale " + scale + " is below 0.1: size 9MB over 1h"
                + " leaves the deepest services a few requests per metrics interval or fewer, so request counts and rates"
                + " are sparse (request_rate reads 0 ever more often below it); increase the size or shorten the duration"
                + System.lineSeparator());

        CliRun info = run("info", "--data-dir", dir.toString());
        assertThat(info.out()).contains("Traffic   scale " + scale + ", ", "Warning   traffic scale " + scale + " is below 0.1");

        Path json = dir.resolve("manifest.json");
        Files.writeString(json, Files.readString(json).replaceAll("\\s*\"traffic_scale\" : [^,]*,", ""));
        CliRun old = run("info", "--data-dir", dir.toString());
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.out()).contains("Traffic   scale unknown (written before the manifest recorded it)")
                .doesNotContain("Warning");
    }

    @Test
    void formatSelectsTheFilesAndInfoListsThem() throws IOException {
        Path both = temp.resolve("both");
        CliRun generate = run("generate", "--size", "1MB", "--seed", "3", "--format", "jsonl,openmetrics", "--output",
                both.toString(), "--quiet");
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(generate.out()).containsPattern("^Wrote " + java.util.regex.Pattern.quote(both.toString())
                + ": [0-9,]+ records, [0-9.]+ [kM]?B and metrics\\.om [0-9,]+ samples, [0-9.]+ [kM]?B in ");
        assertThat(both.resolve("metrics.om")).exists();
        assertThat(Files.readString(both.resolve("metrics.om"))).startsWith("# TYPE cpu_usage gauge\n").endsWith("# EOF\n");
        CliRun info = run("info", "--data-dir", both.toString(), "--verify");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("metrics\\.om +[0-9,]+ +[0-9.]+ [kM]?B  openmetrics");
        // Without jsonl: only the OpenMetrics file and the ground truth, the same bytes.
        Path only = temp.resolve("only");
        CliRun openMetrics = run("generate", "--size", "1MB", "--seed", "3", "--format", "OpenMetrics", "--output",
                only.toString(), "--quiet");
        assertThat(openMetrics.exitCode()).as(openMetrics.err()).isZero();
        assertThat(openMetrics.out()).startsWith("Wrote " + only + ": metrics.om ").doesNotContain("records");
        assertThat(only.resolve("metrics.jsonl")).doesNotExist();
        assertThat(Files.readAllBytes(only.resolve("metrics.om"))).isEqualTo(Files.readAllBytes(both.resolve("metrics.om")));
        // OTLP JSON: four files of export requests, listed by info and checked by --verify.
        Path otlp = temp.resolve("otlp");
        CliRun otlpRun = run("generate", "--size", "1MB", "--seed", "3", "--format", "otlp", "--output",
                otlp.toString(), "--quiet");
        assertThat(otlpRun.exitCode()).as(otlpRun.err()).isZero();
        assertThat(otlpRun.out()).startsWith("Wrote " + otlp + ": ").contains("traces.otlp.jsonl ")
                .containsPattern("metrics\\.otlp\\.jsonl [0-9,]+ lines").doesNotContain("records");
        assertThat(Files.readString(otlp.resolve("traces.otlp.jsonl"))).startsWith("{\"resourceSpans\":[");
        CliRun otlpInfo = run("info", "--data-dir", otlp.toString(), "--verify");
        assertThat(otlpInfo.exitCode()).as(otlpInfo.err()).isZero();
        assertThat(otlpInfo.out()).containsPattern("logs\\.otlp\\.jsonl +[0-9,]+ +[0-9.]+ [kM]?B  otlp");
        // The default is JSONL alone.
        Path jsonl = temp.resolve("jsonl");
        assertThat(run("generate", "--size", "1MB", "--seed", "3", "--output", jsonl.toString(), "--quiet").exitCode())
                .isZero();
        assertThat(jsonl.resolve("metrics.om")).doesNotExist();
        assertThat(Files.readAllBytes(jsonl.resolve("metrics.jsonl")))
                .isEqualTo(Files.readAllBytes(both.resolve("metrics.jsonl")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--size, 10XB, size: '10XB' has unknown unit",
        "--size, -5MB, size: '-5MB' is not accepted",
        "--size, 0, size: '0' is not accepted",
        "--anomalies, 'cpu_spike,disk_full', anomalies: unknown anomaly type 'disk_full'",
        "--duration, -2h, duration: '-2h' is not accepted",
        "--duration, 2 weeks, duration: '2 weeks' is not accepted",
        "--threads, 0, threads: 0 is not accepted",
        "--difficulty, hard, difficulty: 'hard' is not accepted; expected subtle, normal or loud",
        "--request-rate, fast, request-rate: 'fast' is not accepted; expected requests per second",
        "--request-rate, 0, request-rate: 0 is not accepted; expected requests per second per entry service",
        "--request-rate, 1e7, request-rate: 10000000 is not accepted; expected requests per second per entry service",
        "--trace-sampling, 1.5, trace-sampling: 1.5 is not accepted; expected a share of requests",
        "--format, 'jsonl,parquet', format: 'parquet' is not accepted; expected one or more of jsonl, openmetrics, otlp",
        "--format, '', format: '' is not accepted; expected one or more of jsonl, openmetrics, otlp",
        "--faults, 'gap,jitter', fault: 'jitter' is not accepted; expected one or more of gap, duplicate, malformed, late, clock_skew, dropped_spans, comma-separated",
    })
    void badValuesGetOneLineAndExitCodeTwo(String option, String value, String message) {
        Path dir = temp.resolve("bad");
        CliRun r = run("generate", option, value, "--output", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("melt: " + message).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
        assertThat(dir.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void faultsAreInjectedAndListedByInfo() throws IOException {
        Path dir = temp.resolve("faulted");
        CliRun generate = run("generate", "--duration", "20m", "--faults", "gap,malformed", "--seed", "4", "--output",
                dir.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        dev.melt.generator.GroundTruth truth = dev.melt.generator.MeltData.open(dir).groundTruth();
        assertThat(truth.faults()).extracting(dev.melt.generator.Fault::kind).containsExactlyInAnyOrder(
                dev.melt.generator.FaultKind.GAP, dev.melt.generator.FaultKind.MALFORMED);
        CliRun info = run("info", "--data-dir", dir.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Faults    2", "flt-0001", "flt-0002", " gap ", " malformed ");
        CliRun clean = run("info", "--data-dir", generateClean().toString());
        assertThat(clean.out()).doesNotContain("Faults");
    }

    private Path generateClean() {
        Path dir = temp.resolve("clean");
        assertThat(run("generate", "--size", "200KB", "--output", dir.toString()).exitCode()).isZero();
        return dir;
    }

    @Test
    void anOutputPathThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(temp.resolve("file.txt"), "x");
        CliRun r = run("generate", "--size", "100KB", "--output", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("melt: output: " + file + " is not accepted: it is a file; expected an absent"
                + " or empty directory" + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void anOutputPathUnderADirectoryThatIsNotWritableIsAUsageError() throws Exception {
        Path locked = Files.createDirectories(temp.resolve("locked"));
        // Root may write anywhere a mode allows nothing, but not into an immutable directory.
        boolean root = "root".equals(System.getProperty("user.name"));
        String[] lock = root ? new String[] {"chattr", "+i", locked.toString()}
                : new String[] {"chmod", "555", locked.toString()};
        String[] unlock = root ? new String[] {"chattr", "-i", locked.toString()}
                : new String[] {"chmod", "755", locked.toString()};
        Assumptions.assumeTrue(command(lock), "this file system lets the test lock a directory");
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "the locked directory is not writable");
            Path output = locked.resolve("sub").resolve("data");
            CliRun r = run("generate", "--size", "100KB", "--output", output.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("melt: output: " + output + " is not accepted: " + locked
                    + " is not writable; expected a path where a directory can be created" + System.lineSeparator());
            assertThat(locked.resolve("sub")).doesNotExist();
        } finally {
            command(unlock);
        }
    }

    private static boolean command(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            // The command is not installed here.
            return false;
        }
    }

    @Test
    void aNonEmptyOutputDirectoryIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("full"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        CliRun r = run("generate", "--size", "100KB", "--output", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not empty");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("keep.txt"));
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun r = run("generate", "--sise", "1MB", "--output", temp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("'--sise'");
    }

    @Test
    void infoOnSomethingThatIsNotADatasetIsAnIoFailure() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        CliRun r = run("info", "--data-dir", empty.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("melt: " + empty.resolve("manifest.json") + ": not a complete dataset");
    }

    @Test
    void anEmptyOutputOrAnomaliesValueIsAUsageError() {
        CliRun output = run("generate", "--size", "100KB", "--output", "");
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).isEqualTo("melt: output: '' is not accepted; expected the path of an absent or empty"
                + " directory" + System.lineSeparator());
        Path dir = temp.resolve("none");
        CliRun anomalies = run("generate", "--size", "100KB", "--anomalies", "", "--output", dir.toString());
        assertThat(anomalies.exitCode()).isEqualTo(2);
        assertThat(anomalies.err()).startsWith("melt: anomalies: '' is not accepted: an empty type; expected cpu_spike")
                .hasLineCount(1);
        assertThat(dir).doesNotExist();
    }

    @Test
    void anOutputPathWhereNoDirectoryCanBeCreatedIsAUsageErrorThatSaysWhy() throws IOException {
        Path dangling = Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("missing").resolve("target"));
        CliRun link = run("generate", "--size", "100KB", "--output", dangling.toString());
        assertThat(link.exitCode()).isEqualTo(2);
        assertThat(link.err()).isEqualTo("melt: output: " + dangling + " is not accepted: it is a symbolic link to a"
                + " missing target; expected an absent or empty directory" + System.lineSeparator());
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        CliRun proc = run("generate", "--size", "100KB", "--output", "/proc/melt-data");
        assertThat(proc.exitCode()).isEqualTo(2);
        assertThat(proc.err()).startsWith("melt: output: /proc/melt-data is not accepted: a directory cannot be created"
                + " there (/proc/melt-data: ").hasLineCount(1);
    }

    @Test
    void aDirectoryAnotherRunIsWritingIsAUsageError() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("claimed"));
        Files.writeString(dir.resolve(".melt-writing"), "process " + ProcessHandle.current().pid() + " since now\n");
        CliRun r = run("generate", "--size", "100KB", "--output", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("melt: output: " + dir + " is not accepted: another run is writing it (process "
                + ProcessHandle.current().pid()).hasLineCount(1);
    }

    @Test
    void infoFailsNamingADeletedOrTruncatedFile() throws IOException {
        Path dir = generated("damaged");
        Files.delete(dir.resolve("metrics.jsonl"));
        CliRun deleted = run("info", "--data-dir", dir.toString());
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.err()).startsWith("melt: " + dir.resolve("metrics.jsonl") + ": missing").hasLineCount(1);

        Path other = generated("truncated");
        Path logs = other.resolve("logs.jsonl");
        byte[] bytes = Files.readAllBytes(logs);
        Files.write(logs, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun truncated = run("info", "--data-dir", other.toString());
        assertThat(truncated.exitCode()).isEqualTo(1);
        assertThat(truncated.err()).startsWith("melt: " + logs + ": has " + bytes.length / 2 + " bytes but the"
                + " manifest lists " + bytes.length).hasLineCount(1);
    }

    @Test
    void infoVerifyFindsAChangedByteThatKeepsSizeAndMtime() throws IOException {
        Path dir = generated("tampered");
        CliRun intact = run("info", "--verify", "--data-dir", dir.toString());
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("Verified  5 files: sizes and SHA-256 match the manifest");

        Path events = dir.resolve("events.jsonl");
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(events);
        byte[] bytes = Files.readAllBytes(events);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"severity\":\"") + 12;
        bytes[at] = (byte) (bytes[at] == 'x' ? 'y' : 'x');
        Files.write(events, bytes);
        Files.setLastModifiedTime(events, mtime);
        assertThat(run("info", "--data-dir", dir.toString()).exitCode()).as("the quick check sees sizes only").isZero();
        CliRun tampered = run("info", "--verify", "--data-dir", dir.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).startsWith("melt: " + events + ": SHA-256 is ").endsWith("the file was altered"
                + System.lineSeparator()).hasLineCount(1);
    }

    private Path generated(String name) {
        Path dir = temp.resolve(name);
        CliRun r = run("generate", "--size", "200KB", "--seed", "5", "--threads", "1", "--quiet", "--output",
                dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    @Test
    void versionAndHelp() {
        CliRun version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("melt ");
        CliRun help = run("generate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--size", "--duration", "--anomalies", "--seed", "--output", "--threads",
                "Exit codes");
        CliRun top = run();
        assertThat(top.out()).contains("generate", "info");
    }

    @Test
    void difficultyAndBenignPatternsReachTheSpecInTheManifest() throws IOException {
        Path dir = temp.resolve("subtle");
        CliRun r = run("generate", "--size", "200KB", "--difficulty", "SUBTLE", "--no-benign", "--output", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        var spec = dev.melt.generator.MeltData.open(dir).manifest().spec().anomalyConfig();
        assertThat(spec.difficulty()).isEqualTo(dev.melt.generator.Difficulty.SUBTLE);
        assertThat(spec.benignPatterns()).isFalse();
    }

    @Test
    void requestRateAndTraceSamplingReachTheSpecInTheManifest() throws IOException {
        Path dir = temp.resolve("traffic");
        CliRun r = run("generate", "--duration", "2m", "--request-rate", "7.5", "--trace-sampling", "0.2", "--output",
                dir.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        GenerationConfig spec = dev.melt.generator.MeltData.open(dir).manifest().spec();
        assertThat(spec.requestRate()).isEqualTo(7.5);
        assertThat(spec.traceSampling()).isEqualTo(0.2);
    }

    /** A spec no flag combination could express: SUBTLE, a custom call graph, intervals and a start time. */
    private static final GenerationConfig CUSTOM = GenerationConfig.builder().seed(23)
            .duration(Duration.ofMinutes(20)).startTime(Instant.parse("2024-03-04T06:00:00Z"))
            .services(List.of("gateway", "orders", "stock")).requestRate(3).traceSampling(0.5)
            .anomalies(List.of(AnomalyType.LATENCY_SPIKE))
            .anomalyConfig(AnomalyConfig.builder().difficulty(Difficulty.SUBTLE).build()).build();

    @Test
    void generateWithASpecFileWritesTheBytesTheLibraryWritesForThatSpec() throws IOException {
        Path specFile = temp.resolve("spec.json");
        SpecFile.write(CUSTOM, specFile);
        new MeltGenerator(CUSTOM).threads(2).generate(temp.resolve("library"));

        CliRun r = run("generate", "--spec", specFile.toString(), "--output", temp.resolve("cli").toString(), "--quiet");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameFiles(temp.resolve("cli"), temp.resolve("library"));
    }

    @Test
    void generateWithTheManifestOfADatasetAsSpecRegeneratesItAndSeedReplacesTheFilesSeed() throws IOException {
        new MeltGenerator(CUSTOM).threads(2).generate(temp.resolve("first"));
        new MeltGenerator(CUSTOM.toBuilder().seed(7).build()).threads(2).generate(temp.resolve("seven"));
        String manifest = temp.resolve("first/manifest.json").toString();

        assertThat(run("generate", "--spec", manifest, "--output", temp.resolve("again").toString()).exitCode())
                .isZero();
        assertThat(run("generate", "--spec", manifest, "--seed", "7", "--output", temp.resolve("other").toString())
                .exitCode()).isZero();

        assertSameFiles(temp.resolve("again"), temp.resolve("first"));
        assertSameFiles(temp.resolve("other"), temp.resolve("seven"));
    }

    @Test
    void aSpecFileWithASpecOptionIsAUsageErrorNamingBoth() throws IOException {
        Path specFile = temp.resolve("spec.json");
        SpecFile.write(CUSTOM, specFile);

        CliRun r = run("generate", "--spec", specFile.toString(), "--size", "1MB", "--output", temp.resolve("x").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("melt: --spec and --size cannot be combined: the spec file holds size;");
    }

    @Test
    void aSpecFileWithAMissingFieldIsAUsageErrorNamingTheFileAndTheField() throws IOException {
        Path specFile = Files.writeString(temp.resolve("spec.json"),
                SpecFile.toJson(CUSTOM).replace("\"logs_interval\"", "\"logs\""));

        CliRun r = run("generate", "--spec", specFile.toString(), "--output", temp.resolve("x").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualToIgnoringNewLines("melt: " + specFile + ": spec: missing field 'logs_interval'");
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
        try (Stream<Path> files = Files.list(expected)) {
            List<Path> names = files.map(Path::getFileName).sorted().collect(Collectors.toList());
            assertThat(names).isNotEmpty();
            for (Path name : names) {
                assertThat(Files.mismatch(actual.resolve(name), expected.resolve(name))).as(name.toString())
                        .isEqualTo(-1L);
            }
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertThat(files.count()).isEqualTo(Files.list(expected).count());
        }
    }

    @Test
    void runningOutOfHeapIsOneLineNamingTheHeapAndTheIntervalAndLeavesNoDataset() throws Exception {
        // An hour-long metrics interval at 100 requests a second is a chunk of well over 100 MB.
        GenerationConfig spec = GenerationConfig.builder().seed(1).size("300MB").metricsInterval(Duration.ofHours(1))
                .requestRate(100).build();
        Path file = temp.resolve("long-interval.json");
        SpecFile.write(spec, file);
        Path dir = temp.resolve("oom");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                MeltCli.class.getName(), "generate", "--spec", file.toString(), "--quiet", "--output", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isEqualTo(1);
        assertThat(output).startsWith("melt: out of memory: this JVM's heap is at most ")
                .contains("metrics_interval", "-Xmx").doesNotContain("\tat ");
        assertThat(output.lines().count()).isEqualTo(1);
        assertThat(dir.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void reportWritesOneHtmlFileOfTheDatasetAndItsDetections() throws IOException {
        Path dir = temp.resolve("data");
        assertThat(run("generate", "--size", "3MB", "--anomalies", "cpu_spike", "--seed", "3", "--output",
                dir.toString()).exitCode()).isZero();
        Path detections = temp.resolve("detections.jsonl");
        Files.writeString(detections, "{\"timestamp\": \"2024-01-01T00:00:05Z\", \"service\": \"api\", \"score\": 0.7}\n");
        Path html = temp.resolve("report.html");
        CliRun report = run("report", "--data-dir", dir.toString(), "--detections", detections.toString(), "--output",
                html.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).startsWith("Wrote " + html + ": ").contains(" incident, 1 detection, ");
        assertThat(Files.readString(html)).contains("data-detection=\"0\"").contains("data-chart=\"call-graph\"");
    }

    @Test
    void reportOfBadInputFailsWithOneLineAndWritesNoFile() throws IOException {
        Path dir = temp.resolve("data");
        assertThat(run("generate", "--size", "300KB", "--seed", "3", "--output", dir.toString()).exitCode()).isZero();
        Path html = temp.resolve("out").resolve("report.html");

        CliRun missing = run("report", "--data-dir", temp.resolve("nothing").toString(), "--output", html.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("melt: not a dataset: " + temp.resolve("nothing")
                + " (no manifest.json)" + System.lineSeparator());

        Path bad = temp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"timestamp\": \"2024-01-01T00:00:05Z\"}\n{\"timestamp\": 5}\n");
        CliRun unparsable = run("report", "--data-dir", dir.toString(), "--detections", bad.toString(), "--output",
                html.toString());
        assertThat(unparsable.exitCode()).isEqualTo(2);
        assertThat(unparsable.err()).startsWith("melt: " + bad + ":2: no \"timestamp\" string").hasLineCount(1);

        CliRun absent = run("report", "--data-dir", dir.toString(), "--detections", temp.resolve("none.jsonl").toString(),
                "--output", html.toString());
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).hasLineCount(1).contains("none.jsonl");
        assertThat(html.getParent()).doesNotExist();
    }
}
