package dev.melt.samples;

import dev.melt.assertions.Detection;
import dev.melt.assertions.Evaluation;
import dev.melt.assertions.RcaEvaluation;
import dev.melt.assertions.RootCauseRanking;
import dev.melt.assertions.ScoringOptions;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.DataSize;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.MeltData;
import dev.melt.generator.MeltGenerator;
import dev.melt.samples.TraceRootCauseRanker.SuspectWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Scratch sweep: every detector over seeds and types. */
@EnabledIfSystemProperty(named = "samples.sweep", matches = "true")
class DetectorSweep {

    record Row(String detector, AnomalyType type, long seed, Evaluation evaluation) {
    }

    @Test
    void sweep(@TempDir Path dir) throws Exception {
        String size = System.getProperty("samples.size", "5MB");
        String duration = System.getProperty("samples.duration", "1h");
        int seeds = Integer.getInteger("samples.seeds", 3);
        Duration tolerance = Duration.ofMinutes(1);
        Map<String, Function<MeltData, List<Alert>>> detectors = new LinkedHashMap<>();
        detectors.put("metric cpu", d -> { try (Stream<dev.melt.generator.MetricRecord> s = d.metrics()) { return MetricSpikeDetector.cpu().detect(s); } });
        detectors.put("metric latency", d -> { try (var s = d.metrics()) { return MetricSpikeDetector.latency().detect(s); } });
        detectors.put("logs", d -> { try (var s = d.logs()) { return new LogErrorBurstDetector().detect(s); } });
        detectors.put("traces", d -> { try (var s = d.traces()) { return new TraceWindowDetector().detect(s); } });
        List<Row> rows = new ArrayList<>();
        Map<AnomalyType, List<double[]>> rca = new LinkedHashMap<>();
        for (long seed = 1; seed <= seeds; seed++) {
            for (AnomalyType type : System.getProperty("samples.types") == null ? AnomalyType.values() : new AnomalyType[] {AnomalyType.parse(System.getProperty("samples.types"))}) {
                Path out = dir.resolve(type.id() + "-" + seed);
                GenerationConfig config = GenerationConfig.builder().seed(seed).size(DataSize.parse(size))
                        .duration(parse(duration))
                        .anomalies(EnumSet.of(type)).build();
                new MeltGenerator(config).generate(out);
                MeltData data = MeltData.open(out);
                GroundTruth truth = data.groundTruth();
                for (var d : detectors.entrySet()) {
                    List<Detection> detections = Alerts.toDetections(d.getValue().apply(data));
                    Evaluation e = Evaluation.of(detections, truth, ScoringOptions.defaults().withTolerance(tolerance));
                    rows.add(new Row(d.getKey(), type, seed, e));
                    System.out.println(d.getKey() + " " + type.id() + " seed " + seed + ": " + Alerts.line(e));
                    if (Boolean.getBoolean("samples.verbose")) {
                        e.falseAlarms().forEach(f -> System.out.println("    FA " + f));
                        truth.incidents().forEach(i -> System.out.println("    INC " + i.id() + " " + i.type() + " " + i.rootCauseService() + " " + i.rootCauseHost() + " " + i.start() + " " + i.end() + " " + i.affected().size()));
                    }
                }
                List<SuspectWindow> windows = truth.incidents().stream()
                        .map(i -> new SuspectWindow(i.id(), i.firstAffected(), i.lastAffected())).toList();
                Map<String, List<String>> ranked;
                try (var s = data.traces()) {
                    ranked = new TraceRootCauseRanker().rank(s, windows);
                }
                RcaEvaluation r = RcaEvaluation.of(RootCauseRanking.of(ranked), truth);
                Alerts.print("rca " + type.id() + " seed " + seed, r);
                for (Incident i : truth.incidents()) {
                    System.out.println("    " + i.id() + " " + i.type().id() + " root " + i.rootCauseService() + " ranked " + ranked.get(i.id()));
                }
                rca.computeIfAbsent(type, t -> new ArrayList<>()).add(new double[] {r.topKAccuracy(1), r.topKAccuracy(3)});
                for (Path f : Files.list(out).toList()) {
                    Files.delete(f);
                }
            }
        }
        System.out.println("=== summary size " + size + " duration " + duration);
        Map<String, double[]> agg = new LinkedHashMap<>();
        for (Row row : rows) {
            Evaluation e = row.evaluation().forType(row.type());
            double[] a = agg.computeIfAbsent(row.detector() + " / " + row.type().id(), k -> new double[6]);
            a[0] += e.incidentCount();
            a[1] += e.detectedIncidents().size();
            a[2] += e.detections().size() - e.falseAlarmCount();
            a[3] += e.detections().size();
            a[4] += e.falseAlarmsPerHour();
            a[5] += e.meanDetectionDelay().map(Duration::toSeconds).orElse(0L);
        }
        agg.forEach((k, a) -> System.out.printf(Locale.ROOT, "%-32s recall %.2f precision %.2f FA/h %.2f delay %.0f s%n", k,
                a[1] / a[0], a[3] == 0 ? 1 : a[2] / a[3], a[4] / seeds, a[5] / Math.max(1, a[1])));
        rca.forEach((t, l) -> System.out.printf(Locale.ROOT, "rca / %-26s AC@1 %.2f AC@3 %.2f%n", t.id(),
                l.stream().mapToDouble(x -> x[0]).average().orElse(0), l.stream().mapToDouble(x -> x[1]).average().orElse(0)));
    }

    private static Duration parse(String text) {
        return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
    }
}
