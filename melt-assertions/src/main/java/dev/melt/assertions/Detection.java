package dev.melt.assertions;

import dev.melt.assertions.internal.EpochNanos;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.Signal;
import dev.melt.generator.TelemetryRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a detector reports: a time window in which it believes something is wrong, optionally
 * the service (and host, signal or metric) it blames, and optionally a score.
 *
 * <p>A window is half-open, {@code [start, end)}, like the windows of the ground truth. A point
 * detection is a window of zero length ({@code start == end}) and stands for the instant
 * {@code start} itself. Detections are immutable; the {@code on…} and {@code with…} methods
 * return a copy:
 *
 * <pre>{@code
 * Detection.at(Instant.parse("2024-01-01T00:05:00Z"))
 * Detection.between(from, to).on("payment").onHost("payment-2").withScore(0.93)
 * Detection.of(record)   // a flagged record: its time, service, host and signal
 * Detection.at(instant).ofType(AnomalyType.CPU_SPIKE)   // names the type it believes it saw
 * }</pre>
 *
 * <p>A detection that names a service only matches incidents that affect that service; one that
 * names no service matches an incident on any service. A named host must match the affected
 * host when the incident is limited to one host.
 */
public final class Detection {

    // epoch nanos rather than Instants: scoring reads a million of these, one object each is faster
    private final long start;
    private final long end;
    private final String service;
    private final String host;
    private final Signal signal;
    private final String metric;
    private final double score;
    private final AnomalyType type;

    private Detection(long start, long end, String service, String host, Signal signal, String metric,
                      double score) {
        this(start, end, service, host, signal, metric, score, null);
    }

    private Detection(long start, long end, String service, String host, Signal signal, String metric,
                      double score, AnomalyType type) {
        this.start = start;
        this.end = end;
        this.service = service;
        this.host = host;
        this.signal = signal;
        this.metric = metric;
        this.score = score;
        this.type = type;
    }

    /**
     * Creates a point detection at one instant.
     *
     * @param instant when the detector fired
     * @return a detection of zero length at {@code instant}, blaming no service
     */
    public static Detection at(Instant instant) {
        long at = nanos("instant", instant);
        return new Detection(at, at, null, null, null, null, Double.NaN);
    }

    /**
     * Creates a detection over a window.
     *
     * @param start the first instant of the window (inclusive)
     * @param end the end of the window (exclusive); equal to {@code start} for a point
     * @return a detection over {@code [start, end)}, blaming no service
     * @throws IllegalArgumentException when {@code end} is before {@code start}
     */
    public static Detection between(Instant start, Instant end) {
        long from = nanos("start", start);
        long to = nanos("end", end);
        if (to < from) {
            throw new IllegalArgumentException("detection end: " + end + " is not accepted; expected an instant at or after start "
                    + start);
        }
        return new Detection(from, to, null, null, null, null, Double.NaN);
    }

    /**
     * Creates a point detection from a record a detector flagged: at the record's timestamp, on
     * its service and host, from its signal, and for a metric sample on its metric name.
     *
     * @param record the flagged record
     * @return a detection that blames what the record is about
     */
    public static Detection of(TelemetryRecord record) {
        Objects.requireNonNull(record, "record");
        String metric = record instanceof MetricRecord m ? m.metricName() : null;
        long at = nanos("record timestamp", record.timestamp());
        return new Detection(at, at, record.service(), record.host(), record.signal(), metric, Double.NaN);
    }

    /**
     * Returns a copy that blames a service.
     *
     * @param serviceName the service the detector blames
     * @return the copy
     */
    public Detection on(String serviceName) {
        return new Detection(start, end, Objects.requireNonNull(serviceName, "service"), host, signal, metric, score, type);
    }

    /**
     * Returns a copy that blames a host.
     *
     * @param hostName the host the detector blames
     * @return the copy
     */
    public Detection onHost(String hostName) {
        return new Detection(start, end, service, Objects.requireNonNull(hostName, "host"), signal, metric, score, type);
    }

    /**
     * Returns a copy that records the signal the detector watched. Informational: it does not
     * change how the detection is matched.
     *
     * @param watched the signal
     * @return the copy
     */
    public Detection onSignal(Signal watched) {
        return new Detection(start, end, service, host, Objects.requireNonNull(watched, "signal"), metric, score, type);
    }

