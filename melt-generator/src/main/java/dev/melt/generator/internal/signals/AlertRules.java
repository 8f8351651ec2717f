package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.encode.EventWriter;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.Plan;
import dev.melt.generator.internal.plan.Topology;
import java.util.Arrays;
import java.util.Locale;

/**
 * Alert rules evaluated on the generated metrics, as Prometheus evaluates alerting rules: each
 * rule is a threshold on one gauge of one host ({@code expr}), held for a while ({@code for})
 * before it fires. So alerts fire late, flap when a value wobbles around its threshold, miss what
 * stays below it (subtle incidents) and fire on whatever crosses it (look-alikes, noise).
 *
 * <p>A rule is evaluated when an interval's sample is complete, at the interval's end, on that
 * sample: the condition must hold on consecutive samples spanning at least {@code for} before the
 * alert fires ({@code [FIRING]}); it resolves at the first evaluation where it no longer holds
 * ({@code [RESOLVED]}). A missing sample (an interval without requests has no error rate and no
 * latency) does not satisfy the condition. An alert event is labelled by its own timestamp, as every
 * record is: a RESOLVED stamped after the window is normal even when the sample it evaluated is not.
 *
 * <p>The state of every rule and host runs from chunk to chunk, so the rules are evaluated in
 * the writer thread, in chunk order, on the samples each chunk recorded ({@link Samples}).
 */
final class AlertRules {

    static final int CPU = 0;
    static final int ERRORS = 1;
    static final int P99 = 2;

    /** One rule: its name, severity, gauge, threshold per service, and how long it must hold. */
    record Rule(String name, String severity, int gauge, String metric, double[] threshold, long forMillis,
                String expr) {
    }

    private final Plan plan;
    private final Rule[] rules;
    private final long intervalMillis;
    /** [rule][host]: since when the condition has held (evaluation time), or -1. */
    private final long[][] pendingSince;
    /** [rule][host]: whether the alert is firing. */
    private final boolean[][] firing;

    AlertRules(Plan plan) {
        this.plan = plan;
        this.intervalMillis = plan.blockMillis();
        int services = plan.topology().services().size();
        double[] cpu = new double[services];
        double[] errors = new double[services];
        double[] down = new double[services];
        double[] latency = new double[services];
        Arrays.fill(cpu, 80);
        Arrays.fill(errors, 10);
        Arrays.fill(down, 90);
        for (int s = 0; s < services; s++) {
            // Three times the log-normal p99 of the service without incidents, as an SLO-based rule
            // would be set (the heavy tail puts an interval's p99 above twice it now and then).
            latency[s] = 3 * plan.model().baselineLatencyMedianMs(s) * Math.exp(2.326 * plan.model().latencySigma(s));
        }
        this.rules = new Rule[] {
            new Rule("HighCpuUsage", "warning", CPU, "cpu_usage", cpu, 60_000, "cpu_usage > 80 for 1m"),
            new Rule("HighErrorRate", "warning", ERRORS, "error_rate", errors, 60_000, "error_rate > 10 for 1m"),
            new Rule("ServiceDown", "critical", ERRORS, "error_rate", down, 30_000, "error_rate > 90 for 30s"),
            new Rule("HighLatencyP99", "warning", P99, "latency_p99", latency, 120_000,
                "latency_p99 > 3 x its baseline p99 for 2m"),
        };
        int hosts = plan.topology().hosts().size();
        pendingSince = new long[rules.length][hosts];
        firing = new boolean[rules.length][hosts];
        for (long[] p : pendingSince) {
            Arrays.fill(p, -1);
        }
    }

    /**
     * Evaluates every rule on a chunk's samples, in order, and writes the alerts that fire or
     * resolve into the chunk's events (which the caller sorts again). Call once per chunk, in
     * chunk order.
     *
     * @param samples the chunk's samples
     * @param events the chunk's event lines
     */
    void evaluate(Samples samples, EventWriter events) {
        Topology topology = plan.topology();
        IncidentIndex incidents = plan.incidents();
        long end = plan.endMillis();
        for (int k = 0; k < samples.size; k++) {
            int h = samples.host[k];
            long at = samples.time[k] + intervalMillis;
            Topology.Host host = topology.hosts().get(h);
            int s = host.serviceIndex();
            for (int r = 0; r < rules.length; r++) {
                Rule rule = rules[r];
                double v = samples.values[k * 3 + rule.gauge()];
                boolean holds = !Double.isNaN(v) && v > rule.threshold()[s];
                if (!holds) {
                    pendingSince[r][h] = -1;
                    if (firing[r][h]) {
                        firing[r][h] = false;
                        if (at < end) {
                            alert(events, at, "info", "[RESOLVED] " + rule.name() + " on "
                                    + host.name(), rule, s, host, v, incidents);
                        }
                    }
                    continue;
                }
                if (pendingSince[r][h] < 0) {
                    pendingSince[r][h] = at;
                }
                if (!firing[r][h] && at - pendingSince[r][h] >= rule.forMillis()) {
                    firing[r][h] = true;
                    if (at < end) {
                        alert(events, at, rule.severity(), "[FIRING] " + rule.name() + " on "
                                + host.name() + ": "
                                + rule.expr() + String.format(Locale.ROOT, " (value %.1f)", v), rule, s, host, v,
                                incidents);
                    }
                }
            }
        }
    }

    private String service(Topology.Host host) {
        return plan.topology().services().get(host.serviceIndex()).name();
    }

    private void alert(EventWriter events, long at, String severity, String message, Rule rule,
                       int service, Topology.Host host, double value, IncidentIndex incidents) {
        EventWriter e = events.begin(at, "alert", severity, "alertmanager", message)
                .field("service", service(host)).field("host", host.name()).field("alert_name", rule.name())
                .field("rule", rule.expr());
        if (!Double.isNaN(value)) {
            e.field("value", value, 2);
        }
        // Labelled by its own timestamp, as every record is (the evaluated sample is stamped one
        // interval earlier and may fall on the other side of a window's edge).
        e.end(incidents.incidentAt(service, host.index(), at));
    }

    /**
     * The gauges a chunk's metrics wrote, per host and interval, in the order they were
     * written: CPU, error rate and p99 (NaN when the interval had no requests).
     */
    static final class Samples {
        private int size;
        private int[] host = new int[64];
        private long[] time = new long[64];
        private double[] values = new double[64 * 3];

        void clear() {
            size = 0;
        }

        void add(int hostIndex, long epochMillis, double cpu, double errorRate, double p99) {
            if (size == host.length) {
                host = Arrays.copyOf(host, size * 2);
                time = Arrays.copyOf(time, size * 2);
                values = Arrays.copyOf(values, size * 6);
            }
            host[size] = hostIndex;
            time[size] = epochMillis;
            values[size * 3 + CPU] = cpu;
            values[size * 3 + ERRORS] = errorRate;
            values[size * 3 + P99] = p99;
            size++;
        }
    }
}
