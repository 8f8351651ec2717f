package dev.melt.junit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What fixture tests received, by a label the outer test chooses; cleared before each engine run. */
final class Recorded {

    private static final Map<String, List<Object>> VALUES = new ConcurrentHashMap<>();

    private Recorded() {
    }

    static void clear() {
        VALUES.clear();
    }

    static void put(String label, Object value) {
        VALUES.computeIfAbsent(label, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    static List<Object> get(String label) {
        return VALUES.getOrDefault(label, List.of());
    }

    static Object single(String label) {
        List<Object> values = get(label);
        if (values.size() != 1) {
            throw new AssertionError("expected one value recorded as " + label + ", got " + values);
        }
        return values.get(0);
    }
}
