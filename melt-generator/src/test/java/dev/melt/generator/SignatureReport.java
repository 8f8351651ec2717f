package dev.melt.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

/**
 * Prints, for every affected window of a dataset, how its signals differ from the service's
 * normal records: the figures behind {@link IncidentSignaturesTest}, for reports. Run with
 * {@code java -cp melt-generator/target/test-classes:melt-generator/target/melt-generator-*-cli.jar
 * dev.melt.generator.SignatureReport DIR...}.
 */
public final class SignatureReport {

    private SignatureReport() {
    }

    /**
     * Prints the report of each dataset directory.
     *
     * @param args dataset directories
     * @throws IOException when a dataset cannot be read
     */
    public static void main(String[] args) throws IOException {
        for (String dir : args) {
            IncidentSignaturesTest.Dataset d = new IncidentSignaturesTest.Dataset(0, MeltData.open(Path.of(dir)));
            System.out.printf(Locale.ROOT, "%s (seed %d)%n", dir, d.data.manifest().spec().seed());
            System.out.printf(Locale.ROOT, "  normal records: max cpu %.1f%%, max error_rate %.1f%%%n",
                    stats(d.metrics.stream().filter(m -> !m.anomaly() && m.metricName().equals("cpu_usage"))
                            .map(MetricRecord::value).toList()).getMax(),
                    stats(d.metrics.stream().filter(m -> !m.anomaly() && m.metricName().equals("error_rate"))
                            .map(MetricRecord::value).toList()).getMax());
            for (Incident i : d.data.groundTruth().incidents()) {
                for (AffectedService a : i.affected()) {
                    String s = a.service();
                    DoubleSummaryStatistics cpu = stats(d.values("cpu_usage", s, a.host(), i.id()));
                    if (cpu.getCount() == 0) {
                        System.out.printf(Locale.ROOT, "  %s %-14s %-9s %-10s %4ds  (no metric tick in the window)%n",
                                i.id(), i.type().id(), a.host() == null ? s : a.host(),
                                a.role().name().toLowerCase(Locale.ROOT),
                                java.time.Duration.between(a.start(), a.end()).toSeconds());
                        continue;
                    }
                    double p50 = stats(d.values("latency_p50", s, null, i.id())).getAverage()
                            / stats(d.values("latency_p50", s, null, null)).getAverage();
                    double err = stats(d.values("error_rate", s, null, i.id())).getAverage();
                    double errBase = stats(d.values("error_rate", s, null, null)).getAverage();
                    double rate = stats(d.values("request_rate", s, null, i.id())).getAverage()
                            / stats(d.values("request_rate", s, null, null)).getAverage();
                    List<SpanRecord> spans = d.spans(s, i.id());
                    long failed = spans.stream().filter(SpanRecord::isError).count();
                    System.out.printf(Locale.ROOT, "  %s %-14s %-9s %-10s %4ds  cpu min/mean %5.1f/%5.1f  p50 x%.2f"
                                    + "  error_rate %5.1f%% (normal %.1f%%)  request_rate x%.2f  spans %d, failed %d%n",
                            i.id(), i.type().id(), a.host() == null ? s : a.host(), a.role().name().toLowerCase(Locale.ROOT),
                            java.time.Duration.between(a.start(), a.end()).toSeconds(), cpu.getMin(), cpu.getAverage(), p50,
                            err, errBase, rate, spans.size(), failed);
                }
            }
        }
    }

    private static DoubleSummaryStatistics stats(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
    }
}
