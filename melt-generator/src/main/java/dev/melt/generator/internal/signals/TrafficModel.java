package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Topology;

/**
 * The request volume the signals share: how many requests enter each entry service per second at
 * traffic multiplier 1, and how many call paths lead from the entry services to a service. How
 * the volume varies over time is the fleet model's {@code TrafficCurve}.
 */
public final class TrafficModel {

    private TrafficModel() {
    }

    /**
     * Returns the mean number of requests entering each entry service per second: the spec's
     * request rate times the plan's traffic scale.
     *
     * @param plan the plan
     * @return requests per second per entry service
     */
    public static double requestsPerSecond(Plan plan) {
        return plan.trafficScale() * plan.config().requestRate();
    }

    /**
     * Returns how many call paths lead to a service from all entry services: a service's share of
     * the traffic, up to the endpoints' optional calls. Adding a service that no other calls adds
     * an entry and changes no other service's paths.
     *
     * @param topology the fleet
     * @param service the service index
     * @return the number of paths, 1 for an entry service nobody else reaches
     */
    public static double paths(Topology topology, int service) {
        double total = 0;
        for (Topology.Service entry : topology.entryServices()) {
            total += paths(topology, entry.index(), service);
        }
        return total;
    }

    private static double paths(Topology topology, int from, int to) {
        if (from == to) {
            return 1;
        }
        double n = 0;
        for (int callee : topology.services().get(from).callees()) {
            n += paths(topology, callee, to);
        }
        return n;
    }
}
