package dev.melt.generator.internal.plan;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.DataSize;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.internal.model.FleetModel;
import dev.melt.generator.internal.model.TrafficCurve;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Derives the {@link Plan} that meets a spec's size target, from the spec alone.
 *
 * <p>Bytes of a dataset are of three kinds: <em>fixed</em> ones (metrics and events) grow with the
 * duration only, <em>background</em> ones (logs outside requests) with the duration times the
 * traffic scale, <em>request</em> ones (traces and their logs) with the traffic volume: the
 * integral of the daily and weekly traffic curve over the duration, times the traffic scale. The
 * planner measures the three rates by generating sample chunks of a candidate plan, without
 * writing them, as bytes per millisecond and bytes per unit of traffic volume. Dividing the request bytes
 * by the sampled traffic volume, rather than by the sampled time, takes the daily cycle out of
 * the estimate: a sample at the 03:00 trough and one at the 14:00 peak give the same rate. It
 * then solves the duration (size only) or the traffic scale (size and duration) from the curve,
 * and repeats on the new candidate until its predicted size is within {@value #TOLERANCE_SAMPLED}
 * of the target ({@value #TOLERANCE_EXACT} when measured on every chunk). Each round's samples
 * join those of the rounds before, so the rates sharpen from round to round instead of each round
 * carrying its own sampling error (which kept 1 GB plans going for five rounds). A plan of at most
 * {@value #SAMPLE_CHUNKS} chunks is measured whole, so its prediction is exact; larger ones are
 * measured on samples spread over the whole span. Every step is deterministic, so the plan is a
 * pure function of the spec.
 */
public final class Planner {

    /** Relative error accepted for a prediction measured on every chunk: it is the exact size. */
    static final double TOLERANCE_EXACT = 0.025;
    /** Relative error accepted for a prediction from samples, leaving room for sampling error. */
    static final double TOLERANCE_SAMPLED = 0.01;
    /** Chunks generated to measure a plan. */
    static final int SAMPLE_CHUNKS = 16;
    /** Bytes a chunk should hold: small enough for flat memory, large enough to amortise per-chunk work. */
    static final long CHUNK_BYTES = 1L << 20;
    private static final int MAX_ROUNDS = 8;
    private static final long MIN_CHUNK_MILLIS = 10;
    private static final long MAX_CHUNK_MILLIS = 6 * 3_600_000L;
    private static final long MAX_DURATION_MILLIS = Duration.ofDays(3660).toMillis();
    private static final double MAX_TRAFFIC_SCALE = 1e6;
    /** A small dataset is probed on its own first minutes, which is the time it will cover. */
    private static final long SHORT_PROBE_MILLIS = 600_000L;
    /** A large one is probed on one-minute chunks spread over a whole day, to average the daily cycle. */
    private static final long LONG_PROBE_MILLIS = 86_400_000L;
    private static final long PROBE_CHUNK_MILLIS = 60_000L;
    /** Targets from this size on get the day-long probe. */
    private static final long LONG_PROBE_FROM_BYTES = 20_000_000L;
    /** The golden ratio's fraction: offsets of successive samples inside their strata never repeat. */
    private static final double GOLDEN_FRACTION = 0.6180339887498949;

    private final GenerationConfig config;
    private final Topology topology;
    private final ChunkSampler sampler;

    /**
     * Creates a planner.
     *
     * @param config the validated spec
     * @param sampler generates sample chunks of candidate plans; the plan does not depend on how
     *     many threads it uses
     */
    public Planner(GenerationConfig config, ChunkSampler sampler) {
        this.config = config;
        this.topology = Topology.of(config);
        this.sampler = sampler;
    }

    /**
     * What a dataset's bytes grow with, at traffic scale 1: bytes per millisecond of simulated
     * time that do not depend on traffic (metrics, events), bytes per millisecond that grow with
     * the traffic scale but not with the daily cycle (background logs), and bytes per unit of
     * traffic volume (traces and the logs of their spans).
     */
    private record Rates(double fixedPerMilli, double backgroundPerMilli, double requestsPerVolume) {
        /** Bytes of a span of {@code millis} with traffic {@code volume} at traffic {@code scale}. */
        double bytes(double millis, double volume, double scale) {
            return fixedPerMilli * millis + (backgroundPerMilli * millis + requestsPerVolume * volume) * scale;
        }
    }

    /**
     * Plans the dataset.
     *
     * @return the plan
     * @throws IllegalArgumentException naming the knob to change when size and duration cannot
     *     both be met
     */
    public Plan plan() {
        DataSize size = config.size();
        Duration duration = config.duration();
        long probeMillis = size != null && size.bytes() >= LONG_PROBE_FROM_BYTES
                || duration != null && duration.toMillis() >= LONG_PROBE_MILLIS ? LONG_PROBE_MILLIS : SHORT_PROBE_MILLIS;
        Rates probe = measure(probePlan(probeMillis));
        if (size == null) {
            long millis = duration.toMillis();
            return new Plan(config, topology, millis, chunkMillis(probe, 1.0, millis), 1.0);
        }
        long target = size.bytes();
        if (duration == null) {
            return planDuration(target, probe);
        }
        return planTraffic(target, duration.toMillis(), probe);
    }

    /**
     * The spec measured by the probe: the dataset's, over the probe's span. A configured warm-up
     * that would leave less than half the probe is left to the default (a fifth of the probe): the
     * probe's incidents only inform the byte rates, and the warm-up is checked against the
     * dataset's own duration when the dataset is planned, so that the message names that duration.
     */
    private GenerationConfig probeConfig(long probeMillis) {
        GenerationConfig.Builder probe = config.toBuilder().duration(Duration.ofMillis(probeMillis));
        AnomalyConfig anomalies = config.anomalyConfig();
        if (anomalies.warmUp() != null && anomalies.warmUp().toMillis() > probeMillis / 2) {
            probe.anomalyConfig(anomalies.toBuilder().warmUp(null).build());
        }
        return probe.build();
    }

    /**
     * The plan of the probe. A short probe may be too short to hold one incident of each requested
     * type apart from the others (many types, a long outage) while the dataset itself is long
     * enough: then its incidents may overlap, as they only inform the byte rates. A probe that
     * holds them apart is unchanged, and so is every plan made from it.
     */
    private Plan probePlan(long probeMillis) {
        GenerationConfig probe = probeConfig(probeMillis);
        try {
            return new Plan(probe, topology, probeMillis, blocks(PROBE_CHUNK_MILLIS), 1.0);
        } catch (IllegalArgumentException tooShort) {
            GenerationConfig overlapping = probe.toBuilder()
                    .anomalyConfig(probe.anomalyConfig().toBuilder().allowOverlap(true).build()).build();
            return new Plan(overlapping, topology, probeMillis, blocks(PROBE_CHUNK_MILLIS), 1.0);
        }
    }

    /** Size only: traffic stays at the default, the duration follows from the size. */
    private Plan planDuration(long target, Rates probe) {
        Rates rates = probe;
        Pool pool = new Pool();
        Plan best = null;
        double bestError = Double.MAX_VALUE;
        double bestPredicted = 0;
        Set<Long> tried = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long d = durationFor(target, rates);
            if (!tried.add(d)) {
                break; // a plan measured before: its samples would teach nothing new
            }
            Plan plan = schedulable(d, chunkMillis(rates, 1.0, d));
            d = plan.durationMillis();
            tried.add(d);
            rates = pool.add(plan, measureSums(plan));
            double predicted = rates.bytes(d, volume(plan), 1.0);
            double error = Math.abs(predicted / target - 1);
            if (error < bestError) {
                best = plan;
                bestError = error;
                bestPredicted = predicted;
            }
            if (error <= tolerance(plan)) {
                return plan;
            }
        }
        return best.chunkCount() <= SAMPLE_CHUNKS && bestError > TOLERANCE_EXACT
                ? nearby(target, best, bestError, Math.signum(target - bestPredicted), tried) : best;
    }

    /**
     * The plan of a duration the size asks for, or of the nearest duration around it (1% steps out
     * to 12%) whose incidents can be scheduled. Whether one incident of each requested type fits
     * depends on where the earlier ones fall and how far they cascade, which moves with the
     * duration: 12MB of seed 21 with service_outage, network_delay and packet_loss asks for 27 min,
     * where they do not fit, while 26 and 28 min hold them. The user gave no duration, so a
     * neighbour is as good; when none fits, the first duration's error stands.
     */
    private Plan schedulable(long d, long chunkMillis) {
        try {
            return new Plan(config, topology, d, chunkMillis, 1.0);
        } catch (IllegalArgumentException unschedulable) {
            for (double share : NEARBY) {
                Plan near = planIfSchedulable(around(d, share), chunkMillis);
                if (near != null) {
                    return near;
                }
            }
            throw unschedulable;
        }
    }

    /** The plan of a duration, at most the given chunk length; {@code null} when its incidents do not fit. */
    private Plan planIfSchedulable(long d, long chunkMillis) {
        try {
            return new Plan(config, topology, d, Math.min(chunkMillis, blocks(d)), 1.0);
        } catch (IllegalArgumentException unschedulable) {
            return null;
        }
    }

    /** A duration a share away from another, in whole seconds, at least one. */
    private static long around(long center, double share) {
        return Math.max(1000L, Math.round(center * (1 + share) / 1000) * 1000);
    }

    /**
     * Shares of a duration tried around it when a small plan misses: 1% steps out to 12%, towards
     * the target first, then the other way.
     */
    private static final double[] NEARBY = nearbyShares(12);

    private static double[] nearbyShares(int steps) {
        double[] shares = new double[2 * steps];
        for (int i = 0; i < steps; i++) {
            shares[2 * i] = (i + 1) / 100.0;
            shares[2 * i + 1] = -(i + 1) / 100.0;
        }
        return shares;
    }

    /**
     * Searches the durations near a small plan that missed the target. A small dataset's size is
     * not smooth in its duration: the incidents take a large part of it, and where they fall, and
     * how long they last, moves with the duration (7MB of seed 14 with all four types: 6.13 MB at
     * 820 s, 7.37 MB at 840 s). So the fixed-point iteration can circle between durations on both
     * sides of the target; each of these nearby ones is measured whole, and the first that meets
     * the target, or else the closest, is taken.
     *
     * @param towards +1 when the plan was too small, -1 when too large
     */
    private Plan nearby(long target, Plan best, double bestError, double towards, Set<Long> tried) {
        Plan closest = best;
        double closestError = bestError;
        long center = best.durationMillis();
        for (double share : NEARBY) {
            long d = around(center, towards * share);
            if (!tried.add(d)) {
                continue;
            }
            Plan plan = planIfSchedulable(d, best.chunkMillis());
            if (plan == null || plan.chunkCount() > SAMPLE_CHUNKS) {
                continue;
            }
            double error = Math.abs(bytes(plan) / target - 1);
            if (error < closestError) {
                closest = plan;
                closestError = error;
            }
            if (error <= TOLERANCE_EXACT) {
                break;
            }
        }
        return closest;
    }

    /** The exact bytes of a plan measured whole. */
    private double bytes(Plan plan) {
        double[] sums = measureSums(plan);
        return sums[0] + sums[1] + sums[2];
    }

    /**
     * The whole seconds of simulated time whose bytes at the given rates and default traffic meet
     * the target. The mean of the traffic curve depends on the span (weekends are quieter), so
     * the duration is found by fixed-point iteration, which settles in a few steps.
     */
    private long durationFor(long target, Rates rates) {
        double meanTraffic = 1.0;
        long d = 0;
        for (int step = 0; step < 20; step++) {
            double millis = target / rates.bytes(1, meanTraffic / 1000, 1.0);
            if (millis > MAX_DURATION_MILLIS) {
                throw new IllegalArgumentException("size: " + DataSize.ofBytes(target) + " is not accepted at the"
                        + " default traffic: it needs more than 3660 days; give --duration too, so traffic is scaled");
            }
            // Whole seconds keep the time span readable.
            long next = Math.max(1000L, Math.round(millis / 1000) * 1000);
            if (next == d) {
                break;
            }
            d = next;
            meanTraffic = meanTraffic(d);
        }
        return d;
    }

    /** Size and duration: traffic is scaled so the bytes meet the size. */
    private Plan planTraffic(long target, long durationMillis, Rates probe) {
        double fixed = probe.fixedPerMilli() * durationMillis;
        if (fixed >= target) {
            long fitting = (long) (target / probe.fixedPerMilli());
            throw new IllegalArgumentException("size: " + DataSize.ofBytes(target) + " cannot hold duration "
                    + Duration.ofMillis(durationMillis) + ": metrics and events alone take about "
                    + megabytes(fixed) + "; increase --size to more than " + megabytes(fixed)
                    + " or shorten --duration to less than " + Duration.ofSeconds(fitting / 1000));
        }
        // Traffic volume of the span at scale 1, in multiplier-seconds.
        double volume = meanTraffic(durationMillis) * durationMillis / 1000;
        Rates rates = probe;
        Pool pool = new Pool();
        Plan best = null;
        double bestError = Double.MAX_VALUE;
        double scale = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            double solved = (target - rates.fixedPerMilli() * durationMillis)
                    / (rates.backgroundPerMilli() * durationMillis + rates.requestsPerVolume() * volume);
            // The first round solves from the probe, whose fixed bytes fit (checked above); later a
            // candidate's own fixed bytes may fill the size: then shrink the traffic a hundredfold.
            scale = round == 0 ? solved : Math.max(scale * 0.01, solved);
            if (scale > MAX_TRAFFIC_SCALE) {
                throw new IllegalArgumentException("duration: " + Duration.ofMillis(durationMillis)
                        + " is too short for size " + DataSize.ofBytes(target) + ": it needs " + Math.round(scale)
                        + " times the default traffic (at most " + (long) MAX_TRAFFIC_SCALE
                        + "); lengthen --duration or reduce --size");
            }
            Plan plan = new Plan(config, topology, durationMillis, chunkMillis(rates, scale, durationMillis), scale);
            rates = pool.add(plan, measureSums(plan));
            double predicted = rates.bytes(durationMillis, volume(plan), scale);
            double error = Math.abs(predicted / target - 1);
            if (error < bestError) {
                best = plan;
                bestError = error;
            }
            if (error <= tolerance(plan) || rates.backgroundPerMilli() + rates.requestsPerVolume() <= 0) {
                break;
            }
        }
        return best;
    }

    /** The mean traffic multiplier over the first {@code millis} of the dataset. */
    private double meanTraffic(long millis) {
        Instant start = config.startTime();
        return TrafficCurve.of(config.anomalyConfig().benignPatterns(), config.seed()).mean(start, start.plusMillis(millis));
    }

    /** The traffic volume of a whole plan, in multiplier-seconds. */
    private static double volume(Plan plan) {
        return plan.model().trafficVolume(plan.endMillis()) - plan.model().trafficVolume(plan.startMillis());
    }

    private static double tolerance(Plan plan) {
        return plan.chunkCount() <= SAMPLE_CHUNKS ? TOLERANCE_EXACT : TOLERANCE_SAMPLED;
    }

    private static String megabytes(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.1fMB", Math.ceil(bytes / 1e5) / 10);
    }

    private long chunkMillis(Rates rates, double scale, long durationMillis) {
        double perMilli = Math.max(1e-9, rates.bytes(1, meanTraffic(Math.min(durationMillis, LONG_PROBE_MILLIS)) / 1000,
                scale));
        long millis = (long) (CHUNK_BYTES / perMilli);
        millis = Math.max(MIN_CHUNK_MILLIS, Math.min(MAX_CHUNK_MILLIS, millis));
        return Math.min(blocks(millis), blocks(durationMillis));
    }

    /**
     * Rounds a span up to whole metric intervals: a chunk holds whole intervals, since the metrics
     * of an interval aggregate its requests, and every random stream is keyed by its interval, so
     * the bytes do not depend on where chunks begin.
     */
    private long blocks(long millis) {
        long block = config.metricsInterval().toMillis();
        return Math.max(1, (millis + block - 1) / block) * block;
    }

    /**
     * Returns the chunk measured as sample {@code k}: one chunk from each of {@code samples} equal
     * strata, at a quasi-random place inside it. Evenly spaced samples could all fall on the same
     * hour of the day (56 days in 16 strata are 3.5 days apart: only 00:00 and 12:00 would be seen).
     */
    static int sampleChunk(int k, int samples, int count) {
        if (samples >= count) {
            return k;
        }
        double offset = (0.5 + k * GOLDEN_FRACTION) % 1.0;
        return (int) Math.min(count - 1, (long) ((k + offset) * count / samples));
    }

    /** Generates all chunks of a small plan, or spread samples of a large one, counting bytes. */
    private Rates measure(Plan plan) {
        return new Pool().add(plan, measureSums(plan));
    }

    /**
     * The samples of the rounds so far, each normalised by its traffic scale: fixed bytes,
     * milliseconds, background and request bytes per unit of scale, traffic volume. A plan measured
     * whole is exact: its sums replace the pool's.
     */
    private static final class Pool {
        private final double[] sums = new double[5];

        Rates add(Plan plan, double[] raw) {
            double scale = plan.trafficScale();
            if (plan.chunkCount() <= SAMPLE_CHUNKS) {
                java.util.Arrays.fill(sums, 0);
            }
            sums[0] += raw[0];
            sums[1] += raw[3];
            sums[2] += raw[1] / scale;
            sums[3] += raw[2] / scale;
            sums[4] += raw[4];
            return new Rates(sums[0] / sums[1], sums[2] / sums[1], sums[3] / sums[4]);
        }
    }

    /** The raw sums of {@link #measure}: fixed, background and request bytes, milliseconds, traffic volume. */
    private double[] measureSums(Plan plan) {
        int count = plan.chunkCount();
        int samples = Math.min(count, SAMPLE_CHUNKS);
        FleetModel model = plan.model();
        // Fixed bytes, background log bytes, request bytes, milliseconds, traffic volume (multiplier-seconds).
        double[] sums = new double[5];
        sampler.sample(plan, samples, k -> sampleChunk(k, samples, count),
                (start, end, fixed, background, requests) -> {
                    sums[0] += fixed;
                    sums[1] += background;
                    sums[2] += requests;
                    sums[3] += end - start;
                    sums[4] += model.trafficVolume(end) - model.trafficVolume(start);
                });
        return sums;
    }
}
