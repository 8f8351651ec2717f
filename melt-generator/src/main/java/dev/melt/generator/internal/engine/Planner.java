package dev.melt.generator.internal.engine;

import dev.melt.generator.DataSize;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Signal;
import dev.melt.generator.internal.plan.Topology;
import java.time.Duration;
import java.util.function.Function;

/**
 * Derives the {@link Plan} that meets a spec's size target, from the spec alone.
 *
 * <p>Bytes of a dataset are of two kinds: <em>fixed</em> ones (metrics and events) grow with the
 * duration only, <em>traffic</em> ones (traces and logs) with duration times traffic. The planner
 * measures both by generating sample chunks of a candidate plan, without writing them, and
 * corrects the duration (size only) or the traffic scale (size and duration) until the predicted
 * size is within {@value #TOLERANCE_SAMPLED} of the target ({@value #TOLERANCE_EXACT} when measured
 * on every chunk). A plan of at most {@value #SAMPLE_CHUNKS}
 * chunks is measured whole, so its prediction is exact; larger ones are measured on evenly spread
 * samples. Every step is deterministic, so the plan is a pure function of the spec.
 */
public final class Planner {

    /** Relative error accepted for a prediction measured on every chunk: it is the exact size. */
    static final double TOLERANCE_EXACT = 0.02;
    /** Relative error accepted for a prediction from samples, leaving room for sampling error. */
    static final double TOLERANCE_SAMPLED = 0.01;
    /** Chunks generated to measure a plan. */
    static final int SAMPLE_CHUNKS = 16;
    /** Bytes a chunk should hold: small enough for flat memory, large enough to amortise per-chunk work. */
    static final long CHUNK_BYTES = 1L << 20;
    private static final int MAX_ROUNDS = 8;
    private static final long MIN_CHUNK_MILLIS = 10;
    private static final long MAX_CHUNK_MILLIS = 86_400_000L;
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
    private final Function<Plan, ChunkGenerator> generators;
    private final int threads;

    /**
     * Creates a planner.
     *
     * @param config the validated spec
     * @param generators builds the chunk generator of a plan
     * @param threads how many threads generate sample chunks; the plan does not depend on it
     */
    public Planner(GenerationConfig config, Function<Plan, ChunkGenerator> generators, int threads) {
        this.config = config;
        this.topology = Topology.of(config);
        this.generators = generators;
        this.threads = threads;
    }

    /** Bytes per millisecond of simulated time, split by what they grow with. */
    private record Rates(double fixedPerMilli, double trafficPerMilli, double trafficScale) {
        double perMilli(double scale) {
            return fixedPerMilli + trafficPerMilli / trafficScale * scale;
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
        Rates probe = measure(new Plan(config.toBuilder().duration(Duration.ofMillis(probeMillis)).build(),
                topology, probeMillis, PROBE_CHUNK_MILLIS, 1.0));
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

    /** Size only: traffic stays at the default, the duration follows from the size. */
    private Plan planDuration(long target, Rates probe) {
        double millis = target / probe.perMilli(1.0);
        Plan best = null;
        double bestError = Double.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            // Whole seconds keep the time span readable.
            long d = Math.max(1000L, Math.round(millis / 1000) * 1000);
            if (d > MAX_DURATION_MILLIS) {
                throw new IllegalArgumentException("size: " + DataSize.ofBytes(target) + " is not accepted at the"
                        + " default traffic: it needs more than 3660 days; give --duration too, so traffic is scaled");
            }
            Plan plan = new Plan(config, topology, d, chunkMillis(probe, 1.0, d), 1.0);
            Rates rates = measure(plan);
            double predicted = rates.perMilli(1.0) * d;
            double error = Math.abs(predicted / target - 1);
            if (error < bestError) {
                best = plan;
                bestError = error;
            }
            if (error <= tolerance(plan)) {
                break;
            }
            probe = rates;
            millis = d * (target / predicted);
        }
        return best;
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
        double scale = (target - fixed) / (probe.trafficPerMilli() * durationMillis);
        Plan best = null;
        double bestError = Double.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (scale > MAX_TRAFFIC_SCALE) {
                throw new IllegalArgumentException("duration: " + Duration.ofMillis(durationMillis)
                        + " is too short for size " + DataSize.ofBytes(target) + ": it needs " + Math.round(scale)
                        + " times the default traffic (at most " + (long) MAX_TRAFFIC_SCALE
                        + "); lengthen --duration or reduce --size");
            }
            Plan plan = new Plan(config, topology, durationMillis, chunkMillis(probe, scale, durationMillis), scale);
            Rates rates = measure(plan);
            double fixedBytes = rates.fixedPerMilli() * durationMillis;
            double trafficBytes = rates.trafficPerMilli() * durationMillis;
            double predicted = fixedBytes + trafficBytes;
            double error = Math.abs(predicted / target - 1);
            if (error < bestError) {
                best = plan;
                bestError = error;
            }
            if (error <= tolerance(plan) || trafficBytes <= 0) {
                break;
            }
            probe = rates;
            scale = scale * Math.max(0.01, (target - fixedBytes) / trafficBytes);
        }
        return best;
    }

    private static double tolerance(Plan plan) {
        return plan.chunkCount() <= SAMPLE_CHUNKS ? TOLERANCE_EXACT : TOLERANCE_SAMPLED;
    }

    private static String megabytes(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.1fMB", Math.ceil(bytes / 1e5) / 10);
    }

    private static long chunkMillis(Rates rates, double scale, long durationMillis) {
        double perMilli = Math.max(1e-9, rates.perMilli(scale));
        long millis = (long) (CHUNK_BYTES / perMilli);
        millis = Math.max(MIN_CHUNK_MILLIS, Math.min(MAX_CHUNK_MILLIS, millis));
        if (millis >= 1000) {
            millis = millis / 1000 * 1000;
        }
        return Math.min(millis, Math.max(MIN_CHUNK_MILLIS, durationMillis));
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

    /** Generates all chunks of a small plan, or evenly spread samples of a large one, counting bytes. */
    private Rates measure(Plan plan) {
        int count = plan.chunkCount();
        int samples = Math.min(count, SAMPLE_CHUNKS);
        double[] sums = new double[3];
        try {
            new ChunkPipeline(plan, generators.apply(plan), threads).run(samples,
                    k -> sampleChunk(k, samples, count), output -> {
                        sums[0] += output.writer(Signal.METRICS).buffer().size()
                                + output.writer(Signal.EVENTS).buffer().size();
                        sums[1] += output.writer(Signal.LOGS).buffer().size()
                                + output.writer(Signal.TRACES).buffer().size();
                        sums[2] += output.chunk().endMillis() - output.chunk().startMillis();
                    });
        } catch (java.io.IOException e) {
            // The sink above does no I/O; only an interruption can land here.
            throw new java.io.UncheckedIOException(e);
        }
        return new Rates(sums[0] / sums[2], sums[1] / sums[2], plan.trafficScale());
    }
}
