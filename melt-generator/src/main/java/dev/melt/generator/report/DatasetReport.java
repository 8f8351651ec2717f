package dev.melt.generator.report;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.MeltData;
import dev.melt.generator.internal.report.ReportRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A self-contained HTML report of a dataset and, optionally, of a detector's detections: per
 * incident the affected services' key series (request rate, error rate, latency quantiles, CPU,
 * memory) with the incident and cascade windows shaded and the detections marked; missed
 * incidents and false alarms listed and linked; a fleet overview with the call graph; the
 * incident table and the per-signal counts. Charts are inline SVG, so the file opens without
 * network access or scripts.
 *
 * <pre>{@code
 * DatasetReport.builder(MeltData.open(dir))
 *         .detection(new ReportDetection(at, at, "payment", 0.9))
 *         .build()
 *         .writeTo(Path.of("report.html"));
 * }</pre>
 *
 * <p>Series are averaged into at most {@link Builder#maxPoints(int)} buckets per chart, so the
 * file stays small whatever the dataset's size; windows and detections are drawn at their exact
 * instants. Unless told otherwise ({@link Builder#missedIncidents}, {@link Builder#falseAlarms}),
 * an incident is missed when no detection overlaps an affected window of it, and a detection is a
 * false alarm when it overlaps no affected window.
 */
public final class DatasetReport {

    private final String html;

    private DatasetReport(String html) {
        this.html = html;
    }

    /**
     * Starts a report of a dataset, with its series.
     *
     * @param data the dataset
     * @return a builder
     */
    public static Builder builder(MeltData data) {
        return new Builder(Objects.requireNonNull(data, "data"), data.groundTruth());
    }

    /**
     * Starts a report of a ground truth alone: windows and detections, no series.
     *
     * @param truth the ground truth
     * @return a builder
     */
    public static Builder builder(GroundTruth truth) {
        return new Builder(null, Objects.requireNonNull(truth, "truth"));
    }

    /** @return the HTML document */
    public String html() {
        return html;
    }

    /**
     * Writes the report to a temporary file beside {@code file} and moves it into place, so a
     * failure never leaves a half-written report.
     *
     * @param file the HTML file to write
     * @throws IOException when it cannot be written
     */
    public void writeTo(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            // a temporary file is private to its owner; a report is meant to be read by others
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Collects what a report shows. */
    public static final class Builder {
        private final MeltData data;
        private final GroundTruth truth;
        private final List<ReportDetection> detections = new ArrayList<>();
        private Set<String> missed;
        private List<ReportDetection> falseAlarms;
        private String title = "melt report";
        private int maxPoints = 240;

        private Builder(MeltData data, GroundTruth truth) {
            this.data = data;
            this.truth = truth;
        }

        /**
         * Adds a detection to draw.
         *
         * @param detection the detection
         * @return this builder
         */
        public Builder detection(ReportDetection detection) {
            detections.add(Objects.requireNonNull(detection, "detection"));
            return this;
        }

        /**
         * Adds detections to draw.
         *
         * @param all the detections
         * @return this builder
         */
        public Builder detections(Collection<ReportDetection> all) {
            all.forEach(this::detection);
            return this;
        }

        /**
         * Names the missed incidents, as a scorer decided, instead of the overlap rule.
         *
         * @param incidentIds ids of the missed incidents
         * @return this builder
         */
        public Builder missedIncidents(Collection<String> incidentIds) {
            this.missed = new LinkedHashSet<>(incidentIds);
            return this;
        }

        /**
         * Names the false alarms, as a scorer decided, instead of the overlap rule.
         *
         * @param alarms the detections that are false alarms
         * @return this builder
         */
        public Builder falseAlarms(Collection<ReportDetection> alarms) {
            this.falseAlarms = List.copyOf(alarms);
            return this;
        }

        /**
         * Sets the page title.
         *
         * @param value the title
         * @return this builder
         */
        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * Sets how many points a chart's series has at most (default 240).
         *
         * @param value at least 10
         * @return this builder
         */
        public Builder maxPoints(int value) {
            if (value < 10) {
                throw new IllegalArgumentException("maxPoints must be at least 10, was " + value);
            }
            this.maxPoints = value;
            return this;
        }

        /**
         * Reads the series (one pass over {@code metrics.jsonl}) and renders the report.
         *
         * @return the report
         * @throws java.io.UncheckedIOException when the metrics file cannot be read
         */
        public DatasetReport build() {
            return new DatasetReport(new ReportRenderer(data, truth, detections, missed, falseAlarms, title,
                    maxPoints).render());
        }
    }
}
