package dev.melt.cli;

import dev.melt.generator.AffectedService;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.RootCause;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.Signal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code melt info}: describes a dataset directory from its manifest and ground truth. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = MeltCli.Version.class,
        description = {"Shows a dataset's spec, record counts, bytes, time span and incidents.",
            "Checks that every file the manifest lists exists with its size; --verify also checks every SHA-256."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (and verified, with --verify)",
            "1:not a complete dataset: a file missing, of another size or (--verify) another SHA-256",
            "2:usage error"})
final class InfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"--data-dir", "-d"}, paramLabel = "DIR", required = true, description = "The dataset directory.")
    private Path dataDir;

    @Option(names = "--verify", description = "Also compute the SHA-256 of every file and compare it with the"
            + " manifest (reads the whole dataset).")
    private boolean verify;

    @Override
    public Integer call() throws Exception {
        if (dataDir.toString().isEmpty()) {
            throw new IllegalArgumentException("data-dir: '' is not accepted; expected a dataset directory");
        }
        MeltData data = MeltData.open(dataDir);
        if (verify) {
            data.verify();
        }
        Manifest m = data.manifest();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Dataset   %s%n", dataDir);
        out.printf(Locale.ROOT, "Generator melt %s, format %d, seed %d%n", m.generatorVersion(), m.formatVersion(),
                m.seed());
        out.printf(Locale.ROOT, "Time span %s to %s (%s)%n", m.start(), m.end(), human(Duration.between(m.start(),
                m.end())));
        out.printf(Locale.ROOT, "Anomalies %s%n", m.spec().anomalies().isEmpty() ? "none"
                : m.spec().anomalies().stream().map(a -> a.id()).collect(Collectors.joining(", ")));
        if (m.spec().isTwin()) {
            out.printf(Locale.ROOT, "Twin      the counterfactual twin of this spec without %s%n",
                    m.spec().without().equals(List.of(GenerationConfig.ALL_INCIDENTS)) ? "any incident"
                    : String.join(", ", m.spec().without()));
        }
        out.printf(Locale.ROOT, "Traffic   %s%n", traffic(m));
        if (m.sparseTraffic()) {
            out.printf(Locale.ROOT, "Warning   %s%n", sparseTrafficWarning(m));
        }
        out.println();
        out.printf(Locale.ROOT, "%-14s %14s %12s%n", "file", "records", "bytes");
        for (Signal s : Signal.values()) {
            Manifest.FileEntry e = m.file(s);
            if (e != null) {
                out.printf(Locale.ROOT, "%-14s %,14d %12s%n", s.fileName(), e.records(), bytes(e.bytes()));
            }
        }
        out.printf(Locale.ROOT, "%-14s %,14d %12s%n", "total", m.totalRecords(), bytes(m.totalBytes()));
        // Files of other formats than JSONL, which the total (what --size aims at) does not count.
        for (Map.Entry<String, Manifest.FileEntry> f : new TreeMap<>(m.files()).entrySet()) {
            DatasetFormat format = f.getValue().format();
            if (format != null && format != DatasetFormat.JSONL) {
                out.printf(Locale.ROOT, "%-14s %,14d %12s  %s%n", f.getKey(), f.getValue().records(),
                        bytes(f.getValue().bytes()), format.id());
            }
        }
        out.println();
        GroundTruth truth = data.groundTruth();
        out.printf(Locale.ROOT, "Incidents %d%n", truth.incidents().size());
        if (!truth.incidents().isEmpty()) {
            out.printf(Locale.ROOT, "%-10s %-15s %-22s %-20s %-20s %-9s %s%n", "id", "type", "root cause", "start",
                    "end", "length", "affected services");
            for (Incident i : truth.incidents()) {
                RootCause rc = i.rootCause();
                String root = switch (rc.kind()) {
                    case HOST -> rc.service() + "/" + rc.host();
                    default -> rc.toString();
                };
                String affected = i.affected().stream().map(AffectedService::service).distinct()
                        .collect(Collectors.joining(", "));
                out.printf(Locale.ROOT, "%-10s %-15s %-22s %-20s %-20s %-9s %s%n", i.id(), i.type().id(), root,
                        i.start(), i.end(), human(i.duration()), affected);
            }
        }
        if (!truth.faults().isEmpty()) {
            // Only for a dataset with telemetry faults, so that other datasets' output stays as it was.
            out.printf(Locale.ROOT, "Faults    %d (telemetry faults: read with MeltData's tolerant mode)%n",
                    truth.faults().size());
            out.printf(Locale.ROOT, "%-10s %-15s %-22s %-20s %-20s %s%n", "id", "kind", "host", "start", "end", "files");
            for (dev.melt.generator.Fault f : truth.faults()) {
                out.printf(Locale.ROOT, "%-10s %-15s %-22s %-20s %-20s %s%n", f.id(), f.kind().id(),
                        f.service() + "/" + f.host(), f.start(), f.end(), String.join(", ", f.files()));
            }
        }
        if (verify) {
            out.println();
            out.printf(Locale.ROOT, "Verified  %d files: sizes and SHA-256 match the manifest%n", m.files().size());
        }
        out.flush();
        return 0;
    }

    /**
     * Formats a byte count with a decimal unit, e.g. {@code 10.0 MB}.
     *
     * @param bytes the count
     * @return the text
     */
    /**
     * Describes the traffic of a dataset.
     *
     * @param m the manifest
     * @return for example {@code scale 0.53, 11 requests/s per entry service}, or
     *     {@code scale unknown (written before the manifest recorded it)}
     */
    static String traffic(Manifest m) {
        if (Double.isNaN(m.trafficScale())) {
            return "scale unknown (written before the manifest recorded it)";
        }
        return String.format(Locale.ROOT, "scale %s, %s requests/s per entry service", scale(m.trafficScale()),
                scale(m.entryRequestRate()));
    }

    /**
     * The warning for a dataset whose traffic is below {@link Manifest#SPARSE_TRAFFIC_SCALE}.
     *
     * @param m the manifest
     * @return one line naming the scale, the floor and the ways out
     */
    static String sparseTrafficWarning(Manifest m) {
        return "traffic scale " + scale(m.trafficScale()) + " is below " + Manifest.SPARSE_TRAFFIC_SCALE
                + ": size " + m.spec().size() + " over " + human(Duration.between(m.start(), m.end()))
                + " leaves the deepest services a few requests per metrics interval or fewer, so request counts"
                + " and rates are sparse (request_rate reads 0 ever more often below it); increase the size or"
                + " shorten the duration";
    }

    /** Two significant digits: 0.53, 0.025, 1.7, 20. */
    private static String scale(double value) {
        return String.format(Locale.ROOT, "%.2g", value);
    }

    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 86_400) {
            b.append(s / 86_400).append('d');
        }
        if (s % 86_400 >= 3600) {
            b.append(s % 86_400 / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || b.length() == 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }
}
