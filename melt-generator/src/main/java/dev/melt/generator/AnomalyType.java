package dev.melt.generator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of incident melt can inject into a dataset.
 *
 * <p>Each type shows in all four signals (metrics, events, logs, traces) and cascades to the
 * callers of the root-cause service (for the two network types, the callers of the edge's caller). The CLI and configuration files spell the types in lower
 * snake case ({@code cpu_spike}); see {@link #id()} and {@link #parse(String)}.
 */
public enum AnomalyType {
    /** CPU of the root-cause service climbs to 80–95% for a few minutes; latency and errors follow. */
    CPU_SPIKE,
    /** The root-cause service stops answering: 5xx and connection failures, callers time out. */
    SERVICE_OUTAGE,
    /** Response times of the root-cause service grow 2–10x for a few minutes. */
    LATENCY_SPIKE,
    /** The error rate of the root-cause service jumps from about 1% to 10–50% for a few minutes. */
    ERROR_BURST,
    /**
     * The network between a service and one of its callees gets slow: the caller's calls to that
     * callee take longer (around the callee's spans, not inside them), the caller's latency rises,
     * the callee's own telemetry stays normal. The root cause is the edge
     * ({@link RootCause.Kind#EDGE}).
     */
    NETWORK_DELAY,
    /**
     * The network between a service and one of its callees loses packets: the caller's calls to
     * that callee are retransmitted (slower) or time out (errors), the caller logs upstream timeouts,
     * the callee's own telemetry stays normal. The root cause is the edge ({@link RootCause.Kind#EDGE}).
     */
    PACKET_LOSS;

    /**
     * Returns the spelling used by the CLI, configuration files and the dataset files, for
     * example {@code cpu_spike}.
     *
     * @return the lower snake case name of this type
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a type from its CLI spelling ({@code cpu_spike}) or its constant name
     * ({@code CPU_SPIKE}); case, surrounding blanks and {@code -} for {@code _} are tolerated.
     *
     * @param text the name to parse
     * @return the matching type
     * @throws IllegalArgumentException naming the value and the accepted names when nothing matches
     */
    public static AnomalyType parse(String text) {
        if (text != null) {
            String normalized = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (AnomalyType type : values()) {
                if (type.name().equals(normalized)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("anomalies: unknown anomaly type '" + text + "'; accepted: "
                + Arrays.stream(values()).map(AnomalyType::id).collect(Collectors.joining(", ")));
    }
}
