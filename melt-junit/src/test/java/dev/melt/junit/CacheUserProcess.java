package dev.melt.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.melt.junit.internal.DatasetGeneration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A separate JVM running a fixture test against a shared cache, as a Surefire fork would. It
 * waits for a line on stdin before it starts, so that the test can release several at once, and
 * prints what happened on its last line.
 */
public final class CacheUserProcess {

    private CacheUserProcess() {
    }

    /**
     * Runs {@link CacheTestCases.OneSpec} against the cache directory given as the first argument.
     *
     * @param args the cache directory
     * @throws IOException when stdin cannot be read
     */
    public static void main(String[] args) throws IOException {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CacheTestCases.OneSpec.class))
                .configurationParameter(MeltDataset.CACHE_DIR_PROPERTY_NAME, args[0])
                .configurationParameter(MeltDataset.GENERATOR_THREADS_PROPERTY_NAME, "1")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        // Discover first, so that after "go" both JVMs reach the cache within milliseconds.
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        launcher.execute(plan, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.getFailures().forEach(f -> f.getException().printStackTrace());
        System.out.println("generations=" + DatasetGeneration.count() + " succeeded="
                + summary.getTestsSucceededCount() + " failed=" + summary.getTotalFailureCount());
    }
}
