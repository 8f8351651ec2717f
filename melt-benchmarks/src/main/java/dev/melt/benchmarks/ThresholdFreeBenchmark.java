package dev.melt.benchmarks;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.generator.AffectedService;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.time.Instant;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scores one million scored points (one per second, 11.6 days) against a thousand incidents of
 * one to five minutes with the threshold-free metrics: AUC-PR, VUS-PR and VUS-ROC (TSB-AD, largest
 * window 100 steps), range-AUC-PR and range-AUC-ROC (aeon, median buffer). Scores are uniform,
 * raised by 0.5 inside incidents. Each benchmark builds the {@link Evaluation} too.
 *
 * <pre>
 * java -jar melt-benchmarks/target/benchmarks.jar ThresholdFreeBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ThresholdFreeBenchmark {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int POINTS = 1_000_000;
    private static final int INCIDENTS = 1_000;

    private GroundTruth truth;
    private List<Detection> detections;
    /** Every other second: 500,000 separate events, the worst case of affiliation's partition. */
    private List<Detection> alternate;

    /** Builds the ground truth and the scored points, from a fixed seed. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        List<Incident> incidents = new ArrayList<>(INCIDENTS);
        boolean[] inside = new boolean[POINTS];
        int spacing = POINTS / INCIDENTS;
        for (int i = 0; i < INCIDENTS; i++) {
            int from = i * spacing + random.nextInt(spacing / 2);
            int to = from + 60 + random.nextInt(240);
            for (int s = from; s < to; s++) {
                inside[s] = true;
            }
            Instant onset = START.plusSeconds(from);
            Instant end = START.plusSeconds(to);
            incidents.add(new Incident(String.format("inc-%04d", i), AnomalyType.values()[i % 4], "svc", null, onset,
                    end, List.of(new AffectedService("svc", null, AffectedService.Role.ROOT_CAUSE, onset, end)),
                    List.of()));
        }
        truth = new GroundTruth(START, START.plusSeconds(POINTS), incidents);
        detections = new ArrayList<>(POINTS);
        for (int s = 0; s < POINTS; s++) {
            detections.add(Detection.at(START.plusSeconds(s)).withScore(random.nextDouble() + (inside[s] ? 0.5 : 0)));
        }
        alternate = new ArrayList<>(POINTS / 2);
        for (int s = 0; s < POINTS; s += 2) {
            alternate.add(Detection.at(START.plusSeconds(s)));
        }
    }

    /** @return affiliation precision plus recall over 500,000 separate detections */
    @Benchmark
    public double affiliation() {
        Evaluation evaluation = Evaluation.of(alternate, truth);
        return evaluation.affiliationPrecision() + evaluation.affiliationRecall();
    }

    /** @return AUC-PR */
    @Benchmark
    public double aucPr() {
        return Evaluation.of(detections, truth).aucPr();
    }

    /** @return VUS-PR, whose surface also gives VUS-ROC */
    @Benchmark
    public double vusPr() {
        return Evaluation.of(detections, truth).vusPr();
    }

    /** @return range-AUC-PR */
    @Benchmark
    public double rangeAucPr() {
        return Evaluation.of(detections, truth).rangeAucPr();
    }

    /** @return the sum of all five, from one evaluation */
    @Benchmark
    public double allThresholdFree() {
        Evaluation evaluation = Evaluation.of(detections, truth);
        return evaluation.aucPr() + evaluation.vusPr() + evaluation.vusRoc() + evaluation.rangeAucPr()
                + evaluation.rangeAucRoc();
    }
}
