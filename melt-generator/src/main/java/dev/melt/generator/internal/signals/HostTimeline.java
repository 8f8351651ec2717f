package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;

/**
 * The model's state of a host at whole seconds, cached so that spans and logs read a few array
 * slots instead of evaluating the model per record. Incident windows start and end on whole
 * seconds, so the per-second state always agrees with the labels.
 *
 * <p>The cache is direct-mapped with a fixed number of entries (a few minutes of the whole
 * fleet), so its memory does not grow with the chunk's length; records come roughly in time
 * order, so nearly every lookup after the first of a second hits. A slot is valid until the next
 * lookup: read what you need before asking for another. Belongs to one chunk and one thread.
 */
final class HostTimeline {

    private static final FailureMode[] MODES = FailureMode.values();
    private static final int ENTRIES = 1 << 12;
    private static final int MASK = ENTRIES - 1;
    private static final double P99_Z = 2.326;

    private final FleetModel model;
    private final int hosts;
    private final HostState state = new HostState();
    /** host * 2^40 + second + 1 of the state held in each entry; 0 when empty. */
    private final long[] key = new long[ENTRIES];
    /**
     * The values of each entry side by side, {@value #STRIDE} doubles an entry, so that reading a
     * state touches two cache lines at most instead of one per field: the request population reads
     * one per call.
     */
    private final double[] values = new double[ENTRIES * STRIDE];

    private static final int STRIDE = 12;
    private static final int TRAFFIC = 0;
    private static final int SERVED = 1;
    private static final int OWN_MEDIAN = 2;
    private static final int P99 = 3;
    private static final int ERRORS = 4;
    private static final int PROPAGATION = 5;
    private static final int REFUSED_WAIT = 6;
    /** The failure mode's ordinal, plus 256 when the host is down. */
    private static final int MODE_AND_DOWN = 7;
    /** The sigma of the host's own times at that second. */
    private static final int SIGMA = 8;
    /** The callee of the host's sick edge, or -1. */
    private static final int EDGE_CALLEE = 9;
    /** The round trip the network adds to calls on the sick edge, micros. */
    private static final int EDGE_DELAY = 10;
    /** The probability that a call on the sick edge loses a packet. */
    private static final int EDGE_LOSS = 11;

    /** Per host: the sigma last seen and {@code exp(P99_Z * sigma)}, the p99's factor over the median. */
    private final double[] sigmaOf;
    private final double[] p99Factor;

    private HostTimeline(FleetModel model, int hosts) {
        this.model = model;
        this.hosts = hosts;
        this.sigmaOf = new double[hosts];
        this.p99Factor = new double[hosts];
        java.util.Arrays.fill(sigmaOf, Double.NaN);
    }

    /**
     * Prepares the timeline of a chunk.
     *
     * @param model the fleet model
     * @param hosts how many hosts the fleet has
     * @return an empty timeline
     */
    static HostTimeline of(FleetModel model, int hosts) {
        return new HostTimeline(model, hosts);
    }

    /**
     * Tells whether this timeline caches the given model's states.
     *
     * @param other a fleet model
     * @return {@code true} when it is the model this timeline evaluates
     */
    boolean isFor(FleetModel other) {
        return model == other;
    }

    /**
     * Returns the slot holding the state of a host at the second of an instant, evaluating the
     * model on a miss.
     *
     * @param host the host index
     * @param epochMillis the instant
     * @return the slot to pass to the accessors, valid until the next call
     */
    int slot(int host, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        // Neighbouring seconds of all hosts occupy neighbouring entries.
        int i = (int) ((second * hosts + host) & MASK);
        long k = ((long) host << 40) + second + 1;
        if (key[i] != k) {
            fill(i, host, second);
            key[i] = k;
        }
        return i * STRIDE;
    }

    private void fill(int i, int host, long second) {
        model.evaluateWithoutMemory(host, second * 1000L, state);
        int b = i * STRIDE;
        values[b + TRAFFIC] = state.traffic;
        values[b + SERVED] = state.servedShare;
        values[b + OWN_MEDIAN] = state.ownLatencyMedianMs * 1000;
        if (state.latencySigma != sigmaOf[host]) {
            sigmaOf[host] = state.latencySigma;
            p99Factor[host] = Math.exp(P99_Z * state.latencySigma);
        }
        // state.latencyQuantileMs(P99_Z), with the exponential taken once per host.
        values[b + P99] = state.latencyMedianMs * p99Factor[host] * 1000;
        values[b + ERRORS] = state.errorProbability;
        values[b + PROPAGATION] = state.propagation;
        values[b + REFUSED_WAIT] = state.refusedCallWaitMs * 1000;
        values[b + MODE_AND_DOWN] = state.failureMode.ordinal() + (state.down ? 256 : 0);
        values[b + SIGMA] = state.latencySigma;
        values[b + EDGE_CALLEE] = state.edgeCallee;
        values[b + EDGE_DELAY] = state.edgeDelayMs * 1000;
        values[b + EDGE_LOSS] = state.edgeLoss;
    }

    /** @return the callee of the host's sick edge at that second (network incidents), or -1 */
    int edgeCallee(int slot) {
        return (int) values[slot + EDGE_CALLEE];
    }

    /** @return the median round trip the network adds to a call on the sick edge, micros */
    double edgeDelayMicros(int slot) {
        return values[slot + EDGE_DELAY];
    }

    /** @return the probability that a call on the sick edge loses a packet */
    double edgeLoss(int slot) {
        return values[slot + EDGE_LOSS];
    }

    double traffic(int slot) {
        return values[slot + TRAFFIC];
    }

    double servedShare(int slot) {
        return values[slot + SERVED];
    }

    double ownMedianMicros(int slot) {
        return values[slot + OWN_MEDIAN];
    }

    /** @return the 99th percentile of the host's server-span durations at that second, by the log-normal body */
    double latencyP99Micros(int slot) {
        return values[slot + P99];
    }

    double errorProbability(int slot) {
        return values[slot + ERRORS];
    }

    double propagation(int slot) {
        return values[slot + PROPAGATION];
    }

    /** @return the median wait of a request on a call its callee refused, 0 outside outage cascades */
    double refusedWaitMicros(int slot) {
        return values[slot + REFUSED_WAIT];
    }

    /** @return the sigma of the host's own times at that second: its service's, wider in a latency spike */
    double sigma(int slot) {
        return values[slot + SIGMA];
    }

    boolean down(int slot) {
        return values[slot + MODE_AND_DOWN] >= 256;
    }

    FailureMode mode(int slot) {
        return MODES[((int) values[slot + MODE_AND_DOWN]) & 0xFF];
    }
}
