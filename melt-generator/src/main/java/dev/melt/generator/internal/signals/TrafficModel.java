package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Topology;

/**
 * The request volume the signals share: how many requests enter the fleet per second at traffic
 * multiplier 1, and how many calls each service receives per request. How the volume varies over
 * time is the fleet model's {@code TrafficCurve}.
 */
public final class TrafficModel {

    private TrafficModel() {
    }

    /**
     * Returns the mean number of requests entering the fleet per second at the plan's traffic.
     *
     * @param plan the plan
     * @return requests per second
     */
    public static double requestsPerSecond(Plan plan) {
        return plan.trafficScale() * 1000.0 / plan.config().tracesInterval().toMillis();
    }

    /**
     * Returns how many calls a service receives per request entering the fleet, counting every
     * path from an entry service (each request enters at one entry service, chosen uniformly).
     *
     * @param topology the fleet
     * @param service the service index
     * @return the mean calls per request
     */
    public static double callsPerRequest(Topology topology, int service) {
        int entries = topology.entryServices().size();
        double total = 0;
        for (Topology.Service entry : topology.entryServices()) {
            total += paths(topology, entry.index(), service);
        }
        return total / entries;
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
