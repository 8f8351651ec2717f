package dev.melt.generator.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.melt.generator.Manifest;
import dev.melt.generator.Signal;
import dev.melt.generator.SkippedLine;
import dev.melt.generator.SkippedLines;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The tolerant record stream: reads a signal file line by line, parses each line on its own and
 * skips, reporting its file and line, each one that is not one JSON object with the record's
 * fields. Memory is one line's bytes. The line count is not compared with the manifest.
 */
final class TolerantLines {

    private static final JsonFactory JSON = new JsonFactory();

    private TolerantLines() {
    }

    static <T> Stream<T> stream(Path directory, Manifest manifest, Signal signal, RecordParser<T> parser,
                                SkippedLines skipped) {
        Path file = directory.resolve(signal.fileName());
        DatasetReader.requireJsonl(file, manifest);
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be opened: " + e.getMessage(), e);
        }
        // The JDK's skeleton of a lazy stream: each tryAdvance reads lines until one is a record.
        Spliterator<T> records = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private byte[] line = new byte[1 << 12];
            private long lineNumber;

            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super T> action) {
                while (true) {
                    int length;
                    try {
                        length = readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(file + ":" + (lineNumber + 1) + ": cannot be read: "
                                + e.getMessage(), e);
                    }
                    if (length < 0) {
                        return false;
                    }
                    lineNumber++;
                    T value = parse(length);
                    if (value != null) {
                        action.accept(value);
                        return true;
                    }
                }
            }

            /** The line's record, or {@code null} after reporting why it is skipped. */
            private T parse(int length) {
                try (JsonParser json = JSON.createParser(line, 0, length)) {
                    JsonToken token = json.nextToken();
                    if (token != JsonToken.START_OBJECT) {
                        skip(token == null ? "empty line" : "malformed line: expected a JSON object, found "
                                + token.asString());
                        return null;
                    }
                    T value = parser.parse(json);
                    if (json.nextToken() != null) {
                        skip("malformed line: more than one JSON value");
                        return null;
                    }
                    return value;
                } catch (JsonProcessingException e) {
                    skip("malformed or truncated line: " + e.getOriginalMessage().split("\n", 2)[0]);
                } catch (IOException e) {
                    skip("malformed line: " + e.getMessage());
                }
                return null;
            }

            private void skip(String reason) {
                skipped.add(signal, new SkippedLine(file, lineNumber, reason));
            }

            /** Reads the next line without its newline; -1 at the end of the file. */
            private int readLine() throws IOException {
                int n = 0;
                for (int b = in.read(); ; b = in.read()) {
                    if (b < 0) {
                        return n == 0 ? -1 : n;
                    }
                    if (b == '\n') {
                        return n;
                    }
                    if (n == line.length) {
                        line = Arrays.copyOf(line, n * 2);
                    }
                    line[n++] = (byte) b;
                }
            }
        };
        return StreamSupport.stream(records, false).onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
