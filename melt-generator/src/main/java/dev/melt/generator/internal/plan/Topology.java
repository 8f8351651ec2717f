package dev.melt.generator.internal.plan;

import dev.melt.generator.GenerationConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet derived from a spec: services with stable indexes, their hosts and environments,
 * and the call graph in both directions. Immutable; built once per plan.
 */
public final class Topology {

    /** One host of a service. */
    public record Host(int index, String name, int serviceIndex, String environment) {
    }

    /** One service with its hosts, callees and callers (indexes into {@link #services()}). */
    public record Service(int index, String name, List<Host> hosts, List<Integer> callees, List<Integer> callers,
                          int depth) {

        /** @return {@code true} when no service calls this one, so requests enter the fleet here */
        public boolean isEntry() {
            return callers.isEmpty();
        }

        /**
         * Returns one of this service's hosts by name.
         *
         * @param name the host name
         * @return the host
         * @throws java.util.NoSuchElementException when the service has no host of that name
         */
        public Host host(String name) {
            return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private final List<Service> services;
    private final List<Host> hosts;
    private final Map<String, Service> byName;

    private Topology(List<Service> services, List<Host> hosts) {
        this.services = Collections.unmodifiableList(services);
        this.hosts = Collections.unmodifiableList(hosts);
        Map<String, Service> map = new HashMap<>();
        services.forEach(s -> map.put(s.name(), s));
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * Derives the fleet from a spec. Hosts are named {@code <service>-NN} unless the spec names
     * hosts, which are then dealt round-robin to services (each service gets at least one; with
     * fewer hosts than services, hosts are shared). Environments are dealt round-robin to hosts.
     *
     * @param config the validated spec
     * @return the topology
     */
    public static Topology of(GenerationConfig config) {
        List<String> names = config.services();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        List<List<Integer>> callers = new ArrayList<>();
        names.forEach(n -> callers.add(new ArrayList<>()));
        for (String caller : names) {
            for (String callee : config.callGraph().get(caller)) {
                callers.get(index.get(callee)).add(index.get(caller));
            }
        }
        List<String> envs = config.environments();
        List<List<String>> hostNames = new ArrayList<>();
        names.forEach(n -> hostNames.add(new ArrayList<>()));
        if (config.hosts().isEmpty()) {
            for (int s = 0; s < names.size(); s++) {
                for (int h = 1; h <= config.hostsPerService(); h++) {
                    hostNames.get(s).add(names.get(s) + "-" + zeroPadded(h, 2));
                }
            }
        } else {
            List<String> given = config.hosts();
            int n = Math.max(given.size(), names.size());
            for (int i = 0; i < n; i++) {
                hostNames.get(i % names.size()).add(given.get(i % given.size()));
            }
        }
        List<Service> services = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        int[] depth = depths(names, config.callGraph(), callers, index);
        for (int s = 0; s < names.size(); s++) {
            List<Host> own = new ArrayList<>();
            for (String h : hostNames.get(s)) {
                Host host = new Host(hosts.size(), h, s, envs.get(hosts.size() % envs.size()));
                hosts.add(host);
                own.add(host);
            }
            List<Integer> callees = new ArrayList<>();
            config.callGraph().get(names.get(s)).forEach(c -> callees.add(index.get(c)));
            services.add(new Service(s, names.get(s), List.copyOf(own), List.copyOf(callees),
                    List.copyOf(callers.get(s)), depth[s]));
        }
        return new Topology(services, hosts);
    }

    /** Depth = length of the longest call path from an entry service; entries have depth 0. */
    private static int[] depths(List<String> names, Map<String, List<String>> graph, List<List<Integer>> callers,
                                Map<String, Integer> index) {
        int[] depth = new int[names.size()];
        boolean changed = true;
        // The graph is a validated DAG, so relaxing |V| times settles every depth.
        for (int round = 0; round < names.size() && changed; round++) {
            changed = false;
            for (String caller : names) {
                int c = index.get(caller);
                for (String callee : graph.get(caller)) {
                    int e = index.get(callee);
                    if (depth[e] < depth[c] + 1) {
                        depth[e] = depth[c] + 1;
                        changed = true;
                    }
                }
            }
        }
        return depth;
    }

    /** @return the services, indexed by {@link Service#index()} in spec order */
    public List<Service> services() {
        return services;
    }

    /** @return every host of every service, indexed by {@link Host#index()} */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * Returns a service by name.
     *
     * @param name the service name
     * @return the service, or {@code null}
     */
    public Service service(String name) {
        return byName.get(name);
    }

    /** @return the services no one calls, where requests enter the fleet */
    public List<Service> entryServices() {
        List<Service> entries = new ArrayList<>();
        services.forEach(s -> {
            if (s.isEntry()) {
                entries.add(s);
            }
        });
        return entries;
    }

    /**
     * Writes a number with leading zeros up to a width, as {@code %0Nd} does; without
     * {@code String.format}, whose first call costs a fresh JVM tens of milliseconds of set-up.
     *
     * @param value a number, 0 or more
     * @param width the least number of digits
     * @return the digits
     */
    static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
