package dev.melt.generator.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.melt.generator.EventRecord;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.LogRecord;
import dev.melt.generator.Manifest;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.Signal;
import dev.melt.generator.SkippedLines;
import dev.melt.generator.DatasetFormat;
import dev.melt.generator.SpanRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the files of a dataset directory: its manifest, its ground truth and, lazily, its record
 * files. {@code MeltData} is built on it.
 */
public final class DatasetReader {

    private static final JsonFactory JSON = new JsonFactory();

    private DatasetReader() {
    }

    /**
     * Reads the manifest of a dataset directory.
     *
     * @param directory the directory
     * @return the manifest
     * @throws IOException when the directory does not exist or has no manifest (it is not a
     *     complete dataset), or the manifest cannot be read; the message names the file
     */
    public static Manifest manifest(Path directory) throws IOException {
        Path manifestFile = directory.resolve(DatasetWriter.MANIFEST);
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "not a dataset directory: it does not exist");
        }
        if (!Files.isRegularFile(manifestFile) && Files.isRegularFile(directory.resolve(ShardPart.FILE))) {
            throw new NoSuchFileException(manifestFile.toString(), null, "not a dataset: it is a shard ("
                    + ShardPart.FILE + "); merge every shard of the dataset with melt merge (MeltGenerator.merge)");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null,
                    "not a complete dataset: " + DatasetWriter.MANIFEST + " is missing (it is written last)");
        }
        try {
            return DatasetJson.readManifest(Files.readAllBytes(manifestFile));
        } catch (IOException e) {
            throw new IOException(manifestFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The quick check: every file a dataset of this format has is listed in the manifest, and
     * every listed file exists as a regular file of the listed size. Costs one {@code stat} per
     * file and reads no data.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @throws IOException naming the file that is unlisted, missing or of another size
     */
    public static void checkFiles(Path directory, Manifest manifest) throws IOException {
        checkFiles(directory, manifest, true);
    }

    /**
     * {@link #checkFiles(Path, Manifest)}, with or without the comparison of sizes: a tolerant
     * reader opens a file cut short and reads it to its last whole line.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @param sizes whether to compare each file's size with the manifest's
     * @throws IOException naming the file that is unlisted, missing or (with sizes) of another size
     */
    public static void checkFiles(Path directory, Manifest manifest, boolean sizes) throws IOException {
        Path manifestFile = directory.resolve(DatasetWriter.MANIFEST);
        for (String name : requiredFiles(manifest)) {
            if (!manifest.files().containsKey(name)) {
                throw new IOException(manifestFile + ": lists no entry for " + name
                        + "; the manifest is incomplete or was edited");
            }
        }
        for (Map.Entry<String, Manifest.FileEntry> f : new TreeMap<>(manifest.files()).entrySet()) {
            Path file = directory.resolve(f.getKey());
            if (!file.normalize().startsWith(directory.normalize()) || file.equals(manifestFile)) {
                throw new IOException(manifestFile + ": lists a file outside the dataset: " + f.getKey());
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file.toString(), null, "missing: the manifest lists it; the dataset is"
                        + " incomplete");
            }
            if (!attributes.isRegularFile()) {
                throw new IOException(file + ": is not a regular file; the manifest lists a file");
            }
            if (sizes && attributes.size() != f.getValue().bytes()) {
                throw new IOException(file + ": has " + attributes.size() + " bytes but the manifest lists "
                        + f.getValue().bytes() + "; the file is truncated or altered");
            }
        }
    }

    /**
     * The full check: {@link #checkFiles} and the SHA-256 of every listed file against the
     * manifest. Reads every byte of the dataset once.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @throws IOException naming the first file that is missing or differs
     */
    public static void verify(Path directory, Manifest manifest) throws IOException {
        checkFiles(directory, manifest);
        byte[] buffer = new byte[1 << 20];
        for (Map.Entry<String, Manifest.FileEntry> f : new TreeMap<>(manifest.files()).entrySet()) {
            Path file = directory.resolve(f.getKey());
            String actual = sha256(file, buffer);
            if (!actual.equals(f.getValue().sha256())) {
                throw new IOException(file + ": SHA-256 is " + actual + " but the manifest lists "
                        + f.getValue().sha256() + "; the file was altered");
            }
        }
    }

    /**
     * Computes the SHA-256 of a file.
     *
     * @param file the file
     * @param buffer a read buffer
     * @return the digest, lower-case hex
     * @throws IOException when the file cannot be read
     */
    public static String sha256(Path file, byte[] buffer) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<String> requiredFiles(Manifest manifest) {
        List<String> names = new ArrayList<>();
        if (manifest.spec().formats().contains(DatasetFormat.JSONL)) {
            for (Signal s : Signal.values()) {
                names.add(s.fileName());
            }
        }
        if (manifest.spec().formats().contains(DatasetFormat.OPENMETRICS)) {
            names.add(OpenMetricsFile.NAME);
        }
        names.add(DatasetWriter.GROUND_TRUTH);
        return names;
    }

    /**
     * Reads the ground truth of a dataset directory.
     *
     * @param directory the directory
     * @return the ground truth
     * @throws IOException when it cannot be read; the message names the file
     */
    public static GroundTruth groundTruth(Path directory) throws IOException {
        Path truthFile = directory.resolve(DatasetWriter.GROUND_TRUTH);
        try {
            return DatasetJson.readGroundTruth(Files.readAllBytes(truthFile));
        } catch (IOException e) {
            throw new IOException(truthFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams a dataset's metric samples, lazily.
     *
     * @param directory the directory
     * @param manifest its manifest, whose record count the stream checks at the end
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<MetricRecord> metrics(Path directory, Manifest manifest) {
        return lines(directory, manifest, Signal.METRICS, RecordParser.METRIC);
    }

    /**
     * Streams a dataset's metrics, lazily, strictly or tolerantly.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @param skipped where a tolerant stream reports the lines it skips, or {@code null} to read strictly
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<MetricRecord> metrics(Path directory, Manifest manifest, SkippedLines skipped) {
        return skipped == null ? metrics(directory, manifest)
                : TolerantLines.stream(directory, manifest, Signal.METRICS, RecordParser.METRIC, skipped);
    }

    /**
     * Streams a dataset's events, lazily.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<EventRecord> events(Path directory, Manifest manifest) {
        return lines(directory, manifest, Signal.EVENTS, RecordParser.EVENT);
    }

    /**
     * Streams a dataset's events, lazily, strictly or tolerantly.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @param skipped where a tolerant stream reports the lines it skips, or {@code null} to read strictly
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<EventRecord> events(Path directory, Manifest manifest, SkippedLines skipped) {
        return skipped == null ? events(directory, manifest)
                : TolerantLines.stream(directory, manifest, Signal.EVENTS, RecordParser.EVENT, skipped);
    }

    /**
     * Streams a dataset's logs, lazily.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<LogRecord> logs(Path directory, Manifest manifest) {
        return lines(directory, manifest, Signal.LOGS, RecordParser.LOG);
    }

    /**
     * Streams a dataset's logs, lazily, strictly or tolerantly.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @param skipped where a tolerant stream reports the lines it skips, or {@code null} to read strictly
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<LogRecord> logs(Path directory, Manifest manifest, SkippedLines skipped) {
        return skipped == null ? logs(directory, manifest)
                : TolerantLines.stream(directory, manifest, Signal.LOGS, RecordParser.LOG, skipped);
    }

    /**
     * Streams a dataset's spans, lazily.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<SpanRecord> traces(Path directory, Manifest manifest) {
        return lines(directory, manifest, Signal.TRACES, RecordParser.SPAN);
    }

    /**
     * Streams a dataset's traces, lazily, strictly or tolerantly.
     *
     * @param directory the directory
     * @param manifest its manifest
     * @param skipped where a tolerant stream reports the lines it skips, or {@code null} to read strictly
     * @return the records in file order; close the stream to close the file
     */
    public static Stream<SpanRecord> traces(Path directory, Manifest manifest, SkippedLines skipped) {
        return skipped == null ? traces(directory, manifest)
                : TolerantLines.stream(directory, manifest, Signal.TRACES, RecordParser.SPAN, skipped);
    }

    /** Wraps with the cause's message, so that the message starts with the file, not the exception's class. */
    private static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }

    /** Throws when the dataset has no JSONL files, naming what to do. */
    static void requireJsonl(Path file, Manifest manifest) {
        if (!manifest.spec().formats().contains(DatasetFormat.JSONL)) {
            List<String> formats = new ArrayList<>();
            manifest.spec().formats().forEach(f -> formats.add(f.id()));
            throw new UnsupportedOperationException(file + ": not written: this dataset's formats are "
                    + String.join(",", formats) + ", and MeltData reads records from JSONL only; generate it with"
                    + " formats jsonl," + String.join(",", formats) + " to read them here, or read "
                    + (manifest.spec().formats().contains(DatasetFormat.OPENMETRICS) ? OpenMetricsFile.NAME
                    + " with an OpenMetrics reader (promtool)" : "its files with their format's tools"));
        }
    }

    private static <T> Stream<T> lines(Path directory, Manifest manifest, Signal signal, RecordParser<T> parser) {
        Path file = directory.resolve(signal.fileName());
        requireJsonl(file, manifest);
        JsonParser json;
        java.io.InputStream in = null;
        try {
            in = Files.newInputStream(file);
            json = JSON.createParser(new BufferedInputStream(in, 1 << 16));
        } catch (IOException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException(file + ": cannot be opened: " + e.getMessage(), e);
        }
        Manifest.FileEntry entry = manifest.file(signal);
        long expected = entry == null ? -1 : entry.records();
        // The JDK's skeleton of a lazy stream: one record per tryAdvance, false at the end.
        Spliterator<T> records = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private long lineNumber;
            /** Whether the parser is inside the record that began on line {@link #lineNumber}. */
            private boolean inRecord;

            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super T> action) {
                try {
                    JsonToken token = json.nextToken();
                    if (token == null) {
                        if (expected >= 0 && lineNumber != expected) {
                            throw new IOException(file + ": has " + lineNumber + " lines but the manifest lists "
                                    + expected + "; the file is truncated or altered");
                        }
                        return false;
                    }
                    lineNumber++;
                    inRecord = false;
                    int line = json.currentTokenLocation().getLineNr();
                    if (token != JsonToken.START_OBJECT || line != lineNumber) {
                        throw new IOException(file + ":" + line + ": malformed or truncated line: expected one JSON"
                                + " object per line");
                    }
                    inRecord = true;
                    T record = parser.parse(json);
                    inRecord = false;
                    action.accept(record);
                    return true;
                } catch (JsonProcessingException e) {
                    long line = e.getLocation() == null ? lineNumber : e.getLocation().getLineNr();
                    if (inRecord && line > lineNumber) {
                        // A line cut after a comma or a colon reads on into the next one: the error
                        // is found there, but the bad line is the one the record began on.
                        line = lineNumber;
                    }
                    throw unchecked(new IOException(file + ":" + line
                            + ": malformed or truncated line: " + e.getOriginalMessage().split("\n", 2)[0], e));
                } catch (IOException e) {
                    String message = e.getMessage();
                    throw unchecked(message != null && message.startsWith(file.toString()) ? e
                            : new IOException(file + ":" + lineNumber + ": malformed or truncated line: " + message, e));
                }
            }
        };
        Stream<T> stream = StreamSupport.stream(records, false);
        return stream.onClose(() -> {
            try {
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
