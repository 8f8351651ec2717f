package dev.melt.junit;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asks for a generated MELT dataset: generated once per spec, cached across runs and forks,
 * and injected read-only.
 *
 * <pre>{@code
 * @Test
 * void findsTheSpike(@MeltDataset(size = "10MB", anomalies = CPU_SPIKE, seed = 42) MeltData data) {
 *     List<Detection> found = detector.detect(data);        // your detector
 *     assertThat(found).against(data).detectsEvery(CPU_SPIKE);  // MeltAssertions.assertThat
 * }
 * }</pre>
 *
 * <p><b>What can be injected.</b> A parameter or field of type {@link dev.melt.generator.MeltData}
 * (the opened dataset), {@link java.nio.file.Path} (its directory) or
 * {@link dev.melt.generator.GroundTruth} (its incidents). Parameters may belong to test methods,
 * lifecycle methods ({@code @BeforeAll}, {@code @BeforeEach}, ...) and constructors. Fields
 * work as with {@code @TempDir}: a static field is set once for the class, before
 * {@code @BeforeAll}; an instance field for every test (and, with
 * {@code @TestInstance(PER_CLASS)}, before {@code @BeforeAll} too); they must not be final.
 *
 * <p><b>Where the spec comes from.</b> The annotation on the parameter or field wins; otherwise
 * the one on the method; otherwise the one on the test class (or a superclass, or an enclosing
 * class). The
 * nearest annotation is taken as a whole: attributes are not merged across levels. With the
 * annotation on a method or class, parameters of type {@code MeltData} and {@code GroundTruth}
 * are injected without further marking. A {@code Path} parameter is injected only when it
 * carries the annotation itself: an unannotated {@code Path} is left to other resolvers (a
 * {@code @ParameterizedTest}'s arguments, {@code @TempDir}), as JUnit's own {@code @TempDir}
 * rule does; for the directory of the method's or class's dataset, take {@code MeltData} and call
 * {@link dev.melt.generator.MeltData#directory()}.
 *
 * <p><b>One spec per element.</b> A parameter, field, method or class carries at most one spec:
 * {@code @MeltDataset} and a meta-annotated scenario such as {@code @CheckoutIncident} on the same
 * element are refused ({@code ParameterResolutionException} or
 * {@code ExtensionConfigurationException}, naming both), because attributes are never merged and
 * one would be silently ignored. On a {@link MeltDatasets} method, {@code @MeltDataset} is refused
 * too: move its attributes into the sweep.
 *
 * <p><b>Your own annotations.</b> Use it as a meta-annotation to name a scenario once:
 * <pre>{@code
 * @Retention(RUNTIME)
 * @Target({PARAMETER, METHOD, TYPE, FIELD})
 * @MeltDataset(size = "5MB", anomalies = {CPU_SPIKE, LATENCY_SPIKE}, services = {"checkout", "payment"})
 * @interface CheckoutIncident {}
 * }</pre>
 *
 * <p><b>On failure</b> the extension prints one line on the test's standard output with the seed
 * and a {@code ./melt generate --spec FILE --seed N --output DIR} command, publishes the spec file
 * and the manifest ({@code publishFile}) and report entries {@code melt.seed}, {@code melt.spec},
 * {@code melt.spec.file}, {@code melt.command} and {@code melt.dataset}.
 *
 * <p><b>Configuration.</b> The keys below are read as JUnit configuration parameters: from
 * {@code junit-platform.properties}, a system property, or the launcher. The guide, with compiled
 * examples, is {@code docs/junit.md}.
 *
 * @see MeltDatasets for one dataset per seed and anomaly type in a parameterized test
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MeltExtension.class)
public @interface MeltDataset {

    /**
     * The directory holding the dataset cache. Default: {@code melt-cache-<user.name>} in
     * {@code java.io.tmpdir} ({@code melt-cache-uid<uid>} for a user without a usable name). It is
     * created owner-only; a symbolic link, or an existing directory owned by another user, is
     * refused, and the check is repeated around each entry's lock and generation.
     */
    String CACHE_DIR_PROPERTY_NAME = "melt.cache.dir";

    /**
     * {@code true} (default) to keep datasets between runs and share them between forks;
     * {@code false} to generate each spec once per run into a temporary directory deleted at the
     * end of the run.
     */
    String CACHE_ENABLED_PROPERTY_NAME = "melt.cache.enabled";

    /**
     * The size the cache may grow to, such as {@code 5GB} (the default) or {@code 500MB}; beyond
     * it the least recently used datasets not in use are evicted after a new one is stored.
     */
    String CACHE_SIZE_LIMIT_PROPERTY_NAME = "melt.cache.size.limit";

    /**
     * How a cached dataset is checked before use: {@code quick} (default) compares every file's
     * size and modification time with those recorded when the dataset was stored, and falls back
     * to the full check when they differ; {@code full} recomputes every file's SHA-256 against
     * the stamp written when the entry was stored (hashes computed from the bytes, and the spec's
     * key, never the cached manifest's own claims) on first use in a run.
     */
    String CACHE_VERIFY_PROPERTY_NAME = "melt.cache.verify";

    /**
     * A seed that replaces the {@link #seed()} of every {@code @MeltDataset}, to rerun a suite
     * with another seed (for example {@code -Dmelt.seed=7}). {@link MeltDatasets} sweeps keep
     * their listed seeds.
     */
    String SEED_PROPERTY_NAME = "melt.seed";

    /** How many threads generate a dataset; default: the number of processors. */
    String GENERATOR_THREADS_PROPERTY_NAME = "melt.generator.threads";

    /**
     * The target size, such as {@code "10MB"} or {@code "512KiB"} (see
     * {@link dev.melt.generator.DataSize#parse(String)}). Empty (the default) means: derived
     * from {@link #duration()} when one is given, otherwise
     * {@value dev.melt.generator.GenerationConfig#DEFAULT_SIZE}.
     *
     * @return the target size, or empty
     */
    String size() default "";

    /**
     * The span of simulated time, as ISO-8601 ({@code PT2H}) or a number with a unit {@code s},
     * {@code m}, {@code h} or {@code d} ({@code 90m}). Empty (the default) means: derived from
     * {@link #size()}.
     *
     * @return the duration, or empty
     */
    String duration() default "";

    /**
     * The incident types to inject; each occurs at least once. None (the default) gives a
     * dataset without incidents. The types are those of {@link AnomalyType}: {@code CPU_SPIKE},
     * {@code SERVICE_OUTAGE}, {@code LATENCY_SPIKE}, {@code ERROR_BURST}, and {@code NETWORK_DELAY}
     * and {@code PACKET_LOSS}, whose root cause is an edge between two services (it needs a call
     * graph in which a service calls another).
     *
     * @return the incident types
     */
    AnomalyType[] anomalies() default {};

    /**
     * The seed; the same spec and seed always give the same bytes. Replaced by
     * {@value #SEED_PROPERTY_NAME} when that is set.
     *
     * @return the seed
     */
    long seed() default GenerationConfig.DEFAULT_SEED;

    /**
     * The services, in order; service {@code i} calls services {@code 2i+1} and {@code 2i+2}.
     * None (the default) gives the standard six-service fleet
     * ({@code web → api → {auth, payment → database, cache}}).
     *
     * @return the service names, or none
     */
    String[] services() default {};

    /**
     * How far incidents stand out from the noise.
     *
     * @return the difficulty; {@link Difficulty#NORMAL} by default
     */
    Difficulty difficulty() default Difficulty.NORMAL;

    /**
     * The requests per second entering each entry service at the daily mean, such as {@code "5"}
     * or {@code "0.5"}. Empty (the default) keeps the generator's 20. Every request counts in the
     * metrics; with a {@link #size()} and no {@link #duration()}, a lower rate makes the dataset
     * cover more time. With both, the rate is scaled to meet the size.
     *
     * @return the rate, or empty
     */
    String requestRate() default "";

    /**
     * The share of requests written as traces (head-based sampling), in (0, 1], such as
     * {@code "0.2"}. Empty (the default) keeps the generator's 0.05. Raise it for trace detectors
     * that need many spans per minute.
     *
     * @return the ratio, or empty
     */
    String traceSampling() default "";

    /**
     * The mean interval between two background log lines of a service one call path reaches, in
     * the forms {@link #duration()} accepts. Empty (the default) keeps the generator's 5 s.
     *
     * @return the interval, or empty
     */
    String logsInterval() default "";

    /**
     * The first instant of simulated time, as an ISO-8601 instant such as
     * {@code 2024-03-04T06:00:00Z}. Empty (the default) keeps 2024-01-01T00:00:00Z; set it to
     * cover, for example, the morning traffic ramp or a weekend.
     *
     * @return the start, or empty
     */
    String startTime() default "";

    /**
     * The formats to write the dataset in: {@link DatasetFormat#JSONL} (the default, the only one
     * {@link dev.melt.generator.MeltData} reads records from) and {@link DatasetFormat#OPENMETRICS}
     * ({@code metrics.om}, found at {@code data.directory().resolve("metrics.om")}) and
     * {@link DatasetFormat#OTLP} ({@code traces.otlp.jsonl}, {@code logs.otlp.jsonl},
     * {@code events.otlp.jsonl}, {@code metrics.otlp.jsonl}: OTLP JSON). Formats choose
     * files, never their bytes; each set of formats is its own cache entry.
     *
     * @return one or more formats
     */
    DatasetFormat[] formats() default {DatasetFormat.JSONL};

    /**
     * Telemetry faults to inject, one of each kind given (see docs/faults.md); none by default.
     * A dataset with faults is injected opened in {@link dev.melt.generator.ReadMode#TOLERANT}
     * mode, so its streams skip malformed lines and report them in
     * {@link dev.melt.generator.MeltData#skippedLines()}; each set of faults is its own cache entry.
     *
     * @return the fault kinds, possibly none
     */
    dev.melt.generator.FaultKind[] faults() default {};
}
