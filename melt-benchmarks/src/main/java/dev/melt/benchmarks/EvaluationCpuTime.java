package dev.melt.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.DoubleSupplier;

/**
 * The workload of {@link EvaluationBenchmark}, timed in thread CPU time rather than wall-clock
 * time: on a machine shared with other busy processes JMH's wall-clock figures mostly measure the
 * wait for a core, while CPU time measures the work. Prints the best of ten runs after warming up.
 *
 * <pre>
 * java -cp melt-benchmarks/target/benchmarks.jar dev.melt.benchmarks.EvaluationCpuTime
 * </pre>
 */
public final class EvaluationCpuTime {

    private static final int WARMUP = 5;
    private static final int RUNS = 10;

    private EvaluationCpuTime() {
    }

    /**
     * Runs both orders and both scoring depths.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String order : new String[] {"sorted", "shuffled"}) {
            EvaluationBenchmark benchmark = new EvaluationBenchmark();
            benchmark.order = order;
            benchmark.setUp();
            report(threads, order, "incidentLevel", benchmark::incidentLevel);
            report(threads, order, "allMetrics", benchmark::allMetrics);
        }
    }

    private static void report(ThreadMXBean threads, String order, String name, DoubleSupplier work) {
        double sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += work.getAsDouble();
        }
        long bestCpu = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            sink += work.getAsDouble();
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - cpu);
            bestWall = Math.min(bestWall, System.nanoTime() - wall);
        }
        System.out.printf("%-8s %-13s best thread CPU %4d ms, best wall %4d ms (checksum %.3f)%n", order, name,
                bestCpu / 1_000_000, bestWall / 1_000_000, sink);
    }
}
