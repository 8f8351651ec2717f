package dev.melt.generator.internal.encode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an OpenMetrics file of a plan holds, and in which order: its metric families, and in each
 * family one metric per host, hosts in topology order. A metric is numbered
 * {@code family * hosts + host}; the file is laid out in that order, each metric's points in time
 * order, as OpenMetrics requires (families, metrics and points not interleaved). Two families are
 * derived from the labels rather than written by the generator: {@code melt_anomaly} and
 * {@code melt_incident} (see docs/formats.md).
 */
public final class OpenMetricsLayout {

    /** How a family's samples are made. */
    public enum Kind {
        /** A gauge the generator writes. */
        GAUGE("gauge"),
        /** A counter the generator writes; its samples are named {@code <family>_total}. */
        COUNTER("counter"),
        /** A histogram the generator writes: {@code _bucket}s, {@code _sum}, {@code _count}. */
        HISTOGRAM("histogram"),
        /** {@code melt_anomaly}: 1 when a host's samples at a tick are labelled anomalous, else 0. */
        ANOMALY("gauge"),
        /** {@code melt_incident}: 1 at each tick an incident labels, 0 at the host's first tick after. */
        INCIDENT("gauge");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** @return the OpenMetrics type */
        public String type() {
            return type;
        }
    }

    /**
     * One metric family.
     *
     * @param name the family's name
     * @param kind how its samples are made
     * @param help its help text, one line
     */
    public record Family(String name, Kind kind, String help) {
    }

    private final List<Family> families;
    private final int hosts;
    /** Per host, its service, name and environment. */
    private final List<String[]> hostNames;
    /** Per host, {@code service="…",host="…",environment="…"}: the labels of the derived families. */
    private final byte[][] hostLabels;
    /** The family whose samples the derived families follow: one at every tick of every host. */
    private final int everyTick;

    /**
     * Creates a layout.
     *
     * @param families the families in file order
     * @param hostLabels per host, its {@code service}, {@code host} and {@code environment}
     * @param everyTick the family written at every tick of every host (its ticks and labels make
     *     the derived families)
     */
    public OpenMetricsLayout(List<Family> families, List<String[]> hostLabels, int everyTick) {
        this.families = List.copyOf(families);
        this.hosts = hostLabels.size();
        this.hostNames = List.copyOf(hostLabels);
        this.everyTick = everyTick;
        this.hostLabels = new byte[hosts][];
        for (int h = 0; h < hosts; h++) {
            String[] l = hostLabels.get(h);
            StringBuilder b = new StringBuilder();
            label(b, "service", l[0]).append(',');
            label(b, "host", l[1]).append(',');
            label(b, "environment", l[2]);
            this.hostLabels[h] = b.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** @return the families in file order */
    public List<Family> families() {
        return families;
    }

    /** @return per host in topology order, its service, name and environment (do not modify the arrays) */
    public List<String[]> hostNames() {
        return hostNames;
    }

    /** @return the number of hosts, metrics per family */
    public int hosts() {
        return hosts;
    }

    /** @return the number of metrics, families times hosts */
    public int metrics() {
        return families.size() * hosts;
    }

    /**
     * Numbers a metric.
     *
     * @param family the family's index
     * @param host the host's index
     * @return the metric's number
     */
    public int metric(int family, int host) {
        return family * hosts + host;
    }

    int everyTick() {
        return everyTick;
    }

    byte[] hostLabels(int host) {
        return hostLabels[host];
    }

    /**
     * Appends {@code name="value"} with OpenMetrics' escaping of backslash, double quote and line feed.
     *
     * @param b where to append
     * @param name the label name
     * @param value the label value
     * @return {@code b}
     */
    static StringBuilder label(StringBuilder b, String name, String value) {
        b.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }

    /**
     * Writes a bucket bound as OpenMetrics' canonical {@code le}: {@code +Inf}, or the number with a
     * decimal point ({@code 5} is {@code 5.0}, {@code 7500} is {@code 7500.0}).
     *
     * @param le a bound such as {@code 5}, {@code 2.5} or {@code +Inf}
     * @return its canonical form
     */
    public static String canonicalBound(String le) {
        if (le.equals("+Inf")) {
            return le;
        }
        double v = Double.parseDouble(le);
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return (long) v + ".0";
        }
        return Double.toString(v);
    }
}
