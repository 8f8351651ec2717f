package dev.melt.generator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An encoding a dataset can be written in; a spec selects one or more with
 * {@link GenerationConfig.Builder#formats}. Every format carries the same records: the choice
 * changes which files a dataset has, never their bytes. See docs/formats.md.
 */
public enum DatasetFormat {
    /**
     * JSON Lines, the default: {@code metrics.jsonl}, {@code events.jsonl}, {@code logs.jsonl},
     * {@code traces.jsonl} (SCHEMAS.md). The only format {@link MeltData} reads.
     */
    JSONL("jsonl"),
    /**
     * OpenMetrics text of the metrics, {@code metrics.om}: one file for {@code promtool check metrics}
     * and {@code promtool tsdb create-blocks-from openmetrics}. Events, logs and traces have no
     * OpenMetrics form.
     */
    OPENMETRICS("openmetrics"),
    /**
     * OTLP JSON, the OpenTelemetry protocol's JSON encoding as the collector's file exporter and
     * {@code otlpjsonfile} receiver use it: {@code traces.otlp.jsonl}, {@code logs.otlp.jsonl},
     * {@code events.otlp.jsonl} (events as log records) and {@code metrics.otlp.jsonl}, one
     * {@code Export*ServiceRequest} per line.
     */
    OTLP("otlp");

    private final String id;

    DatasetFormat(String id) {
        this.id = id;
    }

    /**
     * Returns the format's name as the CLI, {@code @MeltDataset} and the manifest write it.
     *
     * @return for example {@code openmetrics}
     */
    public String id() {
        return id;
    }

    /**
     * Parses one format name, ignoring case.
     *
     * @param name {@code jsonl}, {@code openmetrics} or {@code otlp}
     * @return the format
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static DatasetFormat parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (DatasetFormat f : values()) {
            if (f.id.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format: '" + name + "' is not accepted; expected " + accepted());
    }

    /**
     * Parses a comma-separated list of format names, such as {@code jsonl,openmetrics}.
     *
     * @param list the names
     * @return the formats, at least one
     * @throws IllegalArgumentException naming the bad value and the accepted names
     */
    public static Set<DatasetFormat> parseList(String list) {
        Set<DatasetFormat> formats = EnumSet.noneOf(DatasetFormat.class);
        for (String part : (list == null ? "" : list).split(",", -1)) {
            formats.add(parse(part));
        }
        return formats;
    }

    /** @return the accepted names, for error messages: {@code jsonl, openmetrics, otlp} */
    static String accepted() {
        List<String> names = new ArrayList<>();
        for (DatasetFormat f : values()) {
            names.add(f.id);
        }
        return "one or more of " + String.join(", ", names) + ", comma-separated";
    }
}
