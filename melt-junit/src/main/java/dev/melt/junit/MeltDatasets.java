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
 * Feeds a {@code @ParameterizedTest} one dataset per combination of seed, incidents and
 * difficulty, so a detector is checked across seeds, incident types and difficulties:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MeltDatasets(seeds = {1, 2, 3}, anomalies = {CPU_SPIKE, ERROR_BURST}, size = "2MB")
 * void detects(MeltData data, AnomalyType type) {     // 6 invocations
 *     assertThat(detector.detect(data)).against(data).detectsEvery(type);  // MeltAssertions.assertThat
 * }
 *
 * @ParameterizedTest   // 2 seeds × 3 incident sets × 2 difficulties: 12 invocations
 * @MeltDatasets(seeds = {1, 2}, anomalies = {CPU_SPIKE, ERROR_BURST},
 *         anomalySets = @MeltDatasets.AnomalySet({CPU_SPIKE, LATENCY_SPIKE}), difficulties = {NORMAL, SUBTLE})
 * void scores(MeltData data, long seed, Difficulty difficulty) { ... }
 * }</pre>
 *
 * <p>The combinations are every seed × every incident set × every difficulty, in that order:
 * the incident sets are one per type of {@link #anomalies()}, then the sets of
 * {@link #anomalySets()}; the difficulties are those of {@link #difficulties()}, or the one
 * {@link #difficulty()}.
 *
 * <p>Each invocation receives, in the order of the method's parameters, any of:
 * {@link dev.melt.generator.MeltData} (the dataset), {@link java.nio.file.Path} (its directory),
 * {@link dev.melt.generator.GroundTruth}, {@link AnomalyType} (the combination's incident type,
 * when every incident set has exactly one), {@link Difficulty} (the combination's difficulty)
 * and {@code long} (the combination's seed); the first parameter of another type ends the
 * arguments, so later ones can come from other resolvers. Datasets come from the same run-wide
 * store and cache as {@link MeltDataset}, with the same reproduction report on failure: a
 * combination equal to a {@code @MeltDataset} spec is generated once for both. Invocations are
 * named after every knob the sweep varies: {@code seed=1, anomaly=cpu_spike}, then
 * {@code anomalies=[cpu_spike, latency_spike]} for a set of several types and
 * {@code difficulty=subtle} when {@link #difficulties()} is given.
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
     * The incident types to sweep, one type per dataset. With neither these nor
     * {@link #anomalySets()} (the default), each seed gets one dataset without incidents.
     *
     * @return the incident types
     */
    AnomalyType[] anomalies() default {};

    /**
     * Incident sets to sweep besides {@link #anomalies()}, several types in one dataset each:
     * {@code anomalySets = {@AnomalySet({CPU_SPIKE, ERROR_BURST}), @AnomalySet({})}} adds a
     * dataset with both types and one without incidents.
     *
     * @return the incident sets
     */
    AnomalySet[] anomalySets() default {};

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
     * How far incidents stand out from the noise, when {@link #difficulties()} is not given.
     *
     * @return the difficulty
     */
    Difficulty difficulty() default Difficulty.NORMAL;

    /**
     * The difficulties to sweep: every seed and incident set is generated at each. None (the
     * default) means the one {@link #difficulty()}; giving both a {@code difficulty} other than
     * {@code NORMAL} and {@code difficulties} is refused, since one would be ignored.
     *
     * @return the difficulties
     */
    Difficulty[] difficulties() default {};

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

    /**
     * The incident types of one dataset of a sweep; see {@link MeltDatasets#anomalySets()}.
     */
    @Target({})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface AnomalySet {

        /**
         * The incident types; each occurs at least once. None means a dataset without incidents.
         *
         * @return the incident types
         */
        AnomalyType[] value();
    }
}
