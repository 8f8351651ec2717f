package dev.melt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final long[] now = {0};
    private final StringWriter err = new StringWriter();

    private GenerateCommand.ProgressLine line(boolean quiet) {
        return new GenerateCommand.ProgressLine(new PrintWriter(err), quiet, () -> now[0]);
    }

    private void assertSilent(boolean quiet, long atNanos) {
        GenerateCommand.ProgressLine p = line(quiet);
        now[0] = atNanos;
        p.onProgress(5_000_000, 10_000_000);
        p.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void staysSilentDuringTheFirstTwoSeconds() {
        assertSilent(false, 1_900_000_000L);
    }

    @Test
    void thenShowsBytesPercentAndRateOnOneRewrittenLine() {
        GenerateCommand.ProgressLine p = line(false);
        now[0] = 2_500_000_000L;
        p.onProgress(500_000_000, 1_000_000_000);
        now[0] = 2_600_000_000L;
        p.onProgress(510_000_000, 1_000_000_000);
        now[0] = 4_000_000_000L;
        p.onProgress(800_000_000, 1_000_000_000);
        p.finish();
        assertThat(err.toString()).isEqualTo("\rgenerating: 500.0 MB of 1.0 GB (50%), 200 MB/s   "
                + "\rgenerating: 800.0 MB of 1.0 GB (80%), 200 MB/s   " + System.lineSeparator());
    }

    @Test
    void quietShowsNothing() {
        assertSilent(true, 10_000_000_000L);
    }
}
