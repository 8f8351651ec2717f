package dev.melt.assertions;

import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The scores of a detector over many datasets, gathered per cell: a cell is an incident type and
 * a difficulty, a label of your own (a detector's name), or both. Each dataset adds one run to a
 * cell; a cell gives the mean and the spread of every score over its runs, and the card gives a
 * Markdown or CSV table of every cell:
 *
 * <pre>{@code
 * static final Scorecard CARD = Scorecard.create();
 *
 * @ParameterizedTest
 * @MeltDatasets(seeds = {1, 2}, anomalies = {CPU_SPIKE, ERROR_BURST}, difficulties = {NORMAL, SUBTLE}, size = "2MB")
 * void score(MeltData data, AnomalyType type, Difficulty difficulty, long seed) {
 *     CARD.add(type, difficulty, seed, Evaluation.of(detector.detect(data), data.groundTruth()));
 * }
 *
 * @AfterAll
 * static void check(TestReporter reporter) {
 *     CARD.publish(reporter::publishEntry);   // the table as the report entry melt.scorecard
 *     assertThat(CARD).cell(CPU_SPIKE, SUBTLE).hasMeanRecallAtLeast(0.6);   // MeltAssertions.assertThat
 * }
 * }</pre>
 *
 * <h2>What a cell reports</h2>
 * <ul>
 *   <li><b>Recall, detected incidents, detection delay</b>: of the cell's incident type only
 *       ({@link Evaluation#forType(AnomalyType)}); of every incident for a cell without a type.
 *       The recall's mean and spread are over the runs that hold incidents of the type.</li>
 *   <li><b>Precision and false alarms per hour</b>: the detector's, over each whole dataset
 *       ({@link Evaluation#precision()}, {@link Evaluation#falseAlarmsPerHour()}; precision over
 *       the runs in which the detector reported something); they are never
 *       split by type, since a false alarm belongs to no incident. A dataset added to the cells
 *       of several types ({@link #addEachType(Difficulty, long, Evaluation)}) brings the same
 *       precision to each of them.</li>
 *   <li><b>F1</b>: per run, the harmonic mean of the dataset's precision (the zero division
 *       when the detector was silent) and the type's recall.</li>
 * </ul>
 * The spread is the sample standard deviation (0 for a single run). A seed may be added once per
 * cell. The card is thread-safe, so parallel invocations may add to one card.
 */
public final class Scorecard {

    /** The key of the report entry {@link #publish(BiConsumer)} publishes. */
    public static final String REPORT_ENTRY_KEY = "melt.scorecard";

    private static final Comparator<Key> ORDER = Comparator
            .comparing((Key k) -> k.label == null ? "" : k.label)
            .thenComparing(k -> k.type == null ? -1 : k.type.ordinal())
            .thenComparing(k -> k.difficulty == null ? -1 : k.difficulty.ordinal());

    private final Map<Key, List<Run>> cells = new TreeMap<>(ORDER);

    private Scorecard() {
    }

    /** @return an empty scorecard */
    public static Scorecard create() {
        return new Scorecard();
    }

    /**
     * Adds a run to the cell of an incident type and a difficulty.
     *
     * @param type the incident type the dataset was generated with
     * @param difficulty the difficulty the dataset was generated with
     * @param seed the dataset's seed
     * @param evaluation the detector's evaluation on the dataset
     * @return this scorecard
     * @throws IllegalArgumentException when the cell already has a run of that seed
     */
    public Scorecard add(AnomalyType type, Difficulty difficulty, long seed, Evaluation evaluation) {
        return put(new Key(null, Objects.requireNonNull(type, "type"), Objects.requireNonNull(difficulty, "difficulty")),
                seed, evaluation);
    }

    /**
     * Adds a run to the cell of a label (a detector's name, say), an incident type and a difficulty.
     *
     * @param label the label, not blank
     * @param type the incident type
     * @param difficulty the difficulty
     * @param seed the dataset's seed
     * @param evaluation the evaluation
     * @return this scorecard
     * @throws IllegalArgumentException when the label is blank or the cell already has that seed
     */
    public Scorecard add(String label, AnomalyType type, Difficulty difficulty, long seed, Evaluation evaluation) {
        return put(new Key(label(label), Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(difficulty, "difficulty")), seed, evaluation);
    }

    /**
     * Adds a run to the cell of a label alone; the cell scores every incident of the dataset, or
     * none (a quiet dataset, for its false alarms).
     *
     * @param label the label, not blank
     * @param seed the dataset's seed
     * @param evaluation the evaluation
     * @return this scorecard
     * @throws IllegalArgumentException when the label is blank or the cell already has that seed
     */
    public Scorecard add(String label, long seed, Evaluation evaluation) {
        return put(new Key(label(label), null, null), seed, evaluation);
    }

    /**
     * Adds a dataset with several incident types: one run to the cell of each type it holds.
     *
     * @param difficulty the difficulty the dataset was generated with
     * @param seed the dataset's seed
     * @param evaluation the evaluation
     * @return this scorecard
     * @throws IllegalArgumentException when the dataset has no incident, or a cell already has that seed
     */
    public Scorecard addEachType(Difficulty difficulty, long seed, Evaluation evaluation) {
        return addEachType(null, difficulty, seed, evaluation);
    }

    /**
     * Adds a dataset with several incident types under a label: one run to the cell of the label,
     * each type it holds and the difficulty.
     *
     * @param label the label, not blank
     * @param difficulty the difficulty
     * @param seed the dataset's seed
     * @param evaluation the evaluation
     * @return this scorecard
     * @throws IllegalArgumentException when the dataset has no incident, or a cell already has that seed
     */
    public Scorecard addEachType(String label, Difficulty difficulty, long seed, Evaluation evaluation) {
        Objects.requireNonNull(difficulty, "difficulty");
        Objects.requireNonNull(evaluation, "evaluation");
        String checked = label == null ? null : label(label);
        if (evaluation.byType().isEmpty()) {
            throw new IllegalArgumentException("evaluation: a dataset without incidents is not accepted by addEachType;"
                    + " expected incidents, or add(label, seed, evaluation) for a quiet dataset");
        }
        for (AnomalyType type : evaluation.byType().keySet()) {
            put(new Key(checked, type, difficulty), seed, evaluation);
        }
        return this;
    }

    private Scorecard put(Key key, long seed, Evaluation evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        // Scored outside the lock: parallel invocations add to one card without waiting on each other.
        Run added = new Run(seed, evaluation, key.type == null ? evaluation : evaluation.forType(key.type));
        synchronized (this) {
            List<Run> runs = cells.computeIfAbsent(key, k -> new ArrayList<>());
            for (Run run : runs) {
                if (run.seed == seed) {
                    throw new IllegalArgumentException("seed: " + seed + " is not accepted; cell " + key.name()
                            + " already has a run of that seed (expected each seed once per cell)");
                }
            }
            runs.add(added);
        }
        return this;
    }

    private static String label(String label) {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label: '" + label + "' is not accepted; expected a non-blank name");
        }
        return label.strip();
    }

    /** @return every cell, ordered by label, incident type and difficulty */
    public synchronized List<Cell> cells() {
        List<Cell> result = new ArrayList<>();
        cells.forEach((key, runs) -> result.add(new Cell(key, List.copyOf(runs))));
        return Collections.unmodifiableList(result);
    }

    /**
     * @param type the incident type
     * @param difficulty the difficulty
     * @return the cell without a label of that type and difficulty, or empty when nothing was added to it
     */
    public Optional<Cell> cell(AnomalyType type, Difficulty difficulty) {
        return find(new Key(null, type, difficulty));
    }

    /**
     * @param label the label
     * @param type the incident type
     * @param difficulty the difficulty
     * @return the cell, or empty when nothing was added to it
     */
    public Optional<Cell> cell(String label, AnomalyType type, Difficulty difficulty) {
        return find(new Key(label, type, difficulty));
    }

    /**
     * @param label the label
     * @return the cell of the label alone, or empty when nothing was added to it
     */
    public Optional<Cell> cell(String label) {
        return find(new Key(label, null, null));
    }

    private synchronized Optional<Cell> find(Key key) {
        List<Run> runs = cells.get(key);
        return runs == null ? Optional.empty() : Optional.of(new Cell(key, List.copyOf(runs)));
    }

    /**
     * Returns the table as Markdown: one row per cell, the label, type and difficulty columns
     * only when some cell has one, and every score as {@code mean ± spread}; {@code -} where a
     * cell has nothing to score.
     *
     * <pre>
     * | type | difficulty | runs | incidents | detected | recall | precision | F1 | false alarms/h | mean delay |
     * |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
     * | cpu_spike | subtle | 2 | 4 | 3 | 0.75 ± 0.35 | 0.60 ± 0.14 | 0.65 ± 0.21 | 1.50 ± 0.71 | 42 s |
     * </pre>
     *
     * @return the table, one line per row, ending with a line break
     */
    public String toMarkdown() {
        List<Cell> all = cells();
        List<String> header = new ArrayList<>(keyColumns(all));
        header.addAll(List.of("runs", "incidents", "detected", "recall", "precision", "F1", "false alarms/h",
                "mean delay"));
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            out.append(c < header.size() - 8 ? "---|" : "---:|");
        }
        out.append('\n');
        for (Cell cell : all) {
            List<String> row = keyValues(cell, all);
            row.add(Integer.toString(cell.runs()));
            row.add(Integer.toString(cell.incidents()));
            row.add(Integer.toString(cell.detected()));
            row.add(cell.recall().toString());
            row.add(cell.precision().toString());
            row.add(cell.f1().toString());
            row.add(cell.falseAlarmsPerHour().toString());
            row.add(cell.meanDetectionDelay().map(d -> Math.round(d.toMillis() / 1000.0) + " s").orElse("-"));
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /**
     * Returns the table as CSV (RFC 4180, comma-separated, a header line): the key columns as in
     * {@link #toMarkdown()}, then {@code runs, incidents, detected}, the mean and the standard
     * deviation of recall, precision, F1 and false alarms per hour, and the mean detection delay
     * in seconds; an empty field where a cell has nothing to score.
     *
     * @return the table, one line per row, ending with a line break
     */
    public String toCsv() {
        List<Cell> all = cells();
        List<String> header = new ArrayList<>(keyColumns(all));
        header.addAll(List.of("runs", "incidents", "detected", "recall_mean", "recall_sd", "precision_mean",
                "precision_sd", "f1_mean", "f1_sd", "false_alarms_per_hour_mean", "false_alarms_per_hour_sd",
                "mean_delay_seconds"));
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Cell cell : all) {
            List<String> row = new ArrayList<>();
            for (String value : keyValues(cell, all)) {
                row.add(value.isEmpty() || value.matches("[^,\"\\r\\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"');
            }
            row.add(Integer.toString(cell.runs()));
            row.add(Integer.toString(cell.incidents()));
            row.add(Integer.toString(cell.detected()));
            for (Spread spread : List.of(cell.recall(), cell.precision(), cell.f1(), cell.falseAlarmsPerHour())) {
                row.add(spread.count() == 0 ? "" : csvNumber(spread.mean()));
                row.add(spread.count() == 0 ? "" : csvNumber(spread.standardDeviation()));
            }
            row.add(cell.meanDetectionDelay().map(d -> csvNumber(d.toNanos() / 1e9)).orElse(""));
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString();
    }

    private static String csvNumber(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static List<String> keyColumns(List<Cell> all) {
        List<String> columns = new ArrayList<>();
        if (all.stream().anyMatch(c -> c.key.label != null)) {
            columns.add("label");
        }
        if (all.stream().anyMatch(c -> c.key.type != null)) {
            columns.add("type");
        }
        if (all.stream().anyMatch(c -> c.key.difficulty != null)) {
            columns.add("difficulty");
        }
        return columns;
    }

    private static List<String> keyValues(Cell cell, List<Cell> all) {
        List<String> values = new ArrayList<>();
        for (String column : keyColumns(all)) {
            switch (column) {
                case "label" -> values.add(cell.key.label == null ? "" : cell.key.label);
                case "type" -> values.add(cell.key.type == null ? "" : cell.key.type.id());
                default -> values.add(cell.key.difficulty == null ? ""
                        : cell.key.difficulty.name().toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    /**
     * Publishes the Markdown table as one report entry, key {@value #REPORT_ENTRY_KEY}; in JUnit,
     * {@code card.publish(testReporter::publishEntry)} or
     * {@code card.publish(extensionContext::publishReportEntry)}.
     *
     * @param reporter what publishes a key and a value
     */
    public void publish(BiConsumer<String, String> reporter) {
        Objects.requireNonNull(reporter, "reporter").accept(REPORT_ENTRY_KEY, toMarkdown());
    }

    /**
     * Writes the table to a file: CSV when the name ends with {@code .csv}, Markdown otherwise.
     * It is written to a temporary file beside it and moved into place; missing parent
     * directories are created.
     *
     * @param file the file to write
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        String text = absolute.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? toCsv() : toMarkdown();
        Path temporary = Files.createTempFile(absolute.getParent(), ".scorecard", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    /** @return the Markdown table */
    @Override
    public String toString() {
        return toMarkdown();
    }

    /** A cell's key: any of label, type and difficulty may be absent. */
    private record Key(String label, AnomalyType type, Difficulty difficulty) {

        String name() {
            List<String> parts = new ArrayList<>();
            if (label != null) {
                parts.add(label);
            }
            if (type != null) {
                parts.add(type.id());
            }
            if (difficulty != null) {
                parts.add(difficulty.name().toLowerCase(Locale.ROOT));
            }
            return String.join(" / ", parts);
        }
    }

    /** One dataset in a cell: the whole evaluation, and the part of the cell's type. */
    private record Run(long seed, Evaluation whole, Evaluation ofType) {
    }

    /**
     * The mean and spread of one score over a cell's runs.
     *
     * @param count the number of runs that have the score (recall needs incidents)
     * @param mean the mean, NaN when {@code count} is 0
     * @param standardDeviation the sample standard deviation, 0 for one run, NaN for none
     * @param min the lowest value, NaN for none
     * @param max the highest value, NaN for none
     */
    public record Spread(int count, double mean, double standardDeviation, double min, double max) {

        static Spread of(double[] values) {
            int n = values.length;
            if (n == 0) {
                return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / n;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Spread(n, mean, n == 1 ? 0.0 : Math.sqrt(squares / (n - 1)), min, max);
        }

        /** @return {@code mean ± sd} with two decimals, or {@code -} when no run has the score */
        @Override
        public String toString() {
            return count == 0 ? "-" : String.format(Locale.ROOT, "%.2f ± %.2f", mean, standardDeviation);
        }
    }

    /** One cell of the card: its key and the runs added to it. Immutable: a snapshot of the cell. */
    public static final class Cell {

        private final Key key;
        private final List<Run> runs;

        private Cell(Key key, List<Run> runs) {
            this.key = key;
            this.runs = runs;
        }

        /** @return the label, or empty for a cell without one */
        public Optional<String> label() {
            return Optional.ofNullable(key.label);
        }

        /** @return the incident type, or empty for a cell that scores every incident */
        public Optional<AnomalyType> type() {
            return Optional.ofNullable(key.type);
        }

        /** @return the difficulty, or empty */
        public Optional<Difficulty> difficulty() {
            return Optional.ofNullable(key.difficulty);
        }

        /** @return the cell's name as messages show it, such as {@code cpu_spike / subtle} */
        public String name() {
            return key.name();
        }

        /** @return the seeds of the runs, in the order they were added */
        public List<Long> seeds() {
            return runs.stream().map(Run::seed).toList();
        }

        /** @return the number of runs (datasets) */
        public int runs() {
            return runs.size();
        }

        /** @return the incidents of the cell's type over every run */
        public int incidents() {
            return runs.stream().mapToInt(r -> r.ofType.incidentCount()).sum();
        }

        /** @return the detected incidents of the cell's type over every run */
        public int detected() {
            return runs.stream().mapToInt(r -> r.ofType.detectedIncidents().size()).sum();
        }

        /** @return the recall of the cell's type, over the runs that hold incidents of it */
        public Spread recall() {
            return Spread.of(runs.stream().filter(r -> r.ofType.incidentCount() > 0)
                    .mapToDouble(r -> r.ofType.recall()).toArray());
        }

        /**
         * @return the detector's precision over each whole dataset, over the runs in which it
         *     reported something (a silent run has no precision, rather than the zero division)
         */
        public Spread precision() {
            return Spread.of(runs.stream().filter(r -> !r.whole.detections().isEmpty())
                    .mapToDouble(r -> r.whole.precision()).toArray());
        }

        /** @return per run, the harmonic mean of the dataset's precision and the type's recall */
        public Spread f1() {
            return over(r -> Evaluation.f1(r.whole.precision(), r.ofType.recall()));
        }

        /** @return the detector's false alarms per hour over each whole dataset */
        public Spread falseAlarmsPerHour() {
            return over(r -> r.whole.falseAlarmsPerHour());
        }

        /** @return the mean delay over every detected incident of the cell's type, empty when none was detected */
        public Optional<Duration> meanDetectionDelay() {
            long total = 0;
            int count = 0;
            for (Run run : runs) {
                for (Duration delay : run.ofType.detectionDelays().values()) {
                    total += delay.toNanos();
                    count++;
                }
            }
            return count == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(total / count));
        }

        private Spread over(ToDoubleFunction<Run> score) {
            return Spread.of(runs.stream().mapToDouble(score).toArray());
        }

        /** @return for example {@code cpu_spike / subtle: 2 runs, recall 0.75 ± 0.35} */
        @Override
        public String toString() {
            return name() + ": " + runs() + " runs, recall " + recall() + ", precision " + precision()
                    + ", false alarms/h " + falseAlarmsPerHour();
        }
    }
}
