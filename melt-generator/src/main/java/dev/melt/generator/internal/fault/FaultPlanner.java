package dev.melt.generator.internal.fault;

import dev.melt.generator.Fault;
import dev.melt.generator.FaultKind;
import dev.melt.generator.Signal;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.RandomStreams;
import dev.melt.generator.internal.plan.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Places the telemetry faults a spec requests: one per kind, each on its own host when there are
 * enough hosts, in a window of about a tenth of the dataset, drawn from random streams keyed by
 * the seed and the kind's name only, so that the incidents and records are drawn as without
 * faults.
 */
public final class FaultPlanner {

    private FaultPlanner() {
    }

    /**
     * Places the faults of a plan's spec.
     *
     * @param plan the plan
     * @return the faults, ordered and numbered by start time; empty when the spec requests none
     */
    public static List<Fault> plan(Plan plan) {
        List<FaultKind> kinds = new ArrayList<>(plan.config().faults());
        if (kinds.isEmpty()) {
            return List.of();
        }
        Topology topology = plan.topology();
        List<Topology.Host> hosts = new ArrayList<>(topology.hosts());
        // One shuffle of the hosts, then kind i takes host i: distinct hosts while there are enough.
        UniformRandomProvider order = RandomStreams.stream(plan.config().seed(), "faults.hosts");
        for (int i = hosts.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            Topology.Host t = hosts.get(i);
            hosts.set(i, hosts.get(j));
            hosts.set(j, t);
        }
        long d = plan.durationMillis();
        long interval = plan.config().metricsInterval().toMillis();
        long length = Math.min(Math.max(d / 10, 3 * interval), d / 2);
        if (length >= 2000) {
            length -= length % 1000;
        }
        List<Draft> drafts = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            FaultKind kind = kinds.get(k);
            UniformRandomProvider r = RandomStreams.stream(plan.config().seed(), "faults." + kind.id());
            Topology.Host host = hosts.get(k % hosts.size());
            long start = plan.startMillis() + (long) ((d - length) * (0.1 + 0.8 * r.nextDouble()));
            start -= Math.floorMod(start - plan.startMillis(), 1000L);
            Duration offset = Duration.ZERO;
            if (kind == FaultKind.CLOCK_SKEW) {
                long seconds = 60 + r.nextInt(241);
                offset = Duration.ofSeconds(r.nextBoolean() ? seconds : -seconds);
            }
            List<String> files = new ArrayList<>();
            for (Signal s : kind.signals()) {
                files.add(s.fileName());
            }
            drafts.add(new Draft(kind, topology.services().get(host.serviceIndex()).name(), host.name(), start,
                    Math.min(start + length, plan.endMillis()), offset, files));
        }
        drafts.sort(Comparator.comparingLong(Draft::start).thenComparing(Draft::kind));
        List<Fault> faults = new ArrayList<>();
        for (Draft f : drafts) {
            faults.add(new Fault(String.format("flt-%04d", faults.size() + 1), f.kind, f.service, f.host,
                    Instant.ofEpochMilli(f.start), Instant.ofEpochMilli(f.end), f.offset, f.files));
        }
        return List.copyOf(faults);
    }

    private record Draft(FaultKind kind, String service, String host, long start, long end, Duration offset,
                         List<String> files) {
    }
}
