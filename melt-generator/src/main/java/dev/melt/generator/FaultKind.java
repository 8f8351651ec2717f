package dev.melt.generator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A telemetry fault: a problem of delivery, not of the system. A spec requests faults with
 * {@link GenerationConfig.Builder#faults}; each requested kind gives one {@link Fault} in the
 * ground truth, on one host for one window. Faults change which bytes reach the files, never the
 * records' labels. See docs/faults.md.
 */
public enum FaultKind {
    /** The host's agent stops reporting: its metric samples and log lines of the window are absent. */
    GAP("gap", List.of(Signal.METRICS, Signal.LOGS)),
    /** Every metric sample and log line of the host in the window is written twice, one after the other. */
    DUPLICATE("duplicate", List.of(Signal.METRICS, Signal.LOGS)),
    /**
     * Every log line of the host in the window is made invalid JSON: alternately cut to half its
     * length, as by a partial write, and garbled (the colon after its first key becomes {@code =}).
     */
    MALFORMED("malformed", List.of(Signal.LOGS)),
    /**
     * The host's metric samples and log lines of the window arrive late: they are written after
     * every line of the chunk in which the window ends, so they are out of order.
     */
    LATE("late", List.of(Signal.METRICS, Signal.LOGS)),
    /** The host's clock is off: its metric, log and span timestamps in the window are shifted by the fault's offset. */
    CLOCK_SKEW("clock_skew", List.of(Signal.METRICS, Signal.LOGS, Signal.TRACES)),
    /**
     * The host's spans of the window are dropped; the spans they parented, on other hosts, keep
     * their {@code parent_span_id}: broken parent links.
     */
    DROPPED_SPANS("dropped_spans", List.of(Signal.TRACES));

    private final String id;
    private final List<Signal> signals;

    FaultKind(String id, List<Signal> signals) {
        this.id = id;
        this.signals = signals;
    }

    /**
     * Returns the kind's name as the CLI, spec files and the ground truth write it.
     *
     * @return for example {@code clock_skew}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the signals whose files this kind of fault changes.
     *
     * @return the signals, in file order
     */
    public List<Signal> signals() {
        return signals;
    }

    /**
     * Parses one fault name, ignoring case; {@code -} may stand for {@code _}.
     *
     * @param name for example {@code gap} or {@code clock-skew}
     * @return the kind
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static FaultKind parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (FaultKind k : values()) {
            if (k.id.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("fault: '" + name + "' is not accepted; expected " + accepted());
    }

    /**
     * Parses a comma-separated list of fault names, such as {@code gap,duplicate}.
     *
     * @param list the names
     * @return the kinds, at least one
     * @throws IllegalArgumentException naming the bad value and the accepted names
     */
    public static Set<FaultKind> parseList(String list) {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String part : (list == null ? "" : list).split(",", -1)) {
            kinds.add(parse(part));
        }
        return kinds;
    }

    /** @return the accepted names, for error messages */
    static String accepted() {
        List<String> names = new ArrayList<>();
        for (FaultKind k : values()) {
            names.add(k.id);
        }
        return "one or more of " + String.join(", ", names) + ", comma-separated";
    }
}