    /**
     * Returns a copy that records the metric the detector watched. Informational: it does not
     * change how the detection is matched.
     *
     * @param metricName the metric, for example {@code cpu_usage}
     * @return the copy
     */
    public Detection onMetric(String metricName) {
        return new Detection(start, end, service, host, signal, Objects.requireNonNull(metricName, "metric"), score, type);
    }

    /**
     * Returns a copy with an anomaly score.
     *
     * @param anomalyScore the detector's score, a finite number
     * @return the copy
     * @throws IllegalArgumentException when the score is NaN or infinite
     */
    public Detection withScore(double anomalyScore) {
        if (!Double.isFinite(anomalyScore)) {
            throw new IllegalArgumentException("detection score: " + anomalyScore
                    + " is not accepted; expected a finite number");
        }
        return new Detection(start, end, service, host, signal, metric, anomalyScore, type);
    }

    /**
     * Returns a copy that names the incident type the detector believes it saw. It does not change
     * how the detection is matched; it only says which type a false alarm is charged to in
     * {@link Evaluation#byType()}: a detection that matches no incident counts as a false alarm
     * of the type it names, and of no type when it names none.
     *
     * @param anomalyType the type the detector reports
     * @return the copy
     */
    public Detection ofType(AnomalyType anomalyType) {
        return new Detection(start, end, service, host, signal, metric, score,
                Objects.requireNonNull(anomalyType, "type"));
    }

    private static long nanos(String name, Instant instant) {
        Objects.requireNonNull(instant, name);
        try {
            return EpochNanos.of(instant);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("detection " + name + ": " + instant
                    + " is not accepted; expected an instant between 1677-09-22 and 2262-04-11", e);
        }
    }

    /** @return the first instant of the window (inclusive) */
    public Instant start() {
        return EpochNanos.toInstant(start);
    }

    /** @return the end of the window (exclusive); equal to {@link #start()} for a point */
    public Instant end() {
        return EpochNanos.toInstant(end);
    }

    /**
     * Returns the start as a number, which is what scoring sorts and sweeps on.
     *
     * @return nanoseconds from the epoch to {@link #start()}
     */
    public long startEpochNanos() {
        return start;
    }

    /**
     * Returns the end as a number.
     *
     * @return nanoseconds from the epoch to {@link #end()}
     */
    public long endEpochNanos() {
        return end;
    }

    /** @return {@code true} when the detection is a point (a window of zero length) */
    public boolean isPoint() {
        return start == end;
    }

    /** @return the blamed service, or {@code null} when the detection blames none */
    public String service() {
        return service;
    }

    /** @return the blamed host, or {@code null} when the detection blames none */
    public String host() {
        return host;
    }

    /** @return the watched signal, or {@code null} when not given */
    public Signal signal() {
        return signal;
    }

    /** @return the watched metric, or {@code null} when not given */
    public String metric() {
        return metric;
    }

    /** @return the incident type the detector named, or {@code null} when not given */
    public AnomalyType type() {
        return type;
    }

    /** @return the anomaly score, or empty when not given */
    public OptionalDouble score() {
        return Double.isNaN(score) ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    /** The score, NaN when not given, without an Optional: scoring reads a million of these. */
    double scoreOrNaN() {
        return score;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Detection d && start == d.start && end == d.end
                && Objects.equals(service, d.service) && Objects.equals(host, d.host) && signal == d.signal
                && Objects.equals(metric, d.metric) && Double.compare(score, d.score) == 0 && type == d.type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end, service, host, signal, metric, score, type);
    }

    /**
     * Describes the detection the way failure messages show it, for example
     * {@code 2024-01-01T00:05:00Z on payment} or
     * {@code [2024-01-01T00:05:00Z, 2024-01-01T00:06:00Z) on payment (host payment-2)}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (isPoint()) {
            text.append(start());
        } else {
            text.append('[').append(start()).append(", ").append(end()).append(')');
        }
        text.append(service == null ? " on any service" : " on " + service);
        if (host != null) {
            text.append(" (host ").append(host).append(')');
        }
        if (metric != null) {
            text.append(" metric ").append(metric);
        } else if (signal != null) {
            text.append(" from ").append(signal.name().toLowerCase(Locale.ROOT));
        }
        if (type != null) {
            text.append(" as ").append(type.id());
        }
        if (!Double.isNaN(score)) {
            text.append(" score ").append(score);
        }
        return text.toString();
    }
}
