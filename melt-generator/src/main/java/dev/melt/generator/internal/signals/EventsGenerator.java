package dev.melt.generator.internal.signals;

import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.engine.Plan;
import dev.melt.generator.internal.io.EventWriter;
import dev.melt.generator.internal.plan.Topology;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates operational events across the fleet as a Poisson process at the events interval:
 * deployments, configuration changes, scaling and alerts.
 */
public final class EventsGenerator implements SignalGenerator {

    private final Plan plan;

    /**
     * Prepares the generator.
     *
     * @param plan the plan
     */
    public EventsGenerator(Plan plan) {
        this.plan = plan;
    }

    @Override
    public void generate(ChunkContext chunk) {
        UniformRandomProvider rng = chunk.random(Signal.EVENTS, "fleet");
        ContinuousSampler gap = ZigguratSampler.Exponential.of(rng,
                plan.config().eventsInterval().toMillis());
        EventWriter out = chunk.events();
        Topology topology = plan.topology();
        double t = chunk.startMillis();
        while (true) {
            t += gap.sample();
            if (t >= chunk.endMillis()) {
                break;
            }
            long at = (long) t;
            Topology.Service service = topology.services().get(rng.nextInt(topology.services().size()));
            Topology.Host host = service.hosts().get(rng.nextInt(service.hosts().size()));
            String incident = plan.incidents().incidentAt(service.index(), host.index(), at);
            int kind = rng.nextInt(4);
            switch (kind) {
                case 0: {
                    String version = "v" + (1 + rng.nextInt(3)) + "." + rng.nextInt(20) + "." + rng.nextInt(10);
                    out.begin(at, "deployment", "info", "ci-cd-pipeline",
                                    "Service " + service.name() + " " + version + " deployed successfully")
                            .field("service", service.name()).field("host", host.name())
                            .field("version", version).end(incident);
                    break;
                }
                case 1:
                    out.begin(at, "config_change", "info", "config-server",
                                    "Configuration of " + service.name() + " updated")
                            .field("service", service.name()).field("host", host.name())
                            .field("key", "pool.max_connections").end(incident);
                    break;
                case 2: {
                    int replicas = 2 + rng.nextInt(6);
                    out.begin(at, "scaling", "info", "autoscaler",
                                    "Scaled " + service.name() + " to " + replicas + " replicas")
                            .field("service", service.name()).field("host", host.name())
                            .field("replicas", replicas).end(incident);
                    break;
                }
                default:
                    out.begin(at, "alert", "warning", "alertmanager",
                                    "High request latency on " + service.name())
                            .field("service", service.name()).field("host", host.name())
                            .field("alert_name", "HighLatency").end(incident);
            }
        }
    }
}
