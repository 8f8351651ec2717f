package dev.melt.junit;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import dev.melt.junit.internal.DatasetLease;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Provides the arguments of {@link MeltDatasets}: one dataset per seed and anomaly type, generated lazily. */
final class MeltDatasetsProvider extends AnnotationBasedArgumentsProvider<MeltDatasets> {

    private static final Set<Class<?>> PROVIDED = Set.of(MeltData.class, Path.class, GroundTruth.class,
            AnomalyType.class, long.class, Long.class);
    /** Types a seed parameter is mistakenly declared with; nothing else would resolve them in a sweep. */
    private static final Set<Class<?>> SEED_LOOKALIKES = Set.of(int.class, Integer.class, short.class, Short.class);

    @Override
    protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
                                                           ExtensionContext context, MeltDatasets annotation) {
        String where = "@MeltDatasets on " + parameters.getSourceElementDescription();
        context.getTestMethod().ifPresent(method -> {
            List<String> specs = MeltExtension.specSources(method);
            if (!specs.isEmpty()) {
                throw new ExtensionConfigurationException(specs.get(0) + " and @MeltDatasets are both on method ["
                        + MeltExtension.describe(method) + "]: the sweep gives every invocation its datasets, so "
                        + specs.get(0) + "'s spec would be ignored; move its attributes into @MeltDatasets"
                        + " (seed = 99 becomes seeds = 99) and remove " + specs.get(0));
            }
        });
        List<Class<?>> kinds = argumentKinds(parameters, annotation, where);
        RunDatasets run = RunDatasets.of(context);
        long[] seeds = annotation.seeds().length > 0 ? annotation.seeds()
                : new long[] {run.settings().seedOverride().orElse(GenerationConfig.DEFAULT_SEED)};
        List<List<AnomalyType>> anomalySets = new ArrayList<>();
        if (annotation.anomalies().length == 0) {
            anomalySets.add(List.of());
        }
        Arrays.stream(annotation.anomalies()).distinct().forEach(type -> anomalySets.add(List.of(type)));
        // Validate the spec now, so a bad attribute fails before any invocation, naming the method.
        spec(annotation, seeds[0], anomalySets.get(0), where);
        return Arrays.stream(seeds).boxed().flatMap(seed -> anomalySets.stream().map(anomalies -> {
            DatasetLease lease;
            try {
                lease = run.acquire(context, spec(annotation, seed, anomalies, where));
            } catch (UncheckedIOException e) {
                throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
            }
            AnomalyType type = anomalies.isEmpty() ? null : anomalies.get(0);
            Object[] values = kinds.stream().map(kind -> valueOf(kind, lease, seed, type)).toArray();
            String name = "seed=" + seed + (type == null ? "" : ", anomaly=" + type.id());
            return Arguments.argumentSet(name, values);
        }));
    }

    private static GenerationConfig spec(MeltDatasets annotation, long seed, List<AnomalyType> anomalies,
                                         String where) {
        try {
            return SpecReader.read(annotation, seed, anomalies);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /** The leading parameters this source fills; the first of another type ends them. */
    private static List<Class<?>> argumentKinds(ParameterDeclarations parameters, MeltDatasets annotation,
                                                String where) {
        List<Class<?>> kinds = new ArrayList<>();
        for (ParameterDeclaration parameter : parameters.getAll()) {
            Class<?> type = parameter.getParameterType();
            if (SEED_LOOKALIKES.contains(type)) {
                throw new ExtensionConfigurationException(where + ": " + describe(parameter) + " cannot take the"
                        + " seed: seeds are long; declare it long");
            }
            if (!PROVIDED.contains(type) || MeltExtension.specSources(parameter.getAnnotatedElement()).size() > 0) {
                break; // a parameter with its own @MeltDataset is resolved by the extension, not by the sweep
            }
            if (type == AnomalyType.class && annotation.anomalies().length == 0) {
                throw new ExtensionConfigurationException(where + ": parameter " + parameter.getParameterIndex()
                        + " of type AnomalyType is not accepted without anomalies; expected anomalies = {...}");
            }
            kinds.add(type);
        }
        if (kinds.isEmpty()) {
            throw new ExtensionConfigurationException(where + ": the first parameter's type "
                    + parameters.getFirst().map(p -> p.getParameterType().getName()).orElse("(no parameter)")
                    + " is not accepted; expected MeltData, java.nio.file.Path, GroundTruth, AnomalyType or long");
        }
        return kinds;
    }

    private static String describe(ParameterDeclaration parameter) {
        return "parameter " + parameter.getParameterIndex() + " [" + parameter.getParameterType().getSimpleName()
                + parameter.getParameterName().map(name -> " " + name).orElse("") + "]";
    }

    private static Object valueOf(Class<?> kind, DatasetLease lease, long seed, AnomalyType type) {
        if (kind == AnomalyType.class) {
            return type;
        }
        if (kind == long.class || kind == Long.class) {
            return seed;
        }
        return MeltExtension.valueOf(kind, lease);
    }
}
