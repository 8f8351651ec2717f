package dev.melt.junit;

import dev.melt.junit.internal.DatasetLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.JUnitException;

/**
 * What a failed test tells its reader so the failure can be reproduced: for every dataset it
 * used, the seed, the spec, and the CLI command that writes the same bytes.
 */
final class ReproductionReport {

    /** Report entry key of the seed. */
    static final String SEED = "melt.seed";
    /** Report entry key of the spec. */
    static final String SPEC = "melt.spec";
    /** Report entry key of the CLI command. */
    static final String COMMAND = "melt.command";
    /** Report entry key of the dataset directory. */
    static final String DIRECTORY = "melt.dataset";

    private ReproductionReport() {
    }

    static void publish(ExtensionContext context, Collection<DatasetLease> leases) {
        for (DatasetLease lease : leases) {
            long seed = lease.spec().config().seed();
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put(SEED, Long.toString(seed));
            entry.put(SPEC, lease.spec().describe());
            entry.put(COMMAND, lease.spec().command(Path.of("melt-data-" + seed)));
            entry.put(DIRECTORY, lease.directory().toString());
            context.publishReportEntry(entry);
            publishManifest(context, lease);
        }
    }

    private static void publishManifest(ExtensionContext context, DatasetLease lease) {
        Path manifest = lease.directory().resolve("manifest.json");
        try {
            context.publishFile("melt-manifest-" + lease.spec().id() + ".json", MediaType.APPLICATION_JSON,
                    target -> Files.copy(manifest, target));
        } catch (LinkageError olderJUnit) {
            // publishFile arrived in JUnit 5.12 (MediaType in 5.14); the report entry is enough there.
        } catch (JUnitException noOutputDirectory) {
            // The launcher has no output directory to put files in; the report entry still names the dataset.
        }
    }
}
