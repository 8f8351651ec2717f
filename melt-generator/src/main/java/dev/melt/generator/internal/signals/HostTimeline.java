package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;

/**
 * The model's state of every host, once per second of one chunk, so that spans and logs read
 * a few array slots instead of evaluating the model per record. A second is evaluated when a
 * record first asks for it, so sparse chunks pay only for the seconds they use. Incident
 * windows start and end on whole seconds, so the per-second state always agrees with the
 * labels. Belongs to one chunk and one thread.
 */
final class HostTimeline {

    private static final FailureMode[] MODES = FailureMode.values();
    private static final int TAIL_SECONDS = 5;

    private final FleetModel model;
    private final HostState state = new HostState();
    private final boolean[] filled;
    private final long firstSecond;
    private final int seconds;
    private final double[] traffic;
    private final double[] servedShare;
    private final double[] ownMedianMicros;
    private final double[] latencyMedianMicros;
    private final double[] sigma;
    private final double[] errorProbability;
    private final double[] propagation;
    private final boolean[] down;
    private final byte[] mode;
    private final double[] cpu;

    private HostTimeline(FleetModel model, long firstSecond, int seconds, int hosts) {
        this.model = model;
        this.firstSecond = firstSecond;
        this.seconds = seconds;
        int n = seconds * hosts;
        traffic = new double[n];
        servedShare = new double[n];
        ownMedianMicros = new double[n];
        latencyMedianMicros = new double[n];
        sigma = new double[n];
        errorProbability = new double[n];
        propagation = new double[n];
        down = new boolean[n];
        mode = new byte[n];
        cpu = new double[n];
        filled = new boolean[n];
    }

    /**
     * Prepares the timeline of a chunk.
     *
     * @param model the fleet model
     * @param hosts how many hosts the fleet has
     * @param startMillis the chunk's start
     * @param endMillis the chunk's end (exclusive)
     * @return the timeline
     */
    static HostTimeline of(FleetModel model, int hosts, long startMillis, long endMillis) {
        long first = Math.floorDiv(startMillis, 1000L);
        // A few seconds past the end: children of a span that starts near the end run beyond it.
        long last = Math.floorDiv(endMillis - 1, 1000L) + TAIL_SECONDS;
        return new HostTimeline(model, first, (int) (last - first + 1), hosts);
    }

    private void fill(int i) {
        int h = i / seconds;
        model.evaluate(h, (firstSecond + i % seconds) * 1000L, state);
        traffic[i] = state.traffic;
        servedShare[i] = state.servedShare;
        ownMedianMicros[i] = state.ownLatencyMedianMs * 1000;
        latencyMedianMicros[i] = state.latencyMedianMs * 1000;
        sigma[i] = state.latencySigma;
        errorProbability[i] = state.errorProbability;
        propagation[i] = state.propagation;
        down[i] = state.down;
        mode[i] = (byte) state.failureMode.ordinal();
        cpu[i] = state.cpuPercent;
        filled[i] = true;
    }

    /**
     * Returns the slot of a host at an instant of the chunk.
     *
     * @param host the host index
     * @param epochMillis an instant inside the chunk
     * @return the slot to pass to the accessors, its state evaluated
     */
    int slot(int host, long epochMillis) {
        long k = Math.floorDiv(epochMillis, 1000L) - firstSecond;
        int clamped = k < 0 ? 0 : (k >= seconds ? seconds - 1 : (int) k);
        int slot = host * seconds + clamped;
        if (!filled[slot]) {
            fill(slot);
        }
        return slot;
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

    double latencyMedianMicros(int slot) {
        return latencyMedianMicros[slot];
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

    boolean down(int slot) {
        return down[slot];
    }

    FailureMode mode(int slot) {
        return MODES[mode[slot]];
    }

    double cpu(int slot) {
        return cpu[slot];
    }
}
