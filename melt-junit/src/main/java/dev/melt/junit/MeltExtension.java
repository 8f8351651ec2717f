package dev.melt.junit;

import dev.melt.generator.report.FailureReports;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import dev.melt.junit.internal.DatasetLease;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link MeltDataset} and {@link MeltDatasets}: resolves parameters, fills
 * fields, and reports how to regenerate the datasets of a failed test.
 */
final class MeltExtension implements ParameterResolver, BeforeAllCallback, BeforeEachCallback,
        BeforeTestExecutionCallback, AfterTestExecutionCallback, InvocationInterceptor {

    private static final List<Class<?>> INJECTABLE = List.of(MeltData.class, Path.class, GroundTruth.class);
    private static final String ACCEPTED = "dev.melt.generator.MeltData, java.nio.file.Path or"
            + " dev.melt.generator.GroundTruth";

    /**
     * Claims a parameter only when it asks for a dataset: it carries {@link MeltDataset} (directly
     * or through the user's own annotation), or it is a {@code MeltData} or {@code GroundTruth}
     * under a method- or class-level spec. An unannotated {@code Path} is never claimed, as
     * {@code @TempDir} never claims one: it may be another resolver's, such as a
     * {@code @ParameterizedTest}'s argument.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.isAnnotated(MeltTwin.class)
                && AnnotationSupport.isAnnotated(parameterContext.getDeclaringExecutable(), MeltDatasets.class)) {
            // The sweep's own resolver claims the parameter too; JUnit would only say two resolvers compete.
            throw new ParameterResolutionException("@MeltTwin is not supported in @MeltDatasets sweeps: "
                    + describe(parameterContext) + "; expected it in a test with a @MeltDataset");
        }
        if (parameterContext.isAnnotated(MeltDataset.class) || parameterContext.isAnnotated(MeltTwin.class)) {
            return true; // a wrong type or a second spec is reported by resolveParameter, naming the parameter
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type != MeltData.class && type != GroundTruth.class) {
            return false;
        }
        Executable executable = parameterContext.getDeclaringExecutable();
        // In a @MeltDatasets method these parameters are the sweep's arguments, not ours.
        if (AnnotationSupport.isAnnotated(executable, MeltDatasets.class)) {
            return false;
        }
        if (AnnotationSupport.isAnnotated(executable, MeltDataset.class)) {
            return true;
        }
        for (Class<?> c = extensionContext.getTestClass().orElse(executable.getDeclaringClass()); c != null;
                c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, MeltDataset.class)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        String where = describe(parameterContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (!INJECTABLE.contains(type)) {
            throw new ParameterResolutionException("@MeltDataset cannot inject " + where + ": type "
                    + type.getName() + " is not accepted; expected " + ACCEPTED);
        }
        Optional<MeltTwin> twin = parameterContext.findAnnotation(MeltTwin.class);
        MeltDataset spec = specOn(parameterContext.getParameter(), where, ParameterResolutionException::new)
                .or(() -> enclosingSpec(parameterContext, extensionContext))
                .orElseThrow(() -> new ParameterResolutionException("no @MeltDataset for " + where
                        + (twin.isPresent() ? ": @MeltTwin is the twin of the @MeltDataset of the parameter, method or"
                        + " class; add one" : "")));
        DatasetLease lease = twin.isPresent()
                ? acquireTwin(extensionContext, spec, twin.get(), where)
                : acquire(extensionContext, spec, where, ParameterResolutionException::new);
        UsedDatasets.record(extensionContext, lease);
        return valueOf(type, lease);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        injectFields(context, context.getRequiredTestClass(), null);
        if (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS) {
            context.getTestInstance().ifPresent(instance -> injectFields(context, instance.getClass(), instance));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Method test = context.getRequiredTestMethod();
        if (AnnotationSupport.isAnnotated(test, MeltDatasets.class)
                && !AnnotationSupport.isAnnotated(test, ParameterizedTest.class)) {
            throw new ExtensionConfigurationException("@MeltDatasets on method [" + describe(test)
                    + "] needs @ParameterizedTest: @MeltDatasets is an arguments source, and @Test does not read"
                    + " arguments; replace @Test with @ParameterizedTest, or use @MeltDataset for one dataset");
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(context, instance.getClass(), instance);
        }
    }

    /**
     * Opens the test's collection of failure reports; JUnit always pairs this callback with
     * {@link #afterTestExecution}, which closes it, whatever the test or the other callbacks did.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        FailureReports.open(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        List<Path> reports = FailureReports.close();
        List<Path> kept = List.of();
        try {
            if (context.getExecutionException().isPresent()) {
                ReproductionReport.publish(context, UsedDatasets.upTo(context), System.out);
                kept = ReproductionReport.publishReports(context, reports, System.out);
            }
        } finally {
            List<Path> keep = kept;
            ReproductionReport.deleteReports(reports.stream().filter(r -> !keep.contains(r)).toList());
        }
    }

    /** Notes which datasets a parameterized invocation received, for the report on failure. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        RunDatasets.ifStarted(extensionContext).ifPresent(run -> {
            for (Object argument : invocationContext.getArguments()) {
                run.leaseOf(argument).ifPresent(lease -> UsedDatasets.record(extensionContext, lease));
            }
        });
        invocation.proceed();
    }

    /** Sets the static fields ({@code instance == null}) or instance fields annotated with {@link MeltDataset}. */
    private static void injectFields(ExtensionContext context, Class<?> type, Object instance) {
        boolean statics = instance == null;
        List<Field> fields = AnnotationSupport.findAnnotatedFields(type, MeltDataset.class,
                f -> Modifier.isStatic(f.getModifiers()) == statics);
        for (Field field : fields) {
            String where = "field [" + field.getType().getSimpleName() + " " + field.getName() + "] of class ["
                    + field.getDeclaringClass().getName() + "]";
            if (!INJECTABLE.contains(field.getType())) {
                throw new ExtensionConfigurationException("@MeltDataset cannot inject " + where + ": type "
                        + field.getType().getName() + " is not accepted; expected " + ACCEPTED);
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@MeltDataset cannot inject " + where
                        + ": it is final; expected a non-final field");
            }
            MeltDataset spec = specOn(field, where, ExtensionConfigurationException::new).orElseThrow();
            DatasetLease lease = acquire(context, spec, where, ExtensionConfigurationException::new);
            UsedDatasets.record(context, lease);
            try {
                field.setAccessible(true);
                field.set(instance, valueOf(field.getType(), lease));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("@MeltDataset cannot set " + where + ": " + e, e);
            }
        }
    }

    static DatasetLease acquire(ExtensionContext context, MeltDataset annotation, String where,
                                BiFunction<String, Throwable, ? extends RuntimeException> failure) {
        RunDatasets run = RunDatasets.of(context);
        try {
            return run.acquire(context, SpecReader.read(annotation, run.settings().seedOverride()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw failure.apply("@MeltDataset on " + where + ": " + e.getMessage(), e);
        }
    }

    /** The twin of a spec, without the incidents {@link MeltTwin#without()} names. */
    private static DatasetLease acquireTwin(ExtensionContext context, MeltDataset annotation, MeltTwin twin,
                                            String where) {
        RunDatasets run = RunDatasets.of(context);
        try {
            return run.acquire(context, SpecReader.read(annotation, run.settings().seedOverride()).twin(twin.without()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterResolutionException("@MeltTwin on " + where + ": " + e.getMessage(), e);
        }
    }

    static Object valueOf(Class<?> type, DatasetLease lease) {
        if (type == Path.class) {
            return lease.directory();
        }
        if (type == GroundTruth.class) {
            return lease.groundTruth();
        }
        return lease.data();
    }

    /** The annotation of the method, else of the test class, else of its enclosing classes. */
    private static Optional<MeltDataset> enclosingSpec(ParameterContext parameterContext, ExtensionContext context) {
        Executable executable = parameterContext.getDeclaringExecutable();
        if (executable instanceof Method) {
            Optional<MeltDataset> onMethod = specOn(executable, "method [" + describe(executable) + "]",
                    ParameterResolutionException::new);
            if (onMethod.isPresent()) {
                return onMethod;
            }
        }
        for (Class<?> c = context.getTestClass().orElse(executable.getDeclaringClass()); c != null;
                c = c.getEnclosingClass()) {
            Optional<MeltDataset> onClass = specOn(c, "class [" + c.getName() + "]", ParameterResolutionException::new);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    /**
     * The spec an element carries, directly or through meta-annotations.
     *
     * @throws RuntimeException made by {@code failure} when the element carries more than one,
     *     naming them: a spec is taken as a whole, so one of them would be silently ignored
     */
    static Optional<MeltDataset> specOn(AnnotatedElement element, String where,
                                        BiFunction<String, Throwable, ? extends RuntimeException> failure) {
        List<String> sources = specSources(element);
        if (sources.size() > 1) {
            throw failure.apply(String.join(" and ", sources) + " both give a dataset spec for " + where
                    + ": one would be ignored; keep only one of them (a spec is taken as a whole, attributes"
                    + " are not merged)", null);
        }
        return AnnotationSupport.findAnnotation(element, MeltDataset.class);
    }

    /**
     * The annotations declared on an element that give it a spec: {@code @MeltDataset} itself and
     * each annotation meta-annotated with it, such as {@code @CheckoutIncident}.
     */
    static List<String> specSources(AnnotatedElement element) {
        List<String> sources = new ArrayList<>();
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type == MeltDataset.class || AnnotationSupport.isAnnotated(type, MeltDataset.class)) {
                sources.add("@" + type.getSimpleName());
            }
        }
        return sources;
    }

    static String describe(Executable executable) {
        String parameters = Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        String name = executable instanceof Method ? executable.getName() : "<init>";
        return executable.getDeclaringClass().getSimpleName() + "." + name + "(" + parameters + ")";
    }

    private static String describe(ParameterContext parameterContext) {
        Parameter parameter = parameterContext.getParameter();
        Executable executable = parameterContext.getDeclaringExecutable();
        return "parameter [" + parameter.getType().getSimpleName() + " " + parameter.getName() + "] of "
                + (executable instanceof Method ? "method" : "constructor") + " [" + describe(executable) + "]";
    }

    /** The datasets handed to one test, class or invocation, kept in that context's own store entry. */
    private static final class UsedDatasets {
        private final Set<DatasetLease> leases = new LinkedHashSet<>();

        static void record(ExtensionContext context, DatasetLease lease) {
            UsedDatasets used = StoreValues.computeIfAbsent(context.getStore(RunDatasets.NAMESPACE),
                    key(context), k -> new UsedDatasets(), UsedDatasets.class);
            synchronized (used) {
                used.leases.add(lease);
            }
        }

        /** Collects the datasets used by a context and all its ancestors, nearest first. */
        static Set<DatasetLease> upTo(ExtensionContext context) {
            Set<DatasetLease> all = new LinkedHashSet<>();
            for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
                UsedDatasets used = c.getStore(RunDatasets.NAMESPACE).get(key(c), UsedDatasets.class);
                if (used != null) {
                    synchronized (used) {
                        all.addAll(used.leases);
                    }
                }
            }
            return all;
        }

        // The store looks values up in parent contexts too; a key per context keeps them apart.
        private static String key(ExtensionContext context) {
            return "used-datasets@" + context.getUniqueId();
        }
    }
}
