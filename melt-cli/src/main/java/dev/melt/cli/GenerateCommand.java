package dev.melt.cli;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.DataSize;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.FaultKind;
import dev.melt.generator.Difficulty;
import dev.melt.generator.Durations;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.generator.ProgressListener;
import dev.melt.generator.SpecFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code melt generate}: writes a dataset directory. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = MeltCli.Version.class,
        description = {"Generates a dataset directory: metrics.jsonl, events.jsonl, logs.jsonl, traces.jsonl,",
            "ground_truth.json and, written last, manifest.json. Same options and seed give the same bytes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:dataset written", "1:I/O failure", "2:usage error (bad value, unusable output path)"})
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE",
            description = {"Target size of the four .jsonl files, e.g. 512KB, 10MB, 1.5GB, 10GiB.",
                "MB = 10^6 bytes, MiB = 2^20. Default: 10MB when --duration is not given."})
    private String size;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = {"Simulated time span, e.g. 90m, 2h, 1d, PT2H. With --size, traffic is scaled",
                "to meet the size; alone, the default traffic decides the size."})
    private String duration;

    @Option(names = "--anomalies", paramLabel = "TYPES", split = ",",
            description = "Incident types to inject, comma-separated: cpu_spike, service_outage, latency_spike,"
                    + " error_burst, network_delay, packet_loss (the last two on an edge between two services)."
                    + " Default: none.")
    private List<String> anomalies = new ArrayList<>();

    @Option(names = "--difficulty", paramLabel = "LEVEL",
            description = "How far incidents stand out of the noise: subtle, normal or loud. Default: normal.")
    private String difficulty;

    @Option(names = "--request-rate", paramLabel = "RATE",
            description = {"Requests per second entering each entry service at the daily mean. Default: 20.",
                "With --size and --duration, it is scaled so the output meets the size."})
    private String requestRate;

    @Option(names = "--trace-sampling", paramLabel = "RATIO",
            description = "Share of requests written as traces (head-based sampling), in (0, 1]. Default: 0.05.")
    private String traceSampling;

    @Option(names = "--no-benign", description = "No benign look-alikes (deployments, batch jobs) in the data.")
    private boolean noBenign;

    @Option(names = "--spec", paramLabel = "FILE",
            description = {"Spec file: a JSON object with every knob (services and call graph, intervals, start",
                "time, difficulty, ...), as a manifest.json holds under \"spec\"; a manifest.json works",
                "too. Replaces --size, --duration, --anomalies, --difficulty and --no-benign; --seed, when",
                "given, replaces the file's seed."})
    private Path specFile;

    @Option(names = "--format", paramLabel = "FORMATS",
            description = {"Formats to write, comma-separated: jsonl (the four .jsonl files, what MeltData reads),",
                "openmetrics (metrics.om, the metrics as OpenMetrics text for promtool and Prometheus),",
                "otlp (traces, logs, events and metrics .otlp.jsonl: OTLP JSON, one export request a line).",
                "Formats change which files are written, never their bytes. With --spec, replaces the",
                "file's formats. Default: jsonl."})
    private String formats;

    @Option(names = "--faults", paramLabel = "FAULTS",
            description = {"Telemetry faults to inject, comma-separated: gap, duplicate, malformed, late, clock_skew,",
                "dropped_spans; one of each, placed from the seed and listed in ground_truth.json's faults.",
                "Read a faulted dataset with MeltData's tolerant mode. With --spec, replaces the file's",
                "faults. Default: none. See docs/faults.md."})
    private String faults;

    @Option(names = "--twin-of", paramLabel = "DIR",
            description = {"Generates the counterfactual twin of the dataset in DIR: its spec and seed (read from",
                "DIR/manifest.json) and its plan, without its incidents (all, or those of --without).",
                "Outside their affected spans every record is byte-identical to DIR's, but for the rules of",
                "docs/twins.md (counters' offset, restarted hosts' memory, the first alert after a span)."})
    private Path twinOf;

    @Option(names = "--without", paramLabel = "IDS",
            description = {"Incidents to leave out of the dataset, comma-separated ids such as inc-0002, or all:",
                "makes a counterfactual twin of the dataset the other options describe. Default with",
                "--twin-of: all."})
    private String without;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of every random draw. Default: 42.")
    private long seed = GenerationConfig.DEFAULT_SEED;

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", required = true,
            description = "Output directory; must be absent or empty.")
    private Path output;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads generating chunks (does not change the bytes). Default: available processors.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "I/N",
            description = {"Writes shard I of N only (0 <= I < N): a contiguous run of the dataset's chunks, the",
                "whole ground truth, and shard.json in place of manifest.json. The shards' files",
                "concatenated in order are one run's; 'melt merge' makes the dataset. On Kubernetes:",
                "--shard $JOB_COMPLETION_INDEX/N. See docs/scale-out.md."})
    private String shard;

    @Option(names = "--quiet", description = "No progress line on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (output.toString().isEmpty()) {
            throw new IllegalArgumentException("output: '' is not accepted; expected the path of an absent or empty"
                    + " directory");
        }
        GenerationConfig config = twinOf != null ? fromTwinOf() : specFile == null ? fromOptions() : fromSpecFile();
        if (without != null) {
            config = config.toBuilder().without(withoutAfter(twinOfWithout, parseWithout(without))).build();
        } else if (twinOf != null) {
            config = config.twin();
        }
        if (formats != null) {
            config = config.toBuilder().formats(DatasetFormat.parseList(formats)).build();
        }
        if (faults != null) {
            config = config.toBuilder().faults(FaultKind.parseList(faults)).build();
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ProgressLine progress = new ProgressLine(err, quiet, System::nanoTime);
        long started = System.nanoTime();
        MeltGenerator generator = new MeltGenerator(config).threads(threads).progress(progress);
        int[] part = shard == null ? null : parseShard(shard);
        if (part != null) {
            generator.shard(part[0], part[1]);
        }
        Manifest manifest = generator.generate(output);
        progress.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        long incidents = part == null ? countIncidents() : 0;
        // The JSONL files' records and bytes (what --size aims at), then each file of another format.
        java.util.List<String> written = new java.util.ArrayList<>();
        long bytes = 0;
        if (config.formats().contains(DatasetFormat.JSONL)) {
            written.add(String.format(Locale.ROOT, "%,d records, %s", manifest.totalRecords(),
                    InfoCommand.bytes(manifest.totalBytes())));
            bytes += manifest.totalBytes();
        }
        for (java.util.Map.Entry<String, Manifest.FileEntry> f : new java.util.TreeMap<>(manifest.files()).entrySet()) {
            DatasetFormat format = f.getValue().format();
            if (format != null && format != DatasetFormat.JSONL) {
                written.add(String.format(Locale.ROOT, "%s %,d %s, %s", f.getKey(), f.getValue().records(),
                        format == DatasetFormat.OTLP ? "lines" : "samples",
                        InfoCommand.bytes(f.getValue().bytes())));
                bytes += f.getValue().bytes();
            }
        }
        if (part != null) {
            out.printf(Locale.ROOT, "Wrote %s: shard %d/%d of the dataset %s to %s, %s in %.1f s (%.0f MB/s);"
                    + " merge the shards with 'melt merge'%n", output, part[0], part[1], manifest.start(), manifest.end(),
                    String.join(" and ", written), seconds, bytes / 1e6 / Math.max(seconds, 1e-9));
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "Wrote %s: %s in %.1f s (%.0f MB/s), %s to %s, %d %s, traffic %s%n",
                output, String.join(" and ", written), seconds, bytes / 1e6 / Math.max(seconds, 1e-9),
                manifest.start(), manifest.end(), incidents, incidents == 1 ? "incident" : "incidents",
                InfoCommand.traffic(manifest));
        if (manifest.sparseTraffic()) {
            err.println("melt: warning: " + InfoCommand.sparseTrafficWarning(manifest));
        }
        out.flush();
        return 0;
    }

    /** The spec of the dataset {@code --twin-of} names, as an ordinary spec (a twin's original). */
    private GenerationConfig fromTwinOf() throws java.io.IOException {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--spec", "--size", "--duration", "--anomalies", "--difficulty", "--no-benign",
                "--request-rate", "--trace-sampling", "--seed", "--faults")) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException("--twin-of and " + option + " cannot be combined: a twin has its"
                        + " original's spec, seed and faults; drop " + option);
            }
        }
        Path manifest = twinOf.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("twin-of: " + twinOf + " is not accepted; expected a dataset directory"
                    + " with a manifest.json");
        }
        GenerationConfig read = SpecFile.read(manifest);
        twinOfWithout = read.without();
        return read.original();
    }

    /** What the dataset of {@code --twin-of} already leaves out, when it is a twin itself. */
    private List<String> twinOfWithout = List.of();

    /**
     * The incidents a twin leaves out: those the dataset of {@code --twin-of} already leaves out
     * (a twin of a twin keeps them out) and those of {@code --without}, which must not repeat them.
     */
    private List<String> withoutAfter(List<String> before, List<String> asked) {
        if (before.contains(GenerationConfig.ALL_INCIDENTS)) {
            throw new IllegalArgumentException("twin-of: " + twinOf + " is not accepted with --without: it leaves out"
                    + " every incident already; give its original");
        }
        List<String> ids = new ArrayList<>(before);
        for (String id : asked) {
            if (before.contains(id)) {
                throw new IllegalArgumentException("without: " + id + " is not accepted: " + twinOf
                        + " leaves it out already; expected another incident of its original");
            }
            ids.add(id);
        }
        return asked.contains(GenerationConfig.ALL_INCIDENTS) ? List.of(GenerationConfig.ALL_INCIDENTS) : ids;
    }

    private static List<String> parseWithout(String text) {
        List<String> ids = new ArrayList<>();
        for (String id : text.split(",", -1)) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("without: '" + text + "' is not accepted: an empty id; expected"
                        + " incident ids such as inc-0002, comma-separated, or all");
            }
            ids.add(id.trim());
        }
        return ids;
    }

    private GenerationConfig fromSpecFile() throws java.io.IOException {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--size", "--duration", "--anomalies", "--difficulty", "--no-benign",
                "--request-rate", "--trace-sampling")) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException("--spec and " + option
                        + " cannot be combined: the spec file holds " + option.substring(2)
                        + "; edit the file, or drop --spec");
            }
        }
        GenerationConfig fromFile = SpecFile.read(specFile);
        return parsed.hasMatchedOption("--seed") ? fromFile.toBuilder().seed(seed).build() : fromFile;
    }

    private GenerationConfig fromOptions() {
        GenerationConfig.Builder builder = GenerationConfig.builder().seed(seed);
        if (size != null) {
            builder.size(DataSize.parse(size));
        }
        if (duration != null) {
            builder.duration(Durations.parse(duration));
        }
        if (requestRate != null) {
            builder.requestRate(dev.melt.generator.Numbers.parse("request-rate", requestRate, "requests per second, such as 20 or 0.5"));
        }
        if (traceSampling != null) {
            builder.traceSampling(dev.melt.generator.Numbers.parse("trace-sampling", traceSampling, "a share of requests, such as 0.05"));
        }
        List<AnomalyType> types = new ArrayList<>();
        for (String a : anomalies) {
            if (a.isBlank()) {
                throw new IllegalArgumentException("anomalies: '" + String.join(",", anomalies) + "' is not accepted:"
                        + " an empty type; expected " + java.util.Arrays.stream(AnomalyType.values())
                                .map(AnomalyType::id).collect(java.util.stream.Collectors.joining(", "))
                        + ", comma-separated (leave --anomalies out for none)");
            }
            types.add(AnomalyType.parse(a));
        }
        AnomalyConfig.Builder anomalyConfig = AnomalyConfig.builder().benignPatterns(!noBenign);
        if (difficulty != null) {
            anomalyConfig.difficulty(parseDifficulty(difficulty));
        }
        return builder.anomalies(types).anomalyConfig(anomalyConfig.build()).build();
    }

    /**
     * Reads {@code --shard I/N}.
     *
     * @param text the option's value
     * @return {@code [I, N]}
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    static int[] parseShard(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*").matcher(text);
        String expected = "; expected I/N with N at least 1 and I from 0 to N - 1, such as 0/4";
        if (!m.matches()) {
            throw new IllegalArgumentException("shard: '" + text + "' is not accepted" + expected);
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        if (count < 1 || index >= count) {
            throw new IllegalArgumentException("shard: " + text.trim() + " is not accepted" + expected);
        }
        return new int[] {index, count};
    }

    private static Difficulty parseDifficulty(String text) {
        for (Difficulty d : Difficulty.values()) {
            if (d.name().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("difficulty: '" + text + "' is not accepted; expected subtle, normal or loud");
    }

    private long countIncidents() {
        // The manifest does not carry the incidents; count them in the ground truth just written.
        try {
            return MeltData.open(output).groundTruth().incidents().size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Prints a progress line on stderr, at most twice a second, once a run has lasted two seconds. */
    static final class ProgressLine implements ProgressListener {
        private static final long DELAY_NANOS = 2_000_000_000L;
        private static final long PERIOD_NANOS = 500_000_000L;
        private final PrintWriter err;
        private final boolean quiet;
        private final LongSupplier clock;
        private final long start;
        private long last;
        private boolean shown;

        ProgressLine(PrintWriter err, boolean quiet, LongSupplier clock) {
            this.err = err;
            this.quiet = quiet;
            this.clock = clock;
            this.start = clock.getAsLong();
        }

        @Override
        public void onProgress(long written, long expected) {
            long now = clock.getAsLong();
            if (quiet || now - start < DELAY_NANOS || now - last < PERIOD_NANOS) {
                return;
            }
            last = now;
            shown = true;
            double seconds = (now - start) / 1e9;
            err.printf(Locale.ROOT, "\rgenerating: %s of %s (%.0f%%), %.0f MB/s   ", InfoCommand.bytes(written),
                    InfoCommand.bytes(expected), 100.0 * written / Math.max(1, expected), written / 1e6 / seconds);
            err.flush();
        }

        void finish() {
            if (shown) {
                err.println();
                err.flush();
            }
        }
    }
}
