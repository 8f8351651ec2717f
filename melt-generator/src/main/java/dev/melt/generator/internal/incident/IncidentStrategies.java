package dev.melt.generator.internal.incident;

import dev.melt.generator.AnomalyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The incident strategies of a plan, one per {@link AnomalyType}. {@link #standard()} is the
 * registration of melt's own types: a new type is registered by adding its strategy to
 * {@link #STANDARD}; the class fails to load, naming the type, when a constant of
 * {@code AnomalyType} has no strategy. A plan asks its own instance, so that a test can run the
 * whole generation with one strategy replaced ({@link #replacing}).
 */
public final class IncidentStrategies {

    /** The registration: one strategy per type, any order. */
    private static final List<IncidentStrategy> STANDARD = List.of(
            new CpuSpike(), new ServiceOutage(), new LatencySpike(), new ErrorBurst(), new NetworkDelay(),
            new PacketLoss());

    private static final IncidentStrategies STANDARD_SET = new IncidentStrategies(index(STANDARD));

    private final IncidentStrategy[] byType;

    private IncidentStrategies(IncidentStrategy[] byType) {
        this.byType = byType;
    }

    /** @return melt's own strategies, one per type */
    public static IncidentStrategies standard() {
        return STANDARD_SET;
    }

    /**
     * Returns these strategies with the one of a strategy's type replaced by it.
     *
     * @param strategy the replacement
     * @return a new set; this one is unchanged
     */
    public IncidentStrategies replacing(IncidentStrategy strategy) {
        List<IncidentStrategy> list = new ArrayList<>(all());
        list.set(strategy.type().ordinal(), strategy);
        return new IncidentStrategies(index(list));
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
    public IncidentStrategy of(AnomalyType type) {
        return byType[type.ordinal()];
    }

    /** @return every strategy, in the order of {@link AnomalyType} */
    public List<IncidentStrategy> all() {
        return Arrays.asList(byType.clone());
    }
}
