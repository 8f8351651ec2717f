package dev.melt.generator.internal.signals;

import dev.melt.generator.internal.model.FailureMode;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.HostState;

/**
 * The model's state of every host, once per second of one chunk, so that spans and logs read
 * a few array slots instead of evaluating the model per record. Incident windows start and end
 * on whole seconds, so the per-second state always agrees with the labels.
 */
final class HostTimeline {

    private static final FailureMode[] MODES = FailureMode.values();
    private static final int TAIL_SECONDS = 5;

    private final long firstSecond;
    private final int seconds;
    private final double[] traffic;
    private final double[] servedShare;
    private final double[] ownMedianMicros;
    private final double[] latencyMedianMicros;
    private final double[] sigma;
    private final double[] errorProbability;
    private final boolean[] down;
    private final byte[] mode;
    private final double[] cpu;

    private HostTimeline(long firstSecond, int seconds, int hosts) {
        this.firstSecond = firstSecond;
        this.seconds = seconds;
        int n = seconds * hosts;
        traffic = new double[n];
        servedShare = new double[n];
        ownMedianMicros = new double[n];
        latencyMedianMicros = new double[n];
        sigma = new double[n];
        errorProbability = new double[n];
        down = new boolean[n];
        mode = new byte[n];
        cpu = new double[n];
    }

    /**
     * Evaluates the model for every host and second of a chunk.
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
        HostTimeline tl = new HostTimeline(first, (int) (last - first + 1), hosts);
        HostState st = new HostState();
        for (int h = 0; h < hosts; h++) {
            for (int k = 0; k < tl.seconds; k++) {
                model.evaluate(h, (first + k) * 1000L, st);
                int i = h * tl.seconds + k;
                tl.traffic[i] = st.traffic;
                tl.servedShare[i] = st.servedShare;
                tl.ownMedianMicros[i] = st.ownLatencyMedianMs * 1000;
                tl.latencyMedianMicros[i] = st.latencyMedianMs * 1000;
                tl.sigma[i] = st.latencySigma;
                tl.errorProbability[i] = st.errorProbability;
                tl.down[i] = st.down;
                tl.mode[i] = (byte) st.failureMode.ordinal();
                tl.cpu[i] = st.cpuPercent;
            }
        }
        return tl;
    }

    /**
     * Returns the slot of a host at an instant of the chunk.
     *
     * @param host the host index
     * @param epochMillis an instant inside the chunk
     * @return the slot to pass to the accessors
     */
    int slot(int host, long epochMillis) {
        long k = Math.floorDiv(epochMillis, 1000L) - firstSecond;
        int clamped = k < 0 ? 0 : (k >= seconds ? seconds - 1 : (int) k);
        return host * seconds + clamped;
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
