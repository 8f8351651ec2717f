package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import java.util.Arrays;
import java.util.List;

/**
 * The registry of incident strategies, one per {@link AnomalyType}. A new type is registered by
 * adding its strategy to {@link #STRATEGIES}; the class fails to load, naming the type, when a
 * constant of {@code AnomalyType} has no strategy.
 */
public final class IncidentStrategies {

    /** The registration: one strategy per type, any order. */
    private static final List<IncidentStrategy> STRATEGIES = List.of(
            new CpuSpike(), new ServiceOutage(), new LatencySpike(), new ErrorBurst());

    private static final IncidentStrategy[] BY_TYPE = index(STRATEGIES);

    private IncidentStrategies() {
    }

    static IncidentStrategy[] index(List<IncidentStrategy> strategies) {
        IncidentStrategy[] byType = new IncidentStrategy[AnomalyType.values().length];
        for (IncidentStrategy s : strategies) {
            if (byType[s.type().ordinal()] != null) {
                throw new IllegalStateException("anomaly type " + s.type().id() + " has two strategies: "
                        + byType[s.type().ordinal()].getClass().getName() + " and " + s.getClass().getName());
            }
            byType[s.type().ordinal()] = s;
        }
        for (AnomalyType t : AnomalyType.values()) {
            if (byType[t.ordinal()] == null) {
                throw new IllegalStateException("anomaly type " + t.id() + " has no incident strategy; register one in "
                        + IncidentStrategies.class.getName());
            }
        }
        return byType;
    }

    /**
     * Returns the strategy of a type.
     *
     * @param type the type
     * @return its strategy
     */
    public static IncidentStrategy of(AnomalyType type) {
        return BY_TYPE[type.ordinal()];
    }

    /** @return every registered strategy, in the order of {@link AnomalyType} */
    public static List<IncidentStrategy> all() {
        return Arrays.asList(BY_TYPE.clone());
    }
}
