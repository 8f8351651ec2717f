package dev.melt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asks for the counterfactual twin of a dataset: the same spec, seed and plan without its
 * incidents (all of them, or those named), generated and cached as any {@link MeltDataset}. Put
 * it on a second parameter, next to the dataset it is the twin of:
 *
 * <pre>{@code
 * @Test
 * @MeltDataset(duration = "30m", anomalies = CPU_SPIKE, seed = 4)
 * void separatesFalseAlarms(MeltData data, @MeltTwin MeltData twin) {
 *     TwinEvaluation pair = TwinEvaluation.of(detector.detect(data), detector.detect(twin), data, twin,
 *             ScoringOptions.defaults().withTolerance(Duration.ofMinutes(1)));
 *     assertThat(pair).everyIncidentAlarmLiesNearItsIncident();
 * }
 * }</pre>
 *
 * <p>The twin's spec is the one the parameter's own {@code @MeltDataset} gives, else the method's,
 * else the class's (as for an unannotated {@code MeltData} parameter), with
 * {@link dev.melt.generator.GenerationConfig#without()} set to {@link #without()}. Outside the
 * removed incidents' affected spans ({@link dev.melt.generator.Twins}) every record of the twin is
 * the original's, byte for byte; see docs/twins.md. The parameter may be a
 * {@link dev.melt.generator.MeltData}, a {@link java.nio.file.Path} or a
 * {@link dev.melt.generator.GroundTruth} (which lists the incidents left, none by default).
 * Parameters only: fields are not injected with twins.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MeltExtension.class)
public @interface MeltTwin {

    /**
     * The incidents the twin goes without: ids such as {@code "inc-0002"}, or {@code "all"} (the
     * default) for every incident.
     *
     * @return the incident ids, or {@code "all"}
     */
    String[] without() default {dev.melt.generator.GenerationConfig.ALL_INCIDENTS};
}
