package dev.melt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/incidents.md shows what {@code melt info} prints for its example dataset: this keeps it true. */
class InfoExampleTest {

    private static final String MARKER = "<!-- info-example: checked by InfoExampleTest in melt-cli -->\n";

    @TempDir
    Path temp;

    @Test
    void theIncidentTableOfTheDocsIsWhatInfoPrints() throws IOException {
        String page = Files.readString(Path.of("../docs/incidents.md"), StandardCharsets.UTF_8);
        int from = page.indexOf(MARKER);
        assertThat(from).as("the marked example in docs/incidents.md").isNotNegative();
        String documented = page.substring(from + MARKER.length(), page.indexOf("```", from));

        Path data = temp.resolve("data");
        String[] generate = {"generate", "--size", "10MB", "--anomalies",
            "cpu_spike,service_outage,latency_spike,error_burst", "--seed", "42", "--output", data.toString(), "--quiet"};
        assertThat(MeltCli.execute(generate, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                .isZero();
        StringWriter out = new StringWriter();
        assertThat(MeltCli.execute(new String[] {"info", "--data-dir", data.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()))).isZero();
        String printed = out.toString().replace(System.lineSeparator(), "\n");
        String table = printed.substring(printed.indexOf("Incidents "));

        assertThat(table).isEqualTo(documented);
    }
}
