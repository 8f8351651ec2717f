package dev.melt.generator.internal.model;

import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;

/**
 * The state of one host of a service at one instant, as {@link FleetModel#evaluate} fills it.
 * Mutable and reused, so that evaluating the model allocates nothing; signal generators
 * evaluate it once per host per second (or per interval) and draw their records from it.
 */
public final class HostState {

    /** Request-rate multiplier relative to the host's mean rate (daily cycle, noise, incident). */
    public double traffic;
    /** Share of arriving requests that reach the service at all (below 1 only in an outage). */
    public double servedShare;
    /** CPU utilisation in percent, 0–100. */
    public double cpuPercent;
    /** Memory utilisation in percent, 0–100. */
    public double memoryPercent;
    /** Median of the service's own processing time per request in ms (callees excluded), for spans. */
    public double ownLatencyMedianMs;
    /** Median duration of the service's server spans in ms (callees included), for latency metrics. */
    public double latencyMedianMs;
    /** Sigma of the log-normal latency distribution (p99/p50 = e^(2.326 sigma)). */
    public double latencySigma;
    /** Probability that a request served by this host fails. */
    public double errorProbability;
    /** {@code true} when the service is down: no request succeeds. */
    public boolean down;
    /** Number of the active incident window (see {@code IncidentIndex#windowAt}), or -1. */
    public int window;
    /** Id of the incident that labels records of this host now, or {@code null}. */
    public String incidentId;
    /** Type of the active incident, or {@code null}. */
    public AnomalyType incidentType;
    /** Role of this service in the active incident, or {@code null}. */
    public AffectedService.Role role;
    /** Steps from the root cause (0 for the root cause itself) when an incident is active. */
    public int hop;
    /**
     * In a cascade, the probability that a request whose call to a callee failed fails too (the
     * rest are absorbed by retries and fallbacks); 0 outside cascades.
     */
    public double propagation;
    /**
     * Median time in ms a request of this host waits, in a cascade, on a call its callee refused
     * (connect timeouts, retries with backoff); 0 outside outage cascades. It is the direct
     * caller's own time: the dead callee leaves no span to hold it.
     */
    public double refusedCallWaitMs;
    /** What goes wrong when a request fails now. */
    public FailureMode failureMode;
    /**
     * The callee (service index) at the end of a sick edge from this host's service, or -1: only
     * calls to it see {@link #edgeDelayMs} and {@link #edgeLoss}.
     */
    public int edgeCallee;
    /** Median round trip in ms the network adds to each call to {@link #edgeCallee}; 0 outside network incidents. */
    public double edgeDelayMs;
    /**
     * Probability that a call to {@link #edgeCallee} loses a packet: half of such calls are
     * retransmitted after a timeout of 200–400 ms (twice, at the same probability, doubling it),
     * half never get an answer and time out on the caller's side; 0 outside network incidents.
     */
    public double edgeLoss;

    private FleetModel.Memo memo;

    /**
     * Returns what the thread evaluating this state remembers of the model's last evaluations:
     * each generator thread has its own states, so the memo needs no locking.
     *
     * @param model the model evaluating this state; another model gets a fresh memo
     * @return the memo
     */
    FleetModel.Memo memo(FleetModel model) {
        if (memo == null || memo.model != model) {
            memo = model.newMemo();
        }
        return memo;
    }

    /**
     * Returns the latency quantile of the server spans at this instant.
     *
     * @param z the standard normal quantile: 0 for p50, 1.645 for p95, 2.326 for p99
     * @return the latency in ms
     */
    public double latencyQuantileMs(double z) {
        return latencyMedianMs * Math.exp(z * latencySigma);
    }
}
