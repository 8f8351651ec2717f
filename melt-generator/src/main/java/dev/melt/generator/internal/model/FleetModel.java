package dev.melt.generator.internal.model;

import dev.melt.generator.AffectedService;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.internal.incident.IncidentStrategies;
import dev.melt.generator.internal.incident.IncidentStrategy;
import dev.melt.generator.internal.plan.IncidentIndex;
import dev.melt.generator.internal.plan.RandomStreams;
import dev.melt.generator.internal.plan.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The state of every host of the fleet as a pure function of (seed, host, time): baselines,
 * benign look-alikes and incident effects. Signal generators draw their records from it, so
 * every signal shows the same incident at the same time.
 *
 * <p><b>Baselines.</b> Traffic follows {@link TrafficCurve} times ±5% autocorrelated noise per
 * service. CPU is an idle floor (3–6%) plus a load share (15–30 points at mean traffic) scaled by
 * traffic, autocorrelated noise ({@link SmoothNoise}), batch jobs and a short bump after a
 * restart; outside incidents it never exceeds 79%. Latency is log-normal: each service has its
 * own processing median (2–12 ms for leaves, 4–25 ms otherwise) and sigma 0.5–0.75 (p99/p50 of
 * 3.2–5.7 before the tail); a server span's median adds the medians of its callees; latency grows with CPU
 * utilisation (queueing, {@link #saturation}); hosts of a service differ by 0.75–1.35 in own
 * time and 0.4–1.6 in error probability. The error probability (5xx) is the configured error
 * rate times 0.5–1.5 per service, times the host's factor, with ±12% noise. Memory starts at 35–55%, climbs towards 10–25 points more
 * with a 30-hour time constant (a slow leak) and drops back when the host restarts (rolling
 * deployments, the end of an outage).
 *
 * <p><b>Incidents.</b> What an incident does to each affected service is its type's
 * strategy ({@code internal.incident}: {@code CpuSpike}, {@code ServiceOutage}, {@code LatencySpike},
 * {@code ErrorBurst}), worked out once per affected window into an {@link IncidentEffect} (with
 * intensity {@code I} from {@code AnomalyConfig} times the {@code Difficulty} scale {@code d}).
 */
public final class FleetModel {

    private static final double MEMORY_TAU_MILLIS = 30 * 3_600_000.0;
    private static final long RESTART_WARM_MILLIS = 120_000;
    private static final long HOUR_MILLIS = 3_600_000L;
    /** Relative amplitude of the noise on the base error probability. */
    private static final double ERROR_NOISE = 0.12;
    /** The most CPU a host shows outside incidents. */
    public static final double BASELINE_CPU_CEILING = 79.0;

    private final GenerationConfig config;
    private final Topology topology;
    private final IncidentStrategies strategies;
    private final GroundTruth truth;
    private final IncidentIndex index;
    private final BenignSchedule benign;
    private final TrafficCurve traffic;

    private final double[] ownMedian;
    private final double[] calleeSum;
    private final double[] sigma;
    private final double[] baseError;
    private final boolean[] leaf;
    private final SmoothNoise[] trafficNoise;
    private final SmoothNoise[] latencyNoise;
    private final SmoothNoise[] errorNoise;

    private final int[] serviceOf;
    private final double[] idleCpu;
    private final double[] loadCpu;
    private final double[] memoryBase;
    private final double[] memoryDrift;
    /** Per host: factor on its service's own processing time. */
    private final double[] hostLatency;
    /** Per host: factor on its service's error probability. */
    private final double[] hostError;
    private final long[][] restarts;
    private final SmoothNoise[] cpuNoise;
    private final SmoothNoise[] memoryNoise;
    /** How many noises the model has: three per service and two per host, each with its memo slot. */
    private final int noises;

    private final long startMillis;
    /** hourPrefix[k]: integral of the traffic multiplier over the first k hours, in seconds. */
    private final double[] hourPrefix;
    /** The entry services' indexes. */
    private final int[] entries;
    private final IncidentEffect[] effects;
    private final String[] recoveryAction;

    private FleetModel(GenerationConfig config, Topology topology, GroundTruth truth, IncidentStrategies strategies) {
        this.config = config;
        this.topology = topology;
        this.strategies = strategies;
        this.truth = truth;
        this.index = new IncidentIndex(truth, topology);
        long start = truth.start().toEpochMilli();
        long end = truth.end().toEpochMilli();
        boolean benignOn = config.anomalyConfig().benignPatterns();
        this.benign = BenignSchedule.of(config.seed(), topology, start, end, benignOn);
        this.traffic = TrafficCurve.of(benignOn, config.seed());
        long seed = config.seed();

        int services = topology.services().size();
        ownMedian = new double[services];
        calleeSum = new double[services];
        sigma = new double[services];
        baseError = new double[services];
        leaf = new boolean[services];
        trafficNoise = new SmoothNoise[services];
        latencyNoise = new SmoothNoise[services];
        errorNoise = new SmoothNoise[services];
        for (Topology.Service s : topology.services()) {
            UniformRandomProvider rng = RandomStreams.stream(seed, "service-profile", RandomStreams.nameKey(s.name()));
            int i = s.index();
            leaf[i] = s.callees().isEmpty();
            ownMedian[i] = s.callees().isEmpty() ? 2 + 10 * rng.nextDouble() : 4 + 21 * rng.nextDouble();
            sigma[i] = 0.5 + 0.25 * rng.nextDouble();
            baseError[i] = config.errorRate() * (0.5 + 1.0 * rng.nextDouble());
            trafficNoise[i] = new SmoothNoise(seed, "traffic", RandomStreams.nameKey(s.name()), 3 * i);
            latencyNoise[i] = new SmoothNoise(seed, "latency", RandomStreams.nameKey(s.name()), 3 * i + 1);
            errorNoise[i] = new SmoothNoise(seed, "errors", RandomStreams.nameKey(s.name()), 3 * i + 2);
        }
        double[] e2e = new double[services];
        Arrays.fill(e2e, -1);
        for (int s = 0; s < services; s++) {
            calleeSum[s] = endToEnd(s, e2e, -1, 1.0) - ownMedian[s];
        }

        int hosts = topology.hosts().size();
        noises = 3 * services + 2 * hosts;
        serviceOf = new int[hosts];
        idleCpu = new double[hosts];
        loadCpu = new double[hosts];
        memoryBase = new double[hosts];
        memoryDrift = new double[hosts];
        hostLatency = new double[hosts];
        hostError = new double[hosts];
        restarts = new long[hosts][];
        cpuNoise = new SmoothNoise[hosts];
        memoryNoise = new SmoothNoise[hosts];
        List<List<Long>> restartLists = new ArrayList<>();
        for (Topology.Host h : topology.hosts()) {
            UniformRandomProvider rng = RandomStreams.stream(seed, "host-profile", RandomStreams.nameKey(h.name()));
            int i = h.index();
            serviceOf[i] = h.serviceIndex();
            idleCpu[i] = 3 + 3 * rng.nextDouble();
            loadCpu[i] = 15 + 15 * rng.nextDouble();
            memoryBase[i] = 35 + 20 * rng.nextDouble();
            memoryDrift[i] = 10 + 15 * rng.nextDouble();
            // Hosts of one service differ: older hardware, noisy neighbours, a warmer cache.
            hostLatency[i] = 0.75 + 0.6 * rng.nextDouble();
            hostError[i] = 0.4 + 1.2 * rng.nextDouble();
            cpuNoise[i] = new SmoothNoise(seed, "cpu", RandomStreams.nameKey(h.name()), 3 * services + 2 * i);
            memoryNoise[i] = new SmoothNoise(seed, "memory", RandomStreams.nameKey(h.name()), 3 * services + 2 * i + 1);
            List<Long> list = new ArrayList<>();
            // The process started some time before the dataset begins.
            list.add(start - (2 + rng.nextInt(46)) * 3_600_000L - rng.nextInt(3600) * 1000L);
            restartLists.add(list);
        }
        for (BenignSchedule.Deployment d : benign.deployments()) {
            List<Topology.Host> own = topology.services().get(d.service()).hosts();
            for (int k = 0; k < own.size(); k++) {
                restartLists.get(own.get(k).index()).add(d.at() + k * BenignSchedule.ROLLING_STEP_MILLIS);
            }
        }
        recoveryAction = new String[truth.incidents().size()];
        for (int n = 0; n < truth.incidents().size(); n++) {
            Incident incident = truth.incidents().get(n);
            if (strategies.of(incident.type()).takesRootDown()) {
                // Keyed by the id, not the position: a twin without an earlier incident keeps it.
                UniformRandomProvider rng = RandomStreams.stream(seed, "recovery", RandomStreams.nameKey(incident.id()));
                recoveryAction[n] = rng.nextDouble() < 0.5 ? "restart" : "rollback";
                for (Topology.Host h : topology.service(incident.rootCauseService()).hosts()) {
                    restartLists.get(h.index()).add(recoveryStart(incident));
                }
            }
        }
        for (int i = 0; i < hosts; i++) {
            restarts[i] = restartLists.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
        }
        startMillis = start;
        entries = topology.entryServices().stream().mapToInt(Topology.Service::index).toArray();
        hourPrefix = new double[(int) ((end - start) / HOUR_MILLIS) + 2];
        for (int k = 1; k < hourPrefix.length; k++) {
            hourPrefix[k] = hourPrefix[k - 1] + minuteSum(start + (k - 1) * HOUR_MILLIS, start + k * HOUR_MILLIS);
        }
        effects = new IncidentEffect[index.windowCount()];
        for (int w = 0; w < effects.length; w++) {
            effects[w] = effect(w);
        }
    }

    /**
     * Builds the model of a dataset.
     *
     * @param config the spec
     * @param topology the fleet
     * @param truth the incident schedule
     * @return the model
     */
    public static FleetModel of(GenerationConfig config, Topology topology, GroundTruth truth) {
        return of(config, topology, truth, IncidentStrategies.standard());
    }

    /**
     * Builds the model of a dataset with given incident strategies.
     *
     * @param config the spec
     * @param topology the fleet
     * @param truth the incident schedule
     * @param strategies the strategy of each type
     * @return the model
     */
    public static FleetModel of(GenerationConfig config, Topology topology, GroundTruth truth,
                                IncidentStrategies strategies) {
        return new FleetModel(config, topology, truth, strategies);
    }

    /** @return the incident strategies the model applies */
    public IncidentStrategies strategies() {
        return strategies;
    }

    /**
     * Median server-span duration of a service, callees included; the service {@code slow}
     * (or none, -1) takes {@code factor} times longer.
     */
    private double endToEnd(int s, double[] memo, int slow, double factor) {
        if (memo[s] >= 0) {
            return memo[s];
        }
        double sum = ownMedian[s];
        for (int callee : topology.services().get(s).callees()) {
            sum += endToEnd(callee, memo, slow, factor);
        }
        if (s == slow) {
            sum *= factor;
        }
        memo[s] = sum;
        return sum;
    }

    private IncidentEffect effect(int w) {
        AffectedService a = index.window(w);
        Incident incident = index.incident(w);
        int hop = index.hop(w);
        int s = topology.service(a.service()).index();
        int rootService = topology.service(incident.rootCauseService()).index();
        double d = config.anomalyConfig().difficulty().scale();
        String callee = incident.rootCause().callee();
        int edgeCallee = callee == null ? -1 : topology.service(callee).index();
        IncidentEffect e = new IncidentEffect(this, incident, a.role(), hop, s, rootService, edgeCallee, d,
                config.anomalyConfig().settings(incident.type()).intensity(), config.seed());
        e.unfolds(a.start().toEpochMilli(), a.end().toEpochMilli(), lifecycle(incident),
                new SmoothNoise(config.seed(), "wobble/" + incident.id(), s));
        strategies.of(incident.type()).effect(e);
        return e;
    }

    double ownMedian(int s) {
        return ownMedian[s];
    }

    double calleeSum(int s) {
        return calleeSum[s];
    }

    int hostCount(int s) {
        return topology.services().get(s).hosts().size();
    }

    /** {@link #endToEnd(int, double[], int, double)} with a fresh memo. */
    double endToEnd(int s, int slow, double factor) {
        double[] memo = new double[topology.services().size()];
        Arrays.fill(memo, -1);
        return endToEnd(s, memo, slow, factor);
    }

    /**
     * Fills the state of a host at an instant. Pure: the same arguments always give the same
     * state, whichever thread asks and in whatever order.
     *
     * @param host the host index in the topology
     * @param epochMillis the instant
     * @param out the state to overwrite
     */
    public void evaluate(int host, long epochMillis, HostState out) {
        evaluate(host, epochMillis, out, true);
    }

    /**
     * Fills the state of a host at an instant as {@link #evaluate(int, long, HostState)} does,
     * except its memory, left NaN: what the request population reads, per host and second, without
     * the memory noise and drift it does not use. Every other field is the same.
     *
     * @param host the host index in the topology
     * @param epochMillis the instant
     * @param out the state to overwrite
     */
    public void evaluateWithoutMemory(int host, long epochMillis, HostState out) {
        evaluate(host, epochMillis, out, false);
    }

    private void evaluate(int host, long epochMillis, HostState out, boolean withMemory) {
        int s = serviceOf[host];
        long t = epochMillis;
        Memo memo = out.memo(this);
        SmoothNoise.Knots knots = memo.knots;
        memo.serviceNoises(this, s, t);
        double tr = memo.curveAt(traffic, t) * (1 + 0.05 * memo.trafficNoise[s]);
        BenignSchedule.Deployment deployment = benign.deploymentAt(s, t);
        double latencyShift = deployment == null ? 1 : deployment.latencyFactor();
        double cpuShift = deployment == null ? 1 : deployment.cpuFactor();
        long sinceRestart = t - lastRestart(host, t);
        double warming = sinceRestart < RESTART_WARM_MILLIS ? 1 - sinceRestart / (double) RESTART_WARM_MILLIS : 0;

        double cpu = idleCpu[host] + loadCpu[host] * tr * cpuShift + 2.2 * cpuNoise[host].at(t, knots)
                + benign.batchCpu(host, t) + 8 * warming;
        cpu = clamp(cpu, 0.5, BASELINE_CPU_CEILING);
        double memory = withMemory ? memoryBase[host] + memoryDrift[host] * (1 - Math.exp(-sinceRestart / MEMORY_TAU_MILLIS))
                + 0.8 * memoryNoise[host].at(t, knots) : Double.NaN;
        double own = ownMedian[s] * hostLatency[host] * latencyShift * (1 + 0.04 * memo.latencyNoise[s])
                * (1 + 0.15 * warming);
        double err = baseError[s] * hostError[host] * (1 + ERROR_NOISE * memo.errorNoise[s]);

        out.traffic = tr;
        out.servedShare = 1;
        out.down = false;
        out.latencySigma = sigma[s];
        out.failureMode = leaf[s] ? FailureMode.BACKGROUND_LEAF : FailureMode.BACKGROUND;
        out.propagation = 0;
        out.refusedCallWaitMs = 0;
        out.edgeCallee = -1;
        out.edgeDelayMs = 0;
        out.edgeLoss = 0;
        int w = index.windowAt(s, host, t);
        out.window = w;
        if (w < 0) {
            out.incidentId = null;
            out.incidentType = null;
            out.role = null;
            out.hop = 0;
            finish(out, s, cpu, memory, own, err, 1, 1);
        } else {
            inIncident(host, t, w, out, cpu, memory, own, err, knots, withMemory);
        }
    }

    /**
     * Applies the effect of the incident window a host is in, then finishes its state. Apart from
     * {@link #evaluate} so that the JIT, which first sees hosts outside incidents, recompiles only
     * this when the first incident comes.
     */
    private void inIncident(int host, long t, int w, HostState out, double cpu, double memory, double own,
                            double err, SmoothNoise.Knots knots, boolean withMemory) {
        int s = serviceOf[host];
        IncidentEffect e = effects[w];
        out.incidentId = e.incident.id();
        out.incidentType = e.incident.type();
        out.role = e.role;
        out.hop = e.hop;
        out.failureMode = e.mode;
        // The incident's life in this window: it builds up, wobbles, and recovers at the end.
        double shape = e.shape(t);
        double k = e.strength(t, shape);
        out.propagation = Math.min(0.99, e.propagation * k);
        out.refusedCallWaitMs = e.refusedCallWaitMs * shape;
        if (e.edgeDelayMs > 0 || e.edgeLoss > 0) {
            out.edgeCallee = e.edgeCallee;
            out.edgeDelayMs = e.edgeDelayMs * k;
            out.edgeLoss = Math.min(0.95, e.edgeLoss * k);
        }
        if (e.errorProbability >= 0) {
            double target = e.errorProbability * (1 + 0.05 * errorNoise[s].at(t, knots));
            err += k * (target - err);
        }
        if (e.cpuPlateau > 0) {
            // The plateau keeps a baseline's noise, not a flat line.
            double plateau = Math.min(95, e.cpuPlateau + 1.8 * cpuNoise[host].at(t, knots));
            cpu = Math.min(97, cpu + k * (plateau - cpu));
            err = baseError[s] * (1 + 1.5 * Math.max(0, cpu - 80) / 20);
        }
        out.latencySigma = sigma[s] * (1 + k * e.tailWidening);
        double latencyFactor = 1 + k * (e.latencyFactor - 1);
        double ownFactor = 1 + k * (e.ownFactor - 1);
        if (e.down && shape >= 1) {
            out.down = true;
            out.servedShare = e.servedShare;
            latencyFactor = e.latencyFactor;
            ownFactor = e.ownFactor;
            cpu = idleCpu[host] * 0.6 + 0.3 * cpuNoise[host].at(t, knots);
            memory = withMemory ? memoryBase[host] * 0.5 + 0.8 * memoryNoise[host].at(t, knots) : Double.NaN;
        } else if (e.down) {
            // Restarted (the counters reset at the recovery's start): instances come back one by
            // one, cold caches make them slow, and what still fails fades out.
            latencyFactor = 1 + 0.8 * shape;
            ownFactor = latencyFactor;
            err = baseError[s] + (1 - baseError[s]) * 0.6 * shape * shape;
        }
        finish(out, s, cpu, memory, own, err, latencyFactor, ownFactor);
    }

    /**
     * Returns the ramp-up and recovery shares of an incident's windows and its wobble, drawn
     * from the seed and the incident's id within its type's {@link IncidentStrategy.Lifecycle}.
     *
     * @param incident an incident of the truth
     * @return {ramp-up share, recovery share, wobble amplitude}
     */
    double[] lifecycle(Incident incident) {
        IncidentStrategy.Lifecycle l = strategies.of(incident.type()).lifecycle();
        long key = RandomStreams.key(config.seed(), "lifecycle", RandomStreams.nameKey(incident.id()));
        double ramp = l.rampMin() + (l.rampMax() - l.rampMin()) * RandomStreams.uniform(key, 0);
        double recovery = l.recoveryMin() + (l.recoveryMax() - l.recoveryMin()) * RandomStreams.uniform(key, 1);
        return new double[] {ramp, recovery, l.wobble()};
    }

    /**
     * Returns when an incident starts to recover on its root cause: the start of the recovery at
     * the end of its window, on a whole second. An outage's hosts restart then.
     *
     * @param incident an incident of the truth
     * @return epoch ms, inside the incident
     */
    public long recoveryStart(Incident incident) {
        long start = incident.start().toEpochMilli();
        long end = incident.end().toEpochMilli();
        // Rounded up to whole seconds: the hosts restart no later than the down state ends.
        long tail = ((long) Math.ceil(lifecycle(incident)[1] * (end - start)) + 999) / 1000 * 1000;
        return Math.max(start, end - Math.max(1000, tail));
    }

    /** Sets the state's CPU, memory, latency and error probability from the values worked out. */
    private void finish(HostState out, int s, double cpu, double memory, double own, double err,
                        double latencyFactor, double ownFactor) {
        double saturation = saturation(cpu);
        out.cpuPercent = clamp(cpu, 0.1, 100);
        out.memoryPercent = clamp(memory, 1, 99); // NaN stays NaN
        out.ownLatencyMedianMs = own * ownFactor * saturation;
        out.latencyMedianMs = ((own + calleeSum[s]) * latencyFactor) + own * ownFactor * (saturation - 1);
        out.errorProbability = out.down ? 1.0 : clamp(err, 0, 0.99);
    }

    /**
     * Returns the integral of the traffic multiplier from the dataset's start to an instant.
     *
     * @param epochMillis the instant
     * @return the integral in seconds, computed minute by minute
     */
    public double trafficVolume(long epochMillis) {
        return trafficIntegral(epochMillis);
    }

    private double trafficIntegral(long t) {
        int k = hourOf(t);
        return hourPrefix[k] + minuteSum(startMillis + k * HOUR_MILLIS, t);
    }

    /** The whole hours from the dataset's start to an instant, within {@link #hourPrefix}. */
    private int hourOf(long t) {
        return (int) Math.max(0, Math.min(hourPrefix.length - 1, (t - startMillis) / HOUR_MILLIS));
    }

    /** A fresh memo for {@link HostState#memo}. */
    Memo newMemo() {
        return new Memo(this, noises);
    }

    /**
     * What one thread remembers of its last evaluations of this model: the noise knots and the
     * traffic curve at the last instant. Every value is a pure function of its inputs, so remembering changes none.
     */
    static final class Memo {
        /** The model whose evaluations this memo remembers. */
        final FleetModel model;
        final SmoothNoise.Knots knots;
        private long curveMillis = Long.MIN_VALUE;
        private double curveValue;

        /** Per service: the instant its three noises below were evaluated at. */
        private final long[] noiseMillis;
        final double[] trafficNoise;
        final double[] latencyNoise;
        final double[] errorNoise;

        Memo(FleetModel model, int noises) {
            this.model = model;
            this.knots = new SmoothNoise.Knots(noises);
            int services = model.ownMedian.length;
            noiseMillis = new long[services];
            java.util.Arrays.fill(noiseMillis, Long.MIN_VALUE);
            trafficNoise = new double[services];
            latencyNoise = new double[services];
            errorNoise = new double[services];
        }

        /**
         * Evaluates a service's noises at an instant, unless they were last evaluated there: the
         * hosts of a service share them, and are evaluated one after another at each second.
         */
        void serviceNoises(FleetModel m, int s, long t) {
            if (noiseMillis[s] != t) {
                trafficNoise[s] = m.trafficNoise[s].at(t, knots);
                latencyNoise[s] = m.latencyNoise[s].at(t, knots);
                errorNoise[s] = m.errorNoise[s].at(t, knots);
                noiseMillis[s] = t;
            }
        }

        /** The traffic curve at an instant; all hosts evaluated at one instant share it. */
        double curveAt(TrafficCurve curve, long t) {
            if (t != curveMillis) {
                curveValue = curve.at(t);
                curveMillis = t;
            }
            return curveValue;
        }

    }

    /**
     * The traffic entering the fleet, minute by minute: the curve times the mean of the entry
     * services' noise, so that what the planner measures on sample chunks and what it predicts for
     * the whole dataset see the same traffic.
     */
    private double minuteSum(long from, long to) {
        double sum = 0;
        for (long m = from; m < to; m += 60_000) {
            double noise = 0;
            for (int e : entries) {
                noise += trafficNoise[e].at(m);
            }
            sum += traffic.at(m) * (1 + 0.05 * noise / entries.length) * Math.min(60_000, to - m) / 1000.0;
        }
        return sum;
    }

    /** CPU of a host in a CPU spike: part of the way from its mean to 100%, capped at 93%. */
    double cpuPlateau(int host, double intensity) {
        double mean = idleCpu[host] + loadCpu[host];
        return Math.min(93, mean + (100 - mean) * (1 - Math.exp(-0.55 * intensity)));
    }

    int rootHost(Incident incident) {
        Topology.Service service = topology.service(incident.rootCauseService());
        return incident.rootCauseHost() == null ? service.hosts().get(0).index()
                : service.host(incident.rootCauseHost()).index();
    }

    /**
     * Queueing: the factor on own processing time at a utilisation, {@code 1 + 0.5 rho / (1 - rho)}.
     * An M/M/1 queue's response time grows as {@code 1 / (1 - rho)} (Kleinrock, Queueing Systems,
     * vol. 1, 1975); half of that delay is queueing here, as a multi-core server with a thread pool
     * queues less than a single server. 1.1 at 20% CPU, 1.3 at 40%, 3 at 80%, 5.5 at 90%; capped
     * at 97% utilisation.
     */
    static double saturation(double cpuPercent) {
        double rho = Math.min(0.97, Math.max(0, cpuPercent / 100));
        return 1 + 0.5 * rho / (1 - rho);
    }

    private long lastRestart(int host, long t) {
        long[] r = restarts[host];
        int i = Arrays.binarySearch(r, t);
        i = i >= 0 ? i : -i - 2;
        return i >= 0 ? r[i] : r[0];
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** @return the incident index the model labels with */
    public IncidentIndex index() {
        return index;
    }

    /** @return the deployments and batch jobs */
    public BenignSchedule benign() {
        return benign;
    }

    /** @return the traffic curve */
    public TrafficCurve traffic() {
        return traffic;
    }

    /** @return the ground truth the model injects */
    public GroundTruth truth() {
        return truth;
    }

    /**
     * Returns the median server-span duration of a service at its baseline (callees included).
     *
     * @param service the service index
     * @return the median in ms
     */
    public double baselineLatencyMedianMs(int service) {
        return ownMedian[service] + calleeSum[service];
    }

    /**
     * Returns a bound the error probability of a service never exceeds outside incident windows,
     * so that generators can skip evaluating the model when a draw falls beyond it.
     *
     * @param service the service index
     * @return the bound
     */
    public double baselineErrorCeiling(int service) {
        // 1.6: the largest host factor (hostError) a host of the service can have.
        return baseError[service] * 1.6 * (1 + ERROR_NOISE * SmoothNoise.MAX_ABS);
    }

    /**
     * Returns the sigma of the log-normal body of a service's own processing time; incidents do
     * not change it.
     *
     * @param service the service index
     * @return the sigma, 0.5–0.75
     */
    public double latencySigma(int service) {
        return sigma[service];
    }

    /**
     * Returns the base error probability of a service.
     *
     * @param service the service index
     * @return the probability
     */
    public double baselineErrorProbability(int service) {
        return baseError[service];
    }

    /**
     * Returns the restarts of a host (rolling deployments, the end of an outage), in time order;
     * the first is the process start before the dataset begins.
     *
     * @param host the host index
     * @return the restart instants in epoch millis
     */
    public long[] restarts(int host) {
        return restarts[host].clone();
    }

    /**
     * Returns how an outage ends: {@code "restart"} or {@code "rollback"}.
     *
     * @param incident an incident of the truth
     * @return the action, or {@code null} for incidents that are not outages
     */
    public String recoveryAction(Incident incident) {
        // By identity: a record's equals compares every component, and this runs for every chunk.
        List<Incident> incidents = truth.incidents();
        for (int n = 0; n < incidents.size(); n++) {
            if (incidents.get(n) == incident) {
                return recoveryAction[n];
            }
        }
        int n = incidents.indexOf(incident);
        return n < 0 ? null : recoveryAction[n];
    }
}
