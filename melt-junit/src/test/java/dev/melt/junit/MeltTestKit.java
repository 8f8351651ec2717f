package dev.melt.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes on the real Jupiter engine, in parallel, against a given cache directory. */
final class MeltTestKit {

    private final Map<String, String> parameters = new LinkedHashMap<>();

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

    EngineExecutionResults run(Class<?>... fixtures) {
        Recorded.clear();
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters);
        for (Class<?> fixture : fixtures) {
            kit.selectors(selectClass(fixture));
        }
        return kit.execute();
    }
}
