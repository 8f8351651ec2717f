package dev.melt.generator.internal.model;

import dev.melt.generator.AffectedService;
import dev.melt.generator.Incident;

/**
 * What one affected window of an incident does to its service's hosts, worked out once per window
 * by the incident type's strategy: the inputs (incident, role, hop, intensity, the fleet's
 * baselines) are read-only, the outputs are the public fields the strategy sets. Fields left at
 * their defaults change nothing.
 */
public final class IncidentEffect {

    /** Share of requests to a service that is down which still get a (503) response from it. */
    public static final double DOWN_SERVED_SHARE = 0.15;

    /** The incident. */
    public final Incident incident;
    /** The role of this window's service. */
    public final AffectedService.Role role;
    /** Steps from the root cause, 0 for the root cause. */
    public final int hop;
    /** {@code true} for the root-cause window. */
    public final boolean root;
    /** The service index of this window. */
    public final int service;
    /** The service index of the incident's root cause. */
    public final int rootService;
    /** The difficulty scale {@code d}. */
    public final double difficulty;
    /** The configured intensity of the type, unscaled. */
    public final double configuredIntensity;
    /** The configured intensity times the difficulty scale. */
    public final double intensity;
    /** The dataset's seed. */
    public final long seed;
    /** The service index of the callee of the incident's root-cause edge, or -1 when its root cause is no edge. */
    public final int edgeCallee;
    private final FleetModel model;

    /** CPU plateau of the root host in percent, or a negative value to leave CPU alone. */
    public double cpuPlateau = -1;
    /** Factor on the server-span median (callees included). */
    public double latencyFactor = 1;
    /** Factor on the service's own processing time. */
    public double ownFactor = 1;
    /** Error probability, or a negative value to keep the baseline. */
    public double errorProbability = -1;
    /** {@code true} when the service is down. */
    public boolean down;
    /** Share of arriving requests that reach the service. */
    public double servedShare = 1;
    /** Probability that a failed callee call fails the caller's request. */
    public double propagation;
    /** Median wait on a refused call, ms. */
    public double refusedCallWaitMs;
    /** What goes wrong when a request fails. */
    public FailureMode mode = FailureMode.BACKGROUND;
    /**
     * How much wider the spread of own times gets at full strength: the log-normal's sigma grows
     * by this share, so the tail moves more than the median (queues and retries lengthen the
     * slowest requests most). 0 leaves the spread as it is.
     */
    public double tailWidening;
    /**
     * On the root-cause edge, from this window's service to {@link #edgeCallee}: the median round
     * trip in ms the network adds to each call, half before the callee's span starts and half after
     * it ends. 0 adds nothing.
     */
    public double edgeDelayMs;
    /**
     * On the root-cause edge: the probability that a call loses a packet at full strength (see
     * {@link HostState#edgeLoss}). 0 loses nothing.
     */
    public double edgeLoss;

    private long windowStart;
    private long windowSpan = 1;
    private double ramp;
    private double recovery;
    private double wobble;
    private SmoothNoise wobbleNoise;

    /**
     * Sets how the effect unfolds in its window: it builds up over the first {@code ramp} share of
     * the window, recovers over the last {@code recovery} share, and its strength wobbles.
     */
    void unfolds(long start, long end, double[] lifecycle, SmoothNoise noise) {
        this.windowStart = start;
        this.windowSpan = Math.max(1, end - start);
        this.ramp = lifecycle[0];
        this.recovery = lifecycle[1];
        this.wobble = lifecycle[2];
        this.wobbleNoise = noise;
    }

    /**
     * Returns how far the effect has built up at an instant of its window, without the wobble: 0
     * at the start of a ramp, 1 on the plateau, falling back towards 0 over the recovery (eased).
     *
     * @param epochMillis an instant in the window
     * @return the shape, in [0, 1]
     */
    public double shape(long epochMillis) {
        double x = (epochMillis - windowStart) / (double) windowSpan;
        double k = 1;
        if (x < ramp) {
            k = ease(x / ramp);
        }
        double left = 1 - x;
        if (left < recovery) {
            k = Math.min(k, ease(left / recovery));
        }
        return k;
    }

    /**
     * Returns the effect's strength at an instant: its shape times a smooth wobble.
     *
     * @param epochMillis an instant in the window
     * @param shape {@link #shape} at that instant
     * @return the strength, from 0 to 1.5
     */
    public double strength(long epochMillis, double shape) {
        if (wobble == 0 || shape == 0) {
            return shape;
        }
        // The noise at four times its pace: knots every 30 s and 3.75 min, so the strength moves
        // from one metric interval to the next, as a struggling service's does.
        double k = shape * (1 + wobble * wobbleNoise.at(windowStart + 4 * (epochMillis - windowStart)) / 2.4);
        return k < 0 ? 0 : Math.min(1.5, k);
    }

    private static double ease(double u) {
        double v = u < 0 ? 0 : Math.min(1, u);
        return v * v * (3 - 2 * v);
    }

    IncidentEffect(FleetModel model, Incident incident, AffectedService.Role role, int hop, int service,
                   int rootService, int edgeCallee, double difficulty, double configuredIntensity, long seed) {
        this.model = model;
        this.incident = incident;
        this.role = role;
        this.hop = hop;
        this.root = role == AffectedService.Role.ROOT_CAUSE;
        this.service = service;
        this.rootService = rootService;
        this.edgeCallee = edgeCallee;
        this.difficulty = difficulty;
        this.configuredIntensity = configuredIntensity;
        this.intensity = configuredIntensity * difficulty;
        this.seed = seed;
    }

    /** @return the own processing median of a service at its baseline, ms */
    public double ownMedianMs(int s) {
        return model.ownMedian(s);
    }

    /** @return the sum of the callees' medians of a service, ms */
    public double calleeMedianMs(int s) {
        return model.calleeSum(s);
    }

    /** @return the server-span median of a service at its baseline (own plus callees), ms */
    public double baselineMedianMs(int s) {
        return model.baselineLatencyMedianMs(s);
    }

    /** @return the base error probability of a service */
    public double baseError(int s) {
        return model.baselineErrorProbability(s);
    }

    /**
     * Returns the median server-span duration of a service when the service {@code slow} takes
     * {@code factor} times longer.
     *
     * @param s the service
     * @param slow the slow service
     * @param factor its factor
     * @return the median in ms
     */
    public double endToEndMs(int s, int slow, double factor) {
        return model.endToEnd(s, slow, factor);
    }

    /**
     * Returns the CPU of the incident's root host in a CPU spike of some intensity: part of the way
     * from its mean to 100%, capped at 93%.
     *
     * @param intensity the scaled intensity
     * @return the plateau in percent
     */
    public double rootHostCpuPlateau(double intensity) {
        return model.cpuPlateau(model.rootHost(incident), intensity);
    }

    /** @return how many hosts a service has */
    public int hostCount(int s) {
        return model.hostCount(s);
    }

    /**
     * Queueing: latency grows with the square of utilisation above 70%, four times at 100%.
     *
     * @param cpuPercent the CPU
     * @return the factor on own processing time
     */
    public static double saturation(double cpuPercent) {
        return FleetModel.saturation(cpuPercent);
    }
}
