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
    private final double[] traffic = new double[ENTRIES];
    private final double[] servedShare = new double[ENTRIES];
    private final double[] ownMedianMicros = new double[ENTRIES];
    private final double[] latencyP99Micros = new double[ENTRIES];
    private final double[] sigma = new double[ENTRIES];
    private final double[] errorProbability = new double[ENTRIES];
    private final double[] propagation = new double[ENTRIES];
    private final double[] refusedWaitMicros = new double[ENTRIES];
    private final boolean[] down = new boolean[ENTRIES];
    private final byte[] mode = new byte[ENTRIES];

    private HostTimeline(FleetModel model, int hosts) {
        this.model = model;
        this.hosts = hosts;
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
     * Returns the slot holding the state of a host at the second of an instant, evaluating the
     * model on a miss.
     *
     * @param host the host index
     * @param epochMillis the instant
     * @return the slot to pass to the accessors, valid until the next call
     */
    /**
     * Tells whether this timeline caches the given model's states.
     *
     * @param other a fleet model
     * @return {@code true} when it is the model this timeline evaluates
     */
    boolean isFor(FleetModel other) {
        return model == other;
    }

    int slot(int host, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        // Neighbouring seconds of all hosts occupy neighbouring entries.
        int i = (int) ((second * hosts + host) & MASK);
        long k = ((long) host << 40) + second + 1;
        if (key[i] != k) {
            fill(i, host, second);
            key[i] = k;
        }
        return i;
    }

    private void fill(int i, int host, long second) {
        model.evaluate(host, second * 1000L, state);
        traffic[i] = state.traffic;
        servedShare[i] = state.servedShare;
        ownMedianMicros[i] = state.ownLatencyMedianMs * 1000;
        latencyP99Micros[i] = state.latencyQuantileMs(P99_Z) * 1000;
        sigma[i] = state.latencySigma;
        errorProbability[i] = state.errorProbability;
        propagation[i] = state.propagation;
        refusedWaitMicros[i] = state.refusedCallWaitMs * 1000;
        down[i] = state.down;
        mode[i] = (byte) state.failureMode.ordinal();
    }

    double traffic(int slot) {
        return traffic[slot];
    }

    double servedShare(int slot) {
        return servedShare[slot];
    }

    double ownMedianMicros(int slot) {
        return ownMedianMicros[slot];
    }

    /** @return the 99th percentile of the host's server-span durations at that second */
    double latencyP99Micros(int slot) {
        return latencyP99Micros[slot];
    }

    double sigma(int slot) {
        return sigma[slot];
    }

    double errorProbability(int slot) {
        return errorProbability[slot];
    }

    double propagation(int slot) {
        return propagation[slot];
    }

    /** @return the median wait of a request on a call its callee refused, 0 outside outage cascades */
    double refusedWaitMicros(int slot) {
        return refusedWaitMicros[slot];
    }

    boolean down(int slot) {
        return down[slot];
    }

    FailureMode mode(int slot) {
        return MODES[mode[slot]];
    }
}
