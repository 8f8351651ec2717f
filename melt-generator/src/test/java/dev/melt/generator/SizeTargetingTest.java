package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeTargetingTest {

    @TempDir
    Path temp;

    private Manifest generate(GenerationConfig spec, String name) throws IOException {
        Path dir = temp.resolve(name);
        Manifest m = new MeltGenerator(spec).generate(dir);
        long onDisk = 0;
        for (Signal s : Signal.values()) {
            onDisk += Files.size(dir.resolve(s.fileName()));
        }
        assertThat(onDisk).as("bytes on disk match the manifest").isEqualTo(m.totalBytes());
        return m;
    }

    private static double error(Manifest m, String size) {
        return (double) m.totalBytes() / DataSize.parse(size).bytes() - 1;
    }

    @Test
    void oneMegabyteLandsWithinThreePercent() throws IOException {
        Manifest m = generate(GenerationConfig.builder().size("1MB").anomalies(AnomalyType.values()).build(), "1mb");
        assertThat(error(m, "1MB")).isCloseTo(0, within(0.03));
    }

    /**
     * The planner probes a small dataset on its first 10 minutes, too short to hold six incidents
     * apart for seed 17 (an outage fills it); the 24-minute dataset holds them, and the probe's
     * incidents may overlap since they only measure the byte rates.
     */
    @Test
    void aProbeTooShortForEveryTypeDoesNotStopADatasetLongEnoughForThem() throws IOException {
        Manifest m = generate(GenerationConfig.builder().size("10MB").seed(17).anomalies(AnomalyType.values()).build(),
                "10mb-six-types");
        assertThat(error(m, "10MB")).isCloseTo(0, within(0.03));
        GroundTruth truth = MeltData.open(temp.resolve("10mb-six-types")).groundTruth();
        for (AnomalyType type : AnomalyType.values()) {
            assertThat(truth.incidentsOf(type)).as("incidents of %s", type).isNotEmpty();
        }
    }

    /**
     * Small datasets whose size jumps with their duration (where the incidents fall moves with it):
     * the planner once settled 6.3% over 7MB for seed 14, and 4.6% and 3.5% under for seeds 5 and 9.
     */
    @ParameterizedTest
    @ValueSource(longs = {14, 5, 9})
    void smallDatasetsWhoseSizeJumpsWithTheirDurationLandWithinThreePercent(long seed) throws IOException {
        Manifest m = generate(GenerationConfig.builder().size("7MB").seed(seed).anomalies(AnomalyType.CPU_SPIKE,
                AnomalyType.SERVICE_OUTAGE, AnomalyType.LATENCY_SPIKE, AnomalyType.ERROR_BURST).build(), "7mb-" + seed);
        assertThat(error(m, "7MB")).isCloseTo(0, within(0.03));
    }

    /**
     * A size whose duration cannot hold the incidents, while its neighbours can: 12MB of seed 21
     * asked for 27 minutes, where a long outage on a deep service leaves the network types no
     * caller to start on, and the run failed with an error about a duration nobody gave.
     */
    @Test
    void aSizeWhoseDurationCannotHoldTheIncidentsTakesANeighbouringDuration() throws IOException {
        Manifest m = generate(GenerationConfig.builder().size("12MB").seed(21).anomalies(AnomalyType.NETWORK_DELAY,
                AnomalyType.PACKET_LOSS, AnomalyType.SERVICE_OUTAGE).build(), "12mb-21");
        assertThat(error(m, "12MB")).isCloseTo(0, within(0.03));
    }

    @Test
    void tenMegabytesLandWithinThreePercent() throws IOException {
        Manifest m = generate(GenerationConfig.builder().size("10MB").seed(9).build(), "10mb");
        assertThat(error(m, "10MB")).isCloseTo(0, within(0.03));
    }

    @Test
    void hundredMegabytesLandWithinThreePercent() throws IOException {
        // Measured on samples, not on every chunk: the planner's estimate has to hold for the whole.
        Manifest m = generate(GenerationConfig.builder().size("100MB").seed(3).anomalies(AnomalyType.values()).build(),
                "100mb");
        assertThat(error(m, "100MB")).isCloseTo(0, within(0.03));
    }

    @Test
    void aSampledPlanOverDaysMeetsItsSizeByScalingTraffic() throws IOException {
        // Three days of daily cycles and weekends, 40 chunks of which the planner measures 16.
        Manifest m = generate(GenerationConfig.builder().size("120MB").duration(Duration.ofDays(3))
                .metricsInterval(Duration.ofMinutes(5)).startTime(java.time.Instant.parse("2024-01-05T00:00:00Z")).seed(11)
                .anomalies(AnomalyType.values()).build(), "40mb-3d");
        assertThat(Duration.between(m.start(), m.end())).isEqualTo(Duration.ofDays(3));
        assertThat(error(m, "120MB")).isCloseTo(0, within(0.03));
    }

    @Test
    void aDatasetOfMostlyBackgroundLogsMeetsItsSize() throws IOException {
        // Few requests, many background lines: the bytes follow the time, not the daily traffic curve.
        Manifest m = generate(GenerationConfig.builder().size("60MB").duration(Duration.ofDays(4))
                .metricsInterval(Duration.ofMinutes(10)).requestRate(0.01)
                .logsInterval(Duration.ofMillis(200)).startTime(java.time.Instant.parse("2024-01-05T00:00:00Z"))
                .seed(12).build(), "30mb-4d");
        assertThat(error(m, "60MB")).isCloseTo(0, within(0.03));
    }

    @Test
    void binaryUnitsAreHonoured() throws IOException {
        Manifest m = generate(GenerationConfig.builder().size("2MiB").build(), "2mib");
        assertThat((double) m.totalBytes() / (2 << 20) - 1).isCloseTo(0, within(0.03));
    }

    @Test
    void sizeAloneDerivesTheDurationAtDefaultTraffic() throws IOException {
        Manifest small = generate(GenerationConfig.builder().size("1MB").build(), "small");
        Manifest large = generate(GenerationConfig.builder().size("3MB").build(), "large");
        Duration smallSpan = Duration.between(small.start(), small.end());
        Duration largeSpan = Duration.between(large.start(), large.end());
        // Same traffic, three times the bytes: about three times the simulated time.
        assertThat((double) largeSpan.toMillis() / smallSpan.toMillis()).isCloseTo(3.0, within(0.3));
        assertThat(smallSpan.toMillis() % 1000).isZero();
    }

    @Test
    void sizeAndDurationScaleTheTraffic() throws IOException {
        Duration span = Duration.ofMinutes(20);
        Manifest quiet = generate(GenerationConfig.builder().size("4MB").duration(span).build(), "q");
        Manifest busy = generate(GenerationConfig.builder().size("12MB").duration(span).build(), "b");
        assertThat(Duration.between(quiet.start(), quiet.end())).isEqualTo(span);
        assertThat(Duration.between(busy.start(), busy.end())).isEqualTo(span);
        assertThat(error(quiet, "4MB")).isCloseTo(0, within(0.03));
        assertThat(error(busy, "12MB")).isCloseTo(0, within(0.03));
        // Metrics barely depend on traffic (a quiet interval without requests has no latency samples); traces do.
        assertThat(busy.file(Signal.METRICS).records()).isGreaterThanOrEqualTo(quiet.file(Signal.METRICS).records());
        assertThat(busy.file(Signal.TRACES).records()).isGreaterThan(3 * quiet.file(Signal.TRACES).records());
    }

    @Test
    void durationAloneUsesTheDefaultTraffic() throws IOException {
        Manifest m = generate(GenerationConfig.builder().duration(Duration.ofMinutes(20)).build(), "20m");
        assertThat(Duration.between(m.start(), m.end())).isEqualTo(Duration.ofMinutes(20));
        assertThat(m.spec().size()).isNull();
        // 12 hosts x 27 series (7 gauges, the requests_total counter, 17 buckets, sum and count) x 40
        // ticks: at the default traffic every host serves requests in every interval
        assertThat(m.file(Signal.METRICS).records()).isEqualTo(12 * 27 * 40);
    }

    @Test
    void anImpossibleCombinationNamesTheKnobsToChange() {
        GenerationConfig spec = GenerationConfig.builder().size("1MB").duration(Duration.ofDays(30)).build();
        assertThatThrownBy(() -> new MeltGenerator(spec).generate(temp.resolve("never")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("size: 1MB cannot hold duration PT720H: metrics and events alone take about")
                .hasMessageContaining("increase --size to more than").hasMessageContaining("or shorten --duration");
        assertThat(temp.resolve("never")).doesNotExist();
    }

    @Test
    void aDurationTooShortForTheSizeNamesTheKnobs() {
        GenerationConfig spec = GenerationConfig.builder().size("100GB").duration(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> new MeltGenerator(spec).generate(temp.resolve("never")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration: PT1S is too short for size 100GB")
                .hasMessageContaining("lengthen --duration or reduce --size");
        assertThat(temp.resolve("never")).doesNotExist();
    }
}
