package dev.melt.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes on the real Jupiter engine, in parallel, against a given cache directory. */
final class MeltTestKit {

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private Path outputs;

    private MeltTestKit(Path cache) {
        parameters.put("junit.jupiter.execution.parallel.enabled", "true");
        parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        parameters.put(MeltDataset.CACHE_DIR_PROPERTY_NAME, cache.toString());
        parameters.put(MeltDataset.GENERATOR_THREADS_PROPERTY_NAME, "2");
    }

    static MeltTestKit withCache(Path cache) {
        return new MeltTestKit(cache);
    }

    MeltTestKit with(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    /** Lets tests publish files, into one directory per test under {@code root}. */
    MeltTestKit withOutputs(Path root) {
        this.outputs = root;
        return this;
    }

    EngineExecutionResults run(Class<?>... fixtures) {
        Recorded.clear();
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters);
        if (outputs != null) {
            kit.outputDirectoryCreator(new OutputDirectoryCreator() {
                @Override
                public Path getRootDirectory() {
                    return outputs;
                }

                @Override
                public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                    String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9.-]+", "_");
                    return Files.createDirectories(outputs.resolve(name));
                }
            });
        }
        for (Class<?> fixture : fixtures) {
            kit.selectors(selectClass(fixture));
        }
        return kit.execute();
    }
}
