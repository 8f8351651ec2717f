package dev.melt.junit;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import dev.melt.junit.internal.DatasetLease;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Provides the arguments of {@link MeltDatasets}: one dataset per seed, incident set and difficulty, generated lazily. */
final class MeltDatasetsProvider extends AnnotationBasedArgumentsProvider<MeltDatasets> {

    private static final Set<Class<?>> PROVIDED = Set.of(MeltData.class, Path.class, GroundTruth.class,
            AnomalyType.class, Difficulty.class, long.class, Long.class);
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
        List<List<AnomalyType>> anomalySets = anomalySets(annotation);
        List<Class<?>> kinds = argumentKinds(parameters, annotation, anomalySets, where);
        RunDatasets run = RunDatasets.of(context);
        long[] seeds = annotation.seeds().length > 0 ? annotation.seeds()
                : new long[] {run.settings().seedOverride().orElse(GenerationConfig.DEFAULT_SEED)};
        List<Difficulty> difficulties = difficulties(annotation, where);
        boolean namedBySet = annotation.anomalySets().length > 0;
        // Validate the spec now, so a bad attribute fails before any invocation, naming the method.
        spec(annotation, seeds[0], anomalySets.get(0), difficulties.get(0), where);
        return Arrays.stream(seeds).boxed().flatMap(seed -> anomalySets.stream().flatMap(anomalies ->
                difficulties.stream().map(difficulty -> {
                    DatasetLease lease;
                    try {
                        lease = run.acquire(context, spec(annotation, seed, anomalies, difficulty, where));
                    } catch (UncheckedIOException e) {
                        throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
                    }
                    AnomalyType type = anomalies.size() == 1 ? anomalies.get(0) : null;
                    Object[] values = kinds.stream().map(kind -> valueOf(kind, lease, seed, type, difficulty)).toArray();
                    return Arguments.argumentSet(name(seed, anomalies, namedBySet, annotation.difficulties().length > 0
                            ? difficulty : null), values);
                })));
    }

    /** The incident sets of the sweep: one per listed type, then the listed sets; one empty set when none. */
    private static List<List<AnomalyType>> anomalySets(MeltDatasets annotation) {
        List<List<AnomalyType>> sets = new ArrayList<>();
        Arrays.stream(annotation.anomalies()).distinct().forEach(type -> sets.add(List.of(type)));
        for (MeltDatasets.AnomalySet set : annotation.anomalySets()) {
            List<AnomalyType> types = Arrays.stream(set.value()).distinct().sorted().toList();
            if (!sets.contains(types)) {
                sets.add(types);
            }
        }
        if (sets.isEmpty()) {
            sets.add(List.of());
        }
        return sets;
    }

    private static List<Difficulty> difficulties(MeltDatasets annotation, String where) {
        if (annotation.difficulties().length == 0) {
            return List.of(annotation.difficulty());
        }
        if (annotation.difficulty() != Difficulty.NORMAL) {
            throw new ExtensionConfigurationException(where + ": difficulty = " + annotation.difficulty()
                    + " is not accepted beside difficulties = " + Arrays.toString(annotation.difficulties())
                    + ", which would override it; expected one of them (add " + annotation.difficulty()
                    + " to difficulties)");
        }
        return Arrays.stream(annotation.difficulties()).distinct().toList();
    }

    /** The invocation's name: every knob the sweep varies. */
    private static String name(long seed, List<AnomalyType> anomalies, boolean namedBySet, Difficulty difficulty) {
        StringBuilder name = new StringBuilder("seed=").append(seed);
        if (anomalies.size() == 1 && !namedBySet) {
            name.append(", anomaly=").append(anomalies.get(0).id());
        } else if (namedBySet) {
            name.append(", anomalies=").append(anomalies.stream().map(AnomalyType::id).toList());
        }
        if (difficulty != null) {
            name.append(", difficulty=").append(difficulty.name().toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static GenerationConfig spec(MeltDatasets annotation, long seed, List<AnomalyType> anomalies,
                                         Difficulty difficulty, String where) {
        try {
            return SpecReader.read(annotation, seed, anomalies, difficulty);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /** The leading parameters this source fills; the first of another type ends them. */
    private static List<Class<?>> argumentKinds(ParameterDeclarations parameters, MeltDatasets annotation,
                                                List<List<AnomalyType>> anomalySets, String where) {
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
            if (type == AnomalyType.class && annotation.anomalies().length == 0 && annotation.anomalySets().length == 0) {
                throw new ExtensionConfigurationException(where + ": parameter " + parameter.getParameterIndex()
                        + " of type AnomalyType is not accepted without anomalies; expected anomalies = {...}");
            }
            if (type == AnomalyType.class) {
                anomalySets.stream().filter(set -> set.size() != 1).findFirst().ifPresent(set -> {
                    throw new ExtensionConfigurationException(where + ": parameter " + parameter.getParameterIndex()
                            + " of type AnomalyType is not accepted with the incident set "
                            + set.stream().map(AnomalyType::id).toList() + ", which has " + set.size()
                            + " types; expected every set to have one type, or read the types from"
                            + " data.manifest().spec().anomalies()");
                });
            }
            kinds.add(type);
        }
        if (kinds.isEmpty()) {
            throw new ExtensionConfigurationException(where + ": the first parameter's type "
                    + parameters.getFirst().map(p -> p.getParameterType().getName()).orElse("(no parameter)")
                    + " is not accepted; expected MeltData, java.nio.file.Path, GroundTruth, AnomalyType, Difficulty"
                    + " or long");
        }
        return kinds;
    }

    private static String describe(ParameterDeclaration parameter) {
        return "parameter " + parameter.getParameterIndex() + " [" + parameter.getParameterType().getSimpleName()
                + parameter.getParameterName().map(name -> " " + name).orElse("") + "]";
    }

    private static Object valueOf(Class<?> kind, DatasetLease lease, long seed, AnomalyType type,
                                  Difficulty difficulty) {
        if (kind == AnomalyType.class) {
            return type;
        }
        if (kind == Difficulty.class) {
            return difficulty;
        }
        if (kind == long.class || kind == Long.class) {
            return seed;
        }
        return MeltExtension.valueOf(kind, lease);
    }
}
