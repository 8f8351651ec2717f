package dev.melt.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One telemetry fault of a dataset, as its ground truth records it: what went wrong with the
 * delivery of one host's records in one window. Records a fault touches keep their labels
 * ({@code anomaly}, {@code incident_id}): a fault is about delivery, not about the system.
 *
 * <p>A record is in the fault when it comes from {@link #host()} and its own timestamp (a span's
 * start) lies in {@code [start, end)}, and its file is one of {@link #files()}; see
 * {@link #covers(String, Instant)}.
 *
 * @param id the fault's id, {@code flt-0001} and on, in start order
 * @param kind what went wrong
 * @param service the service of the host
 * @param host the host whose records are affected
 * @param start the first instant of the window (inclusive)
 * @param end the end of the window (exclusive)
 * @param offset how far the host's clock is off for {@link FaultKind#CLOCK_SKEW} (positive: ahead);
 *     {@link Duration#ZERO} for other kinds
 * @param files the files the fault changes, such as {@code logs.jsonl}
 */
public record Fault(String id, FaultKind kind, String service, String host, Instant start, Instant end,
                    Duration offset, List<String> files) {

    /**
     * Creates a fault; the file list is copied.
     *
     * @param id the fault's id
     * @param kind what went wrong
     * @param service the service of the host
     * @param host the host
     * @param start the first instant of the window
     * @param end the end of the window
     * @param offset the clock offset, or zero
     * @param files the files the fault changes
     */
    public Fault {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(offset, "offset");
        files = List.copyOf(files);
    }

    /**
     * Tells whether a record of the given host and timestamp is in this fault's window (its file
     * aside: see {@link #files()}).
     *
     * @param recordHost the host of the record
     * @param at the record's timestamp, in true time (before any clock skew)
     * @return whether the fault applies to it
     */
    public boolean covers(String recordHost, Instant at) {
        return host.equals(recordHost) && !at.isBefore(start) && at.isBefore(end);
    }
}
