package dev.melt.benchmarks;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.CascadeEdge;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scores one million detections against ten thousand incidents (30 days, 20 services, each
 * incident on its root cause and two callers). 30% of the detections fall inside incidents, the
 * rest are false alarms; a fifth of them are windows, the rest points, each naming a service in a
 * string of its own. {@code order} says whether the detector emitted them in time order (usual) or
 * shuffled (the sort's worst case).
 *
 * <pre>
 * java -jar melt-benchmarks/target/benchmarks.jar EvaluationBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluationBenchmark {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int INCIDENTS = 10_000;
    private static final int DETECTIONS = 1_000_000;
    private static final int SERVICES = 20;
    private static final long SPAN_SECONDS = Duration.ofDays(30).toSeconds();

    /** Whether detections arrive in time order or shuffled. */
    @Param({"sorted", "shuffled"})
    public String order;

    private GroundTruth truth;
    private List<Detection> detections;

    /** Builds the ground truth and the detections, from a fixed seed. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        List<Incident> incidents = new ArrayList<>(INCIDENTS);
        long step = SPAN_SECONDS / INCIDENTS;
        for (int i = 0; i < INCIDENTS; i++) {
            Instant onset = START.plusSeconds(i * step + random.nextInt((int) step / 2));
            Instant end = onset.plusSeconds(60 + random.nextInt(240));
            String root = "svc-" + random.nextInt(SERVICES);
            String caller1 = "svc-" + random.nextInt(SERVICES);
            String caller2 = "svc-" + random.nextInt(SERVICES);
            incidents.add(new Incident(String.format("inc-%05d", i), AnomalyType.values()[i % 4], root, null, onset, end,
                    List.of(new AffectedService(root, null, AffectedService.Role.ROOT_CAUSE, onset, end),
                            new AffectedService(caller1, null, AffectedService.Role.CASCADE, onset.plusSeconds(5),
                                    end.plusSeconds(30)),
                            new AffectedService(caller2, null, AffectedService.Role.CASCADE, onset.plusSeconds(10),
                                    end.plusSeconds(60))),
                    List.of(new CascadeEdge(root, caller1, Duration.ofSeconds(5)),
                            new CascadeEdge(caller1, caller2, Duration.ofSeconds(5)))));
        }
        truth = new GroundTruth(START, START.plusSeconds(SPAN_SECONDS), incidents);

        // draw the detections first and create them in time order, as a detector streaming over
        // the data would: the objects then lie in memory in the order the sweep reads them
        long[] atNanos = new long[DETECTIONS];
        String[] blamed = new String[DETECTIONS];
        long startNanos = START.getEpochSecond() * 1_000_000_000L;
        for (int d = 0; d < DETECTIONS; d++) {
            if (random.nextInt(10) < 3) {
                Incident incident = incidents.get(random.nextInt(INCIDENTS));
                atNanos[d] = incident.start().getEpochSecond() * 1_000_000_000L
                        + random.nextInt((int) incident.duration().toSeconds()) * 1_000_000_000L;
                blamed[d] = incident.rootCauseService();
            } else {
                atNanos[d] = startNanos + (long) (random.nextDouble() * SPAN_SECONDS * 1e9);
                blamed[d] = "svc-" + random.nextInt(SERVICES);
            }
        }
        Integer[] byTime = new Integer[DETECTIONS];
        for (int d = 0; d < DETECTIONS; d++) {
            byTime[d] = d;
        }
        Arrays.sort(byTime, (x, y) -> Long.compare(atNanos[x], atNanos[y]));
        detections = new ArrayList<>(DETECTIONS);
        for (int d : byTime) {
            Instant at = Instant.ofEpochSecond(0, atNanos[d]);
            // a fresh string per detection, like a service name parsed from a record
            String service = new String(blamed[d]);
            Detection detection = random.nextInt(5) == 0 ? Detection.between(at, at.plusSeconds(30)) : Detection.at(at);
            detections.add(detection.on(service));
        }
        if (order.equals("shuffled")) {
            Collections.shuffle(detections, random);
        }
    }

    /**
     * Incident-level scoring: sort, sweep, recall, precision and false alarms.
     *
     * @return the F1, so the work is not optimised away
     */
    @Benchmark
    public double incidentLevel() {
        Evaluation evaluation = Evaluation.of(detections, truth);
        return evaluation.f1() + evaluation.falseAlarmsPerHour();
    }

    /**
     * Every metric: incident-level, delays, point-wise, point-adjusted, range-based and NAB.
     *
     * @return a sum of the scores, so the work is not optimised away
     */
    @Benchmark
    public double allMetrics() {
        Evaluation evaluation = Evaluation.of(detections, truth);
        return evaluation.f1() + evaluation.falseAlarmsPerHour()
                + evaluation.meanDetectionDelay().orElse(Duration.ZERO).toNanos()
                + evaluation.pointwiseF1() + evaluation.pointAdjustedF1()
                + evaluation.rangeRecall() + evaluation.rangePrecision() + evaluation.nabScore();
    }
}
