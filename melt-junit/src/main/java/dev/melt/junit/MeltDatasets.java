package dev.melt.junit;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Feeds a {@code @ParameterizedTest} one dataset per combination of seed and anomaly type, so
 * a detector is checked across seeds and incident types:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MeltDatasets(seeds = {1, 2, 3}, anomalies = {CPU_SPIKE, ERROR_BURST}, size = "2MB")
 * void detects(MeltData data, AnomalyType type) {     // 6 invocations
 *     assertThat(detector.detect(data)).against(data).detectsEvery(type);  // MeltAssertions.assertThat
 * }
 * }</pre>
 *
 * <p>Each invocation receives, in the order of the method's parameters, any of:
 * {@link dev.melt.generator.MeltData} (the dataset), {@link java.nio.file.Path} (its directory),
 * {@link dev.melt.generator.GroundTruth}, {@link AnomalyType} (the combination's incident type)
 * and {@code long} (the combination's seed); the first parameter of another type ends the
 * arguments, so later ones can come from other resolvers. Datasets come from the same run-wide
 * store and cache as {@link MeltDataset}: a combination equal to a {@code @MeltDataset} spec
 * is generated once for both. Invocations are named {@code seed=1, anomaly=cpu_spike}.
 *
 * <p>It needs {@code @ParameterizedTest} (on a plain {@code @Test} it is refused), and a
 * {@link MeltDataset} on the same method is refused: its spec would be ignored, so its attributes
 * belong in the sweep. A parameter carrying its own {@code @MeltDataset} is not a sweep argument
 * and gets its own dataset; a seed parameter must be {@code long}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(MeltDatasetsProvider.class)
@ExtendWith(MeltExtension.class)
public @interface MeltDatasets {

    /**
     * The seeds to sweep. None (the default) means one seed: {@value MeltDataset#SEED_PROPERTY_NAME}
     * when set, else {@value dev.melt.generator.GenerationConfig#DEFAULT_SEED}. Listed seeds are
     * kept even when {@value MeltDataset#SEED_PROPERTY_NAME} is set.
     *
     * @return the seeds
     */
    long[] seeds() default {};

    /**
     * The incident types to sweep, one type per dataset. None (the default) means one dataset
     * without incidents per seed.
     *
     * @return the incident types
     */
    AnomalyType[] anomalies() default {};

    /**
     * The target size of each dataset; see {@link MeltDataset#size()}.
     *
     * @return the size, or empty
     */
    String size() default "";

    /**
     * The simulated time span of each dataset; see {@link MeltDataset#duration()}.
     *
     * @return the duration, or empty
     */
    String duration() default "";

    /**
     * The services; see {@link MeltDataset#services()}.
     *
     * @return the service names, or none
     */
    String[] services() default {};

    /**
     * How far incidents stand out from the noise.
     *
     * @return the difficulty
     */
    Difficulty difficulty() default Difficulty.NORMAL;

    /**
     * The requests per second entering each entry service; see {@link MeltDataset#requestRate()}.
     *
     * @return the rate, or empty
     */
    String requestRate() default "";

    /**
     * The share of requests written as traces; see {@link MeltDataset#traceSampling()}.
     *
     * @return the ratio, or empty
     */
    String traceSampling() default "";

    /**
     * The mean interval between two background log lines; see {@link MeltDataset#logsInterval()}.
     *
     * @return the interval, or empty
     */
    String logsInterval() default "";

    /**
     * The first instant of simulated time; see {@link MeltDataset#startTime()}.
     *
     * @return the start, or empty
     */
    String startTime() default "";
}
