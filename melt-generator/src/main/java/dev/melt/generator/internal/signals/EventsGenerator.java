package dev.melt.generator.internal.signals;

import dev.melt.generator.AffectedService;
import dev.melt.generator.Incident;
import dev.melt.generator.Signal;
import dev.melt.generator.internal.engine.ChunkContext;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.encode.EventSink;
import dev.melt.generator.internal.model.BenignSchedule;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Topology;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates operational events from the fleet model:
 * <ul>
 *   <li>{@code deployment} — each rollout of the benign schedule (its hosts restart one by one);</li>
 *   <li>{@code batch_job} — each start of a scheduled job;</li>
 *   <li>{@code alert} — not here: alert rules are evaluated on the metrics ({@link AlertRules});</li>
 *   <li>{@code restart} or {@code rollback} — ends an outage's down time when its recovery starts,
 *       inside its root window (at the latest one second before the window closes);</li>
 *   <li>{@code config_change} — background noise over several keys, a Poisson process per
 *       service at the events interval.</li>
 * </ul>
 * Events about a whole service carry no host and are labelled from the service's whole-service
 * windows; events about a host are labelled from that host's windows.
 */
final class EventsGenerator {


    private static final String[] CONFIG_KEYS = {"pool.max_connections", "http.client.timeout_ms",
        "cache.ttl_seconds", "retry.max_attempts", "feature_flags.new_checkout", "log.level",
        "rate_limit.requests_per_second", "circuit_breaker.failure_threshold"};

    private final Plan plan;
    /** Start and end of each affected window, in epoch millis. */
    private final long[] windowStart;
    private final long[] windowEnd;

    /**
     * Prepares the generator.
     *
     * @param plan the plan
     */
    public EventsGenerator(Plan plan) {
        this.plan = plan;
        IncidentIndex incidents = plan.incidents();
        this.windowStart = new long[incidents.windowCount()];
        this.windowEnd = new long[incidents.windowCount()];
        for (int w = 0; w < windowStart.length; w++) {
            windowStart[w] = incidents.window(w).start().toEpochMilli();
            windowEnd[w] = incidents.window(w).end().toEpochMilli();
        }
    }

    /**
     * Writes the chunk's events.
     *
     * @param chunk the chunk
     */
    void generate(ChunkContext chunk) {
        EventSink out = chunk.events();
        long from = chunk.startMillis();
        long to = chunk.endMillis();
        deployments(out, from, to);
        batchJobs(out, from, to);
        recoveries(out, from, to);
        background(chunk, out);
    }

    private void deployments(EventSink out, long from, long to) {
        Topology topology = plan.topology();
        IncidentIndex incidents = plan.incidents();
        for (BenignSchedule.Deployment d : plan.model().benign().deployments(from, to)) {
            Topology.Service s = topology.services().get(d.service());
            out.begin(d.at(), "deployment", "info", "ci-cd-pipeline",
                            "Service " + s.name() + " " + d.version() + " deployed successfully (rolling restart of "
                                    + s.hosts().size() + " hosts)")
                    .field("service", s.name()).field("version", d.version())
                    .field("previous_version", d.previousVersion())
                    .end(incidents.incidentAt(s.index(), -1, d.at()));
        }
    }

    private void batchJobs(EventSink out, long from, long to) {
        Topology topology = plan.topology();
        IncidentIndex incidents = plan.incidents();
        for (BenignSchedule.BatchJob job : plan.model().benign().batchJobs()) {
            long k = Math.floorDiv(from - job.offsetMillis() + job.periodMillis() - 1, job.periodMillis());
            for (long at = job.offsetMillis() + k * job.periodMillis(); at < to; at += job.periodMillis()) {
                Topology.Host host = topology.hosts().get(job.host());
                Topology.Service s = topology.services().get(host.serviceIndex());
                out.begin(at, "batch_job", "info", "scheduler", "Job " + job.name() + " started on " + host.name())
                        .field("service", s.name()).field("host", host.name()).field("job", job.name())
                        .field("expected_duration_s", job.durationMillis() / 1000)
                        .end(incidents.incidentAt(s.index(), host.index(), at));
            }
        }
    }

    private void recoveries(EventSink out, long from, long to) {
        // A chunk meets few windows: compare primitives, and write only for those.
        for (int w = 0; w < windowStart.length; w++) {
            if (windowEnd[w] >= from && windowStart[w] < to) {
                recovery(out, w, from, to);
            }
        }
    }

    /** The restart or rollback that starts the recovery of an outage's root window, when it falls in [from, to). */
    private void recovery(EventSink out, int w, long from, long to) {
        IncidentIndex incidents = plan.incidents();
        FleetModel model = plan.model();
        AffectedService a = incidents.window(w);
        if (a.role() != AffectedService.Role.ROOT_CAUSE) {
            return;
        }
        Incident incident = incidents.incident(w);
        long start = windowStart[w];
        long end = windowEnd[w];
        Topology.Service s = plan.topology().service(a.service());
        String action = model.recoveryAction(incident);
        // An outage ends with its restart or rollback, when its recovery starts.
        long recovery = action == null ? end - 1000 : Math.min(end - 1000, model.recoveryStart(incident));
        if (action != null && recovery >= start && recovery >= from && recovery < to) {
            String message = action.equals("rollback")
                    ? "Rolled back " + s.name() + " to its previous version after failed health checks"
                    : "Restarted all pods of " + s.name() + " after failed liveness probes";
            out.begin(recovery, action, "warning", action.equals("rollback") ? "ci-cd-pipeline" : "kubernetes",
                            message)
                    .field("service", s.name())
                    .end(incidents.incidentAt(s.index(), -1, recovery));
        }
    }

    /**
     * Configuration changes: unrelated to incidents, as most change events are. A Poisson process
     * per service at the events interval, drawn interval by interval from the service's own stream,
     * over several keys. No scaling events: the fleet's hosts are fixed, and an event announcing
     * replicas that never report would contradict the metrics.
     */
    private void background(ChunkContext chunk, EventSink out) {
        Topology topology = plan.topology();
        IncidentIndex incidents = plan.incidents();
        double meanGap = plan.config().eventsInterval().toMillis();
        long blockMillis = plan.blockMillis();
        for (long from = chunk.startMillis(); from < chunk.endMillis(); from += blockMillis) {
            long to = Math.min(chunk.endMillis(), from + blockMillis);
            long block = plan.blockOf(from);
            for (Topology.Service service : topology.services()) {
                UniformRandomProvider rng = chunk.random(Signal.EVENTS, service.name(), block);
                ContinuousSampler gap = ZigguratSampler.Exponential.of(rng, meanGap);
                double t = from;
                while (true) {
                    t += gap.sample();
                    if (t >= to) {
                        break;
                    }
                    long at = (long) t;
                    String key = CONFIG_KEYS[rng.nextInt(CONFIG_KEYS.length)];
                    out.begin(at, "config_change", "info", "config-server",
                                    "Configuration of " + service.name() + " updated: " + key)
                            .field("service", service.name()).field("key", key)
                            .end(incidents.incidentAt(service.index(), -1, at));
                }
            }
        }
    }
}
