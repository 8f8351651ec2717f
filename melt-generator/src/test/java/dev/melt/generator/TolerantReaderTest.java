package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReadMode#TOLERANT} over a dataset damaged after it was written; strict stays as it was. */
class TolerantReaderTest {

    @TempDir
    static Path shared;
    static Path dataset;

    @TempDir
    Path temp;

    @BeforeAll
    static void generate() throws IOException {
        dataset = shared.resolve("dataset");
        new MeltGenerator(GenerationConfig.builder().size("256KB").seed(11).build()).generate(dataset);
    }

    private Path copy() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("copy"));
        try (Stream<Path> files = Files.list(dataset)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void onAnIntactDatasetTolerantReadsWhatStrictReadsAndSkipsNothing() throws IOException {
        MeltData strict = MeltData.open(dataset);
        MeltData tolerant = MeltData.open(dataset, ReadMode.TOLERANT);
        assertThat(strict.readMode()).isEqualTo(ReadMode.STRICT);
        assertThat(tolerant.readMode()).isEqualTo(ReadMode.TOLERANT);
        try (Stream<LogRecord> a = strict.logs(); Stream<LogRecord> b = tolerant.logs()) {
            assertThat(b.collect(Collectors.toList())).isEqualTo(a.collect(Collectors.toList()));
        }
        try (Stream<SpanRecord> a = strict.traces(); Stream<SpanRecord> b = tolerant.traces()) {
            assertThat(b.collect(Collectors.toList())).isEqualTo(a.collect(Collectors.toList()));
        }
        try (Stream<MetricRecord> a = strict.metrics(); Stream<MetricRecord> b = tolerant.metrics();
             Stream<EventRecord> c = strict.events(); Stream<EventRecord> d = tolerant.events()) {
            assertThat(b.collect(Collectors.toList())).isEqualTo(a.collect(Collectors.toList()));
            assertThat(d.collect(Collectors.toList())).isEqualTo(c.collect(Collectors.toList()));
        }
        assertThat(tolerant.skippedLines().count()).isZero();
        assertThat(tolerant.skippedLines().lines()).isEmpty();
        assertThat(strict.skippedLines().count()).isZero();
    }

    @Test
    void badLinesAreSkippedAndEachIsReportedWithFileLineAndReason() throws IOException {
        Path dir = copy();
        Path file = dir.resolve(Signal.METRICS.fileName());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> good = new ArrayList<>(lines);
        lines.set(2, "");                                             // line 3: empty
        lines.set(4, "[1,2]");                                        // line 5: not an object
        lines.set(6, lines.get(6).replace("\"metric_name\"", "\"name\"")); // line 7: a field missing
        lines.set(8, lines.get(8) + " {}");                           // line 9: two values
        String last = lines.remove(lines.size() - 1);
        String cut = last.substring(0, last.length() / 2);           // the last line, cut short, no newline
        Files.writeString(file, String.join("\n", lines) + "\n" + cut, StandardCharsets.UTF_8);

        // Strict: the size differs from the manifest's, so it does not even open.
        assertThatThrownBy(() -> MeltData.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file + ": has ");

        MeltData data = MeltData.open(dir, ReadMode.TOLERANT);
        List<MetricRecord> read;
        try (Stream<MetricRecord> metrics = data.metrics()) {
            read = metrics.collect(Collectors.toList());
        }
        List<MetricRecord> expected;
        try (Stream<MetricRecord> metrics = MeltData.open(dataset).metrics()) {
            List<MetricRecord> all = metrics.collect(Collectors.toList());
            expected = new ArrayList<>(all);
            for (int i : new int[] {all.size() - 1, 8, 6, 4, 2}) {
                expected.remove(i);
            }
        }
        assertThat(read).isEqualTo(expected);
        assertThat(data.skippedLines().count(Signal.METRICS)).isEqualTo(5);
        assertThat(data.skippedLines().count()).isEqualTo(5);
        assertThat(data.skippedLines().lines()).extracting(SkippedLine::line)
                .containsExactly(3L, 5L, 7L, 9L, (long) good.size());
        List<String> report = data.skippedLines().lines().stream().map(SkippedLine::toString)
                .collect(Collectors.toList());
        assertThat(report.get(0)).isEqualTo(file + ":3: empty line");
        assertThat(report.get(1)).isEqualTo(file + ":5: malformed line: expected a JSON object, found [");
        assertThat(report.get(2)).startsWith(file + ":7: malformed line: ").contains("metric_name");
        assertThat(report.get(3)).isEqualTo(file + ":9: malformed line: more than one JSON value");
        assertThat(report.get(4)).startsWith(file + ":" + good.size() + ": malformed or truncated line: ");
        assertThat(data.skippedLines().toString()).startsWith(report.get(0) + "\n");
        // verify() still checks sizes and checksums.
        assertThatThrownBy(data::verify).isInstanceOf(IOException.class).hasMessageStartingWith(file.toString());
    }

    @Test
    void strictStillFailsAtTheFirstBadLineNamingIt() throws IOException {
        Path dir = copy();
        Path file = dir.resolve(Signal.LOGS.fileName());
        byte[] bytes = Files.readAllBytes(file);
        int second = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
        bytes[second] = 'x'; // line 2 no longer starts an object; the size stays
        Files.write(file, bytes);
        assertThatThrownBy(() -> {
            try (Stream<LogRecord> logs = MeltData.open(dir).logs()) {
                logs.forEach(r -> { });
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageStartingWith(file + ":2: malformed or truncated line");
        MeltData tolerant = MeltData.open(dir, ReadMode.TOLERANT);
        try (Stream<LogRecord> logs = tolerant.logs()) {
            assertThat(logs.count()).isEqualTo(tolerant.manifest().file(Signal.LOGS).records() - 1);
        }
        assertThat(tolerant.skippedLines().lines()).extracting(SkippedLine::toString)
                .singleElement().asString().startsWith(file + ":2: malformed or truncated line");
    }
}
