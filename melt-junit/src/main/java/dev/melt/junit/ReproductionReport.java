package dev.melt.junit;

import dev.melt.generator.SpecFile;
import dev.melt.junit.internal.DatasetLease;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.JUnitException;

/**
 * What a failed test tells its reader so the failure can be reproduced: for every dataset it
 * used, the seed, the spec, a spec file and the CLI command that writes the same bytes from it.
 * They go three ways, because build tools show different things: one line on the test's standard
 * output (Surefire and Gradle keep it with the test, as Instancio's seed line), report entries
 * (Open Test Reporting, IDEs), and published files (the spec and the manifest).
 */
final class ReproductionReport {

    /** Report entry key of the seed. */
    static final String SEED = "melt.seed";
    /** Report entry key of the spec. */
    static final String SPEC = "melt.spec";
    /** Report entry key of the spec file the command reads. */
    static final String SPEC_FILE = "melt.spec.file";
    /** Report entry key of the CLI command. */
    static final String COMMAND = "melt.command";
    /** Report entry key of the dataset directory. */
    static final String DIRECTORY = "melt.dataset";

    private ReproductionReport() {
    }

    static void publish(ExtensionContext context, Collection<DatasetLease> leases, PrintStream console) {
        for (DatasetLease lease : leases) {
            long seed = lease.spec().config().seed();
            Path specFile = publishSpec(context, lease);
            String command = lease.spec().command(specFile, Path.of("melt-data-" + seed));
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put(SEED, Long.toString(seed));
            entry.put(SPEC, lease.spec().describe());
            entry.put(SPEC_FILE, specFile.toString());
            entry.put(COMMAND, command);
            entry.put(DIRECTORY, lease.directory().toString());
            context.publishReportEntry(entry);
            publishManifest(context, lease);
            console.println("[melt] " + context.getDisplayName() + " failed with seed " + seed + " (dataset "
                    + lease.spec().describe() + "); regenerate it with: " + command);
        }
        console.flush();
    }

    /**
     * Attaches the HTML reports that failed melt assertions wrote during the test
     * ({@code publishFile}, beside the manifest) and prints where they are.
     *
     * @return the reports that could not be published (no output directory), kept where the
     *     printed line says
     */
    static List<Path> publishReports(ExtensionContext context, List<Path> reports,
                                               PrintStream console) {
        List<Path> kept = new java.util.ArrayList<>();
        for (Path report : reports) {
            if (!Files.isRegularFile(report)) {
                continue;
            }
            Path published = publishFile(context, report.getFileName().toString(), MediaType.create("text", "html"),
                    target -> Files.copy(report, target));
            if (published == null) {
                kept.add(report);
            }
            console.println("[melt] " + context.getDisplayName() + ": report of the failed assertion: "
                    + (published == null ? report : published));
        }
        console.flush();
        return kept;
    }

    /**
     * Deletes the reports a test's assertions wrote, and their directory: published ones were copied
     * into JUnit's output directory, and a passing test (an expected failure, a caught soft
     * assertion) needs none.
     */
    static void deleteReports(List<Path> reports) {
        for (Path report : reports) {
            try {
                Files.deleteIfExists(report);
                Files.deleteIfExists(report.getParent());
            } catch (java.io.IOException notEmptyOrGone) {
                // Another report of the same test is deleted next; a leftover in tmpdir is harmless.
            }
        }
    }

    /**
     * Publishes the spec as a file and returns where it went. Without an output directory (or on
     * JUnit before 5.14) the dataset's own manifest serves: {@code --spec} reads a manifest too.
     */
    private static Path publishSpec(ExtensionContext context, DatasetLease lease) {
        Path file = publishFile(context, "melt-spec-" + lease.spec().id() + ".json", MediaType.APPLICATION_JSON,
                target -> SpecFile.write(lease.spec().config(), target));
        return file != null ? file : lease.directory().resolve("manifest.json");
    }

    /** Writes the content of a published file into the place JUnit gives it. */
    @FunctionalInterface
    private interface Content {
        void writeTo(Path target) throws java.io.IOException;
    }

    /**
     * Publishes a file with {@code publishFile} and returns where it went, or {@code null} when it
     * could not be: JUnit before 5.14 (no {@code publishFile} with a media type) or a launcher
     * without an output directory. What melt publishes is a help, never a reason to fail a report.
     */
    private static Path publishFile(ExtensionContext context, String name, MediaType type, Content content) {
        AtomicReference<Path> published = new AtomicReference<>();
        try {
            context.publishFile(name, type, target -> {
                content.writeTo(target);
                published.set(target.toAbsolutePath());
            });
        } catch (LinkageError olderJUnit) {
            // publishFile arrived in JUnit 5.12, MediaType in 5.14.
        } catch (JUnitException noOutputDirectory) {
            // The launcher has no output directory to put files in.
        }
        return published.get();
    }

    private static void publishManifest(ExtensionContext context, DatasetLease lease) {
        Path manifest = lease.directory().resolve("manifest.json");
        // Without publishFile the report entry still names the dataset.
        publishFile(context, "melt-manifest-" + lease.spec().id() + ".json", MediaType.APPLICATION_JSON,
                target -> Files.copy(manifest, target));
    }
}
