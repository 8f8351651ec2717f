package dev.melt.junit.internal;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A dataset spec with its canonical key: the generator's identity ({@link GeneratorFingerprint}),
 * the dataset format and every
 * knob of the {@link GenerationConfig}. Two specs with equal keys produce the same bytes, so
 * they share one generated dataset within a run and one cache entry across runs.
 */
public final class DatasetSpec {

    private static final GenerationConfig DEFAULTS = GenerationConfig.defaults();

    private final GenerationConfig config;
    private final String key;
    private final String id;

    private DatasetSpec(GenerationConfig config) {
        this.config = config;
        // GenerationConfig.toString lists every field in a fixed order (sizes normalized,
        // anomalies as a sorted EnumSet), and equals/hashCode/toString are kept together; the
        // generator's identity (its version, and for a snapshot a hash of its code) is part of the key so
        // that a changed generator never reuses an entry an older build wrote.
        this.key = "melt-generator " + GeneratorFingerprint.current() + "; format " + Manifest.FORMAT_VERSION + "; " + config;
        this.id = Sha256.of(key).substring(0, 32);
    }

    /**
     * Wraps a validated spec.
     *
     * @param config the spec
     * @return the spec with its key
     */
    public static DatasetSpec of(GenerationConfig config) {
        return new DatasetSpec(Objects.requireNonNull(config, "config"));
    }

    /** @return the spec */
    public GenerationConfig config() {
        return config;
    }

    /** @return the canonical key: generator version, dataset format and every knob */
    public String key() {
        return key;
    }

    /** @return 32 hex digits of the key's SHA-256, used as the cache entry's directory name */
    public String id() {
        return id;
    }

    /**
     * Returns how the dataset is opened for the test: tolerant when the spec has telemetry faults,
     * strict otherwise.
     *
     * @return the read mode
     */
    public dev.melt.generator.ReadMode readMode() {
        return config.faults().isEmpty() ? dev.melt.generator.ReadMode.STRICT : dev.melt.generator.ReadMode.TOLERANT;
    }

    /**
     * Describes the spec in the terms of the annotation, for report entries and messages.
     *
     * @return for example {@code size=10MB, anomalies=[cpu_spike], seed=42}
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (config.size() != null) {
            parts.add("size=" + config.size());
        }
        if (config.duration() != null) {
            parts.add("duration=" + durationText(config.duration()));
        }
        parts.add("anomalies=" + anomalyIds());
        parts.add("seed=" + config.seed());
        parts.addAll(knobsBeyondSizeAndAnomalies());
        return String.join(", ", parts);
    }

    /**
     * Returns the CLI command that generates the same dataset from a spec file holding
     * {@link #config()} (see {@link dev.melt.generator.SpecFile}); the seed is repeated as a flag
     * so that a reader sees it, and so that the command can be edited to try another one.
     *
     * @param specFile the spec file the command reads
     * @param output the directory the command should write to
     * @return a one-line shell command
     */
    public String command(Path specFile, Path output) {
        return "./melt generate --spec " + shellQuoted(specFile.toString()) + " --seed " + config.seed()
                + " --output " + shellQuoted(output.toString());
    }

    private List<String> anomalyIds() {
        return config.anomalies().stream().map(AnomalyType::id).collect(Collectors.toList());
    }

    private List<String> knobsBeyondSizeAndAnomalies() {
        GenerationConfig.Builder plain = DEFAULTS.toBuilder().seed(config.seed()).size(config.size())
                .duration(config.duration()).anomalies(config.anomalies());
        if (plain.build().equals(config)) {
            return List.of();
        }
        List<String> knobs = new ArrayList<>();
        if (!config.callGraph().equals(DEFAULTS.callGraph())) {
            knobs.add("services=" + config.services());
        }
        if (config.requestRate() != DEFAULTS.requestRate()) {
            knobs.add("requestRate=" + number(config.requestRate()));
        }
        if (config.traceSampling() != DEFAULTS.traceSampling()) {
            knobs.add("traceSampling=" + number(config.traceSampling()));
        }
        if (!config.logsInterval().equals(DEFAULTS.logsInterval())) {
            knobs.add("logsInterval=" + durationText(config.logsInterval()));
        }
        if (!config.startTime().equals(DEFAULTS.startTime())) {
            knobs.add("startTime=" + config.startTime());
        }
        AnomalyConfig anomalyConfig = config.anomalyConfig();
        if (anomalyConfig.difficulty() != DEFAULTS.anomalyConfig().difficulty()) {
            knobs.add("difficulty=" + anomalyConfig.difficulty());
        }
        if (knobs.isEmpty()) {
            knobs.add("spec=" + config);
        }
        return knobs;
    }

    /**
     * Spells a duration the way people write it: {@code 2h}, {@code 90m}, {@code 45s}.
     *
     * @param d a positive duration
     * @return the shortest exact spelling in d, h, m or s; ISO-8601 below a second
     */
    static String durationText(Duration d) {
        long seconds = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toString();
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static String shellQuoted(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSpec && ((DatasetSpec) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A knob's number as an annotation takes it: {@code 5}, {@code 0.2}. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
