package dev.melt.generator.internal.fault;

import dev.melt.generator.Fault;
import dev.melt.generator.FaultKind;
import dev.melt.generator.Signal;
import dev.melt.generator.internal.encode.JsonBuffer;
import dev.melt.generator.internal.engine.Chunk;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a dataset's telemetry faults to the encoded lines of each chunk, on the writer thread,
 * which sees the chunks in order: the result depends on the lines and the faults only, never on
 * the thread count. Lines are matched by their {@code host} field and their own timestamp
 * ({@code timestamp}, or a span's {@code start_time}); lines of other hosts and times are copied
 * unchanged. Not thread-safe: one injector per run.
 */
public final class FaultInjector {

    private static final byte[] HOST = ascii("\"host\":\"");
    private static final byte[] TIMESTAMP = ascii("\"timestamp\":\"");
    private static final byte[] START_TIME = ascii("\"start_time\":\"");
    private static final byte[] COLON = ascii("\":");

    private final List<Fault> faults;
    private final byte[][] hosts;
    private final long[] starts;
    private final long[] ends;
    /** Lines a {@link FaultKind#LATE} fault holds back, per fault and signal; released once. */
    private final List<Map<Signal, JsonBuffer>> held = new ArrayList<>();
    private final long[][] heldRecords;
    private final boolean[][] released;
    /** Lines each fault has made malformed so far: they alternate between cut and garbled. */
    private final long[] malformed;
    private final Map<Signal, JsonBuffer> outputs = new EnumMap<>(Signal.class);
    private long records;

    /**
     * Creates an injector.
     *
     * @param faults the dataset's faults
     */
    public FaultInjector(List<Fault> faults) {
        this.faults = List.copyOf(faults);
        int n = this.faults.size();
        hosts = new byte[n][];
        starts = new long[n];
        ends = new long[n];
        heldRecords = new long[n][Signal.values().length];
        released = new boolean[n][Signal.values().length];
        malformed = new long[n];
        for (int i = 0; i < n; i++) {
            Fault f = this.faults.get(i);
            hosts[i] = f.host().getBytes(StandardCharsets.UTF_8);
            starts[i] = f.start().toEpochMilli();
            ends[i] = f.end().toEpochMilli();
            held.add(new EnumMap<>(Signal.class));
        }
    }

    /**
     * Tells whether any fault changes a signal's file.
     *
     * @param signal the signal
     * @return whether {@link #apply} may change its lines
     */
    public boolean affects(Signal signal) {
        for (Fault f : faults) {
            if (f.kind().signals().contains(signal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies the faults to one chunk's lines of one signal. Lines a late fault holds back are
     * appended after the lines of the first chunk that starts at or after its window's end (or of
     * the last chunk).
     *
     * @param chunk the chunk
     * @param last whether it is the plan's last chunk
     * @param signal the signal
     * @param lines the chunk's encoded lines of that signal
     * @return the lines to write, in a buffer this injector reuses; {@link #records()} counts them
     */
    public JsonBuffer apply(Chunk chunk, boolean last, Signal signal, JsonBuffer lines) {
        JsonBuffer out = outputs.computeIfAbsent(signal, s -> new JsonBuffer(Math.max(1024, lines.size())));
        out.reset();
        records = 0;
        byte[] a = lines.array();
        int n = lines.size();
        for (int p = 0; p < n; ) {
            int e = p;
            while (e < n && a[e] != '\n') {
                e++;
            }
            int end = Math.min(e + 1, n);
            line(signal, a, p, end, out);
            p = end;
        }
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i).kind() == FaultKind.LATE && !released[i][signal.ordinal()]
                    && (last || chunk.startMillis() >= ends[i])) {
                JsonBuffer h = held.get(i).remove(signal);
                if (h != null) {
                    out.raw(h.array(), 0, h.size());
                    records += heldRecords[i][signal.ordinal()];
                }
                released[i][signal.ordinal()] = true;
            }
        }
        return out;
    }

    /** @return how many lines the last {@link #apply} returned */
    public long records() {
        return records;
    }

    private void line(Signal signal, byte[] a, int from, int to, JsonBuffer out) {
        int fault = match(signal, a, from, to);
        if (fault < 0) {
            out.raw(a, from, to - from);
            records++;
            return;
        }
        Fault f = faults.get(fault);
        switch (f.kind()) {
            case GAP, DROPPED_SPANS -> {
                // Absent.
            }
            case DUPLICATE -> {
                out.raw(a, from, to - from).raw(a, from, to - from);
                records += 2;
            }
            case MALFORMED -> {
                int content = a[to - 1] == '\n' ? to - 1 - from : to - from;
                if (malformed[fault]++ % 2 == 0) {
                    // Truncated, as by a partial write.
                    out.raw(a, from, Math.max(1, content / 2)).raw('\n');
                } else {
                    // Garbled: the colon after the first key becomes '=', as by a corrupted byte.
                    int start = out.size();
                    out.raw(a, from, to - from);
                    int colon = indexOf(a, from, to, COLON);
                    if (colon >= 0) {
                        out.array()[start + colon - from + 1] = '=';
                    }
                }
                records++;
            }
            case LATE -> {
                if (released[fault][signal.ordinal()]) {
                    // Already released: a line carried past the release is late enough as it is.
                    out.raw(a, from, to - from);
                    records++;
                    return;
                }
                held.get(fault).computeIfAbsent(signal, s -> new JsonBuffer(4096)).raw(a, from, to - from);
                heldRecords[fault][signal.ordinal()]++;
            }
            case CLOCK_SKEW -> {
                int start = out.size();
                out.raw(a, from, to - from);
                int at = start + timestampAt(signal, a, from, to) - from;
                shift(out.array(), at, f.offset().toMillis());
                records++;
            }
            default -> throw new IllegalStateException("fault kind " + f.kind());
        }
    }

    /** Returns the first fault that covers the line, or -1. */
    private int match(Signal signal, byte[] a, int from, int to) {
        int h = indexOf(a, from, to, HOST);
        if (h < 0) {
            return -1;
        }
        h += HOST.length;
        long millis = Long.MIN_VALUE;
        for (int i = 0; i < faults.size(); i++) {
            if (!faults.get(i).kind().signals().contains(signal) || !hostIs(a, h, to, hosts[i])) {
                continue;
            }
            if (millis == Long.MIN_VALUE) {
                int t = timestampAt(signal, a, from, to);
                if (t < 0) {
                    return -1;
                }
                millis = millis(a, t);
            }
            if (millis >= starts[i] && millis < ends[i]) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hostIs(byte[] a, int at, int to, byte[] host) {
        if (at + host.length >= to || a[at + host.length] != '"') {
            return false;
        }
        for (int i = 0; i < host.length; i++) {
            if (a[at + i] != host[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index of the first digit of the line's timestamp, or -1. */
    private static int timestampAt(Signal signal, byte[] a, int from, int to) {
        byte[] key = signal == Signal.TRACES ? START_TIME : TIMESTAMP;
        int i = indexOf(a, from, to, key);
        return i < 0 ? -1 : i + key.length;
    }

    private static int indexOf(byte[] a, int from, int to, byte[] key) {
        outer:
        for (int i = from; i <= to - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (a[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads {@code yyyy-MM-ddTHH:mm:ss.SSS} at {@code at} as epoch milliseconds. */
    static long millis(byte[] a, int at) {
        long day = LocalDate.of(digits(a, at, 4), digits(a, at + 5, 2), digits(a, at + 8, 2)).toEpochDay();
        long seconds = day * 86_400L + digits(a, at + 11, 2) * 3600L + digits(a, at + 14, 2) * 60L
                + digits(a, at + 17, 2);
        return seconds * 1000L + digits(a, at + 20, 3);
    }

    /**
     * Rewrites the timestamp at {@code at} in place, shifted by {@code offsetMillis}; its
     * sub-millisecond digits, when it has them, stay. Every timestamp of a dataset has a
     * four-digit year, so the width does not change.
     */
    static void shift(byte[] a, int at, long offsetMillis) {
        long t = millis(a, at) + offsetMillis;
        LocalDateTime d = LocalDateTime.ofEpochSecond(Math.floorDiv(t, 1000L), 0, ZoneOffset.UTC);
        put(a, at, 4, d.getYear());
        put(a, at + 5, 2, d.getMonthValue());
        put(a, at + 8, 2, d.getDayOfMonth());
        put(a, at + 11, 2, d.getHour());
        put(a, at + 14, 2, d.getMinute());
        put(a, at + 17, 2, d.getSecond());
        put(a, at + 20, 3, (int) Math.floorMod(t, 1000L));
    }

    private static int digits(byte[] a, int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v * 10 + (a[at + i] - '0');
        }
        return v;
    }

    private static void put(byte[] a, int at, int n, int value) {
        for (int i = n - 1; i >= 0; i--) {
            a[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
