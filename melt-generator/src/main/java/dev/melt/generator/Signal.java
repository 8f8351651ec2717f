package dev.melt.generator;

/**
 * The four MELT signals of a dataset, each written to its own JSON Lines file.
 */
public enum Signal {
    /** Time series samples, {@code metrics.jsonl}. */
    METRICS("metrics.jsonl"),
    /** Discrete operational events (deployments, alerts, restarts), {@code events.jsonl}. */
    EVENTS("events.jsonl"),
    /** Structured application logs, {@code logs.jsonl}. */
    LOGS("logs.jsonl"),
    /** Distributed tracing spans, {@code traces.jsonl}. */
    TRACES("traces.jsonl");

    private final String fileName;

    Signal(String fileName) {
        this.fileName = fileName;
    }

    /**
     * Returns the name of the file that holds this signal inside a dataset directory.
     *
     * @return the file name, for example {@code metrics.jsonl}
     */
    public String fileName() {
        return fileName;
    }
}
