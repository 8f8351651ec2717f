package dev.melt.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * Computes store values with JUnit 6's {@code computeIfAbsent} where it exists and with
 * {@code getOrComputeIfAbsent} (deprecated on JUnit 6, the only choice on 5.14) otherwise, so
 * that the extension compiles against 5.14 without warnings and never calls a deprecated method
 * on 6. Both run the creator once per key, however many threads ask.
 */
final class StoreValues {

    /** {@code Store.computeIfAbsent(Object, Function, Class)}, or null before JUnit 6. */
    private static final MethodHandle COMPUTE_IF_ABSENT = computeIfAbsent();

    private StoreValues() {
    }

    static <K, V> V computeIfAbsent(Store store, K key, Function<K, V> creator, Class<V> type) {
        if (COMPUTE_IF_ABSENT == null) {
            return store.getOrComputeIfAbsent(key, creator, type);
        }
        try {
            return type.cast(COMPUTE_IF_ABSENT.invoke(store, key, creator, type));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tells whether values are stored with JUnit 6's {@code computeIfAbsent}; for tests. */
    static boolean usesComputeIfAbsent() {
        return COMPUTE_IF_ABSENT != null;
    }

    private static MethodHandle computeIfAbsent() {
        try {
            return MethodHandles.publicLookup().findVirtual(Store.class, "computeIfAbsent",
                    MethodType.methodType(Object.class, Object.class, Function.class, Class.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJUnit6) {
            return null;
        }
    }
}
