package dev.melt.generator;

import dev.melt.generator.internal.dataset.DatasetJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A spec as a JSON file: the object a dataset's {@code manifest.json} holds under {@code spec},
 * with every knob of {@link GenerationConfig} (seed, start time, duration, size, call graph,
 * hosts, environments, signal intervals, rates, anomalies and the {@link AnomalyConfig}). The CLI
 * reads it ({@code melt generate --spec FILE}) and melt-junit writes it for a failed test, so one
 * spec regenerates the same bytes everywhere.
 *
 * <pre>{@code
 * SpecFile.write(config, Path.of("spec.json"));
 * GenerationConfig same = SpecFile.read(Path.of("spec.json"));   // same.equals(config)
 * GenerationConfig fromData = SpecFile.read(Path.of("data/manifest.json"));  // a manifest works too
 * }</pre>
 *
 * <p>Every field is required (the file is complete, as in the manifest); names are snake case,
 * durations ISO 8601 ({@code PT10S}), instants RFC 3339, anomaly types lower snake case.
 */
public final class SpecFile {

    private SpecFile() {
    }

    /**
     * Encodes a spec.
     *
     * @param spec the spec
     * @return the JSON text, pretty-printed, ending in a newline
     */
    public static String toJson(GenerationConfig spec) {
        return new String(DatasetJson.writeSpecDocument(Objects.requireNonNull(spec, "spec")), StandardCharsets.UTF_8);
    }

    /**
     * Decodes a spec, or the spec of a manifest.
     *
     * @param json the JSON text
     * @return the validated spec
     * @throws IllegalArgumentException naming the missing or bad field
     */
    public static GenerationConfig parse(String json) {
        try {
            return DatasetJson.readSpecDocument(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("spec: " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    /**
     * Writes a spec file.
     *
     * @param spec the spec
     * @param file where to write; replaced when it exists
     * @throws IOException when writing fails
     */
    public static void write(GenerationConfig spec, Path file) throws IOException {
        Files.writeString(file, toJson(spec));
    }

    /**
     * Reads a spec file, or the spec of a {@code manifest.json}.
     *
     * @param file the file
     * @return the validated spec
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and the missing or bad field
     */
    public static GenerationConfig read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
