package dev.melt.generator.internal.engine;

import dev.melt.generator.Fault;
import dev.melt.generator.FaultKind;
import dev.melt.generator.internal.plan.Plan;
import java.util.List;

/**
 * Which of the chunks before a shard are replayed whole, and which for their metrics alone.
 *
 * <p>A chunk hands state to the chunks after it: cumulative counters, the alert rules' state and
 * the encoders' state come from its metrics, which a replay for the metrics alone gives exactly
 * (the requests are simulated, their spans and logs dropped). Two kinds of state need whole
 * lines: the logs a chunk carries into the next one (a request's last log may fall after the
 * chunk's end), and the telemetry faults that count or hold back lines ({@link FaultKind#MALFORMED},
 * {@link FaultKind#LATE}). So the two chunks just before the shard, and every chunk that overlaps
 * such a fault's window together with the chunk before it, are replayed whole; a chunk replayed
 * for its metrics alone must have no log at or after the shard's start or in a later window of
 * such a fault ({@link #logLimits}), or {@link Missed} says the replay must be redone whole.
 */
public final class ShardReplay {

    /** How many chunks just before a shard are replayed whole, for the logs they carry into it. */
    public static final int WHOLE_BEFORE = 2;

    private ShardReplay() {
    }

    /** A chunk replayed for its metrics alone dropped a log that a chunk replayed whole needs. */
    public static final class Missed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the signal; it has no stack trace, as it is caught right away. */
        public Missed() {
            super("a replayed chunk's log crosses into a chunk replayed whole", null, false, false);
        }
    }

    /**
     * Chooses the chunks replayed whole.
     *
     * @param plan the plan
     * @param faults the dataset's telemetry faults
     * @param first the shard's first chunk
     * @param wholeBefore how many chunks just before the shard are replayed whole, {@link #WHOLE_BEFORE}
     * @return for each chunk before {@code first}, whether it is replayed whole
     */
    public static boolean[] wholeChunks(Plan plan, List<Fault> faults, int first, int wholeBefore) {
        boolean[] whole = new boolean[first];
        for (int c = Math.max(0, first - wholeBefore); c < first; c++) {
            whole[c] = true;
        }
        long start = plan.startMillis();
        long chunk = plan.chunkMillis();
        for (Fault f : faults) {
            if (f.kind() != FaultKind.MALFORMED && f.kind() != FaultKind.LATE) {
                continue;
            }
            int from = (int) Math.max(0, (f.start().toEpochMilli() - start) / chunk - 1);
            long to = Math.min(first, (f.end().toEpochMilli() - start + chunk - 1) / chunk);
            for (int c = from; c < to; c++) {
                whole[c] = true;
            }
        }
        return whole;
    }

    /**
     * For each chunk before the shard, the time its dropped logs must stay below: the shard's
     * start (a log at or after it would be carried into the shard) and the start of any later
     * window of a fault that counts or holds back lines (a log in it would change what the fault
     * does). A dropped log that falls into a later chunk replayed whole, but before both, changes
     * nothing that chunk hands on.
     *
     * @param plan the plan
     * @param faults the dataset's telemetry faults
     * @param first the shard's first chunk
     * @return per chunk, epoch milliseconds
     */
    public static long[] logLimits(Plan plan, List<Fault> faults, int first) {
        long[] limit = new long[first];
        long shardStart = first < plan.chunkCount() ? plan.chunk(first).startMillis() : plan.endMillis();
        for (int c = 0; c < first; c++) {
            long start = plan.chunk(c).startMillis();
            long l = shardStart;
            for (Fault f : faults) {
                long at = f.start().toEpochMilli();
                if ((f.kind() == FaultKind.MALFORMED || f.kind() == FaultKind.LATE) && at >= start) {
                    l = Math.min(l, at);
                }
            }
            limit[c] = l;
        }
        return limit;
    }
}
