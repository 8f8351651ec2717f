package dev.melt.generator.internal.report;

import dev.melt.generator.AffectedService;
import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import dev.melt.generator.Manifest;
import dev.melt.generator.MeltData;
import dev.melt.generator.MetricRecord;
import dev.melt.generator.RootCause;
import dev.melt.generator.Signal;
import dev.melt.generator.report.ReportDetection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Renders a dataset report as one HTML page of inline SVG. SVG rather than a charting library:
 * the page needs no script to show, its elements carry {@code data-*} attributes a test can find
 * in the DOM, and a few hundred points per chart draw instantly.
 */
public final class ReportRenderer {

    /** The chart panels of a service, each a group of metric names. */
    private static final String[][] PANELS = {
            {"request_rate"}, {"error_rate"}, {"latency_p50", "latency_p95", "latency_p99"},
            {"cpu_usage", "memory_usage"}};
    private static final String[] PANEL_TITLES = {"requests/s", "error rate", "latency p50 / p95 / p99 (ms)",
            "CPU / memory (%)"};
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"};
    private static final int W = 420;
    private static final int H = 110;

    private final MeltData data;
    private final GroundTruth truth;
    private final List<ReportDetection> detections;
    private final Set<String> missed;
    private final List<ReportDetection> falseAlarms;
    private final String title;
    private final int maxPoints;
    private final List<View> views = new ArrayList<>();

    /** The time range of one incident's charts and its bucketed series per service and metric. */
    private static final class View {
        final Incident incident;
        final long from;
        final long to;
        final Set<String> services = new LinkedHashSet<>();
        final Map<String, double[][]> sums = new HashMap<>(); // key service|metric -> {sum[], count[]}

        View(Incident incident, long from, long to) {
            this.incident = incident;
            this.from = from;
            this.to = to;
            for (AffectedService a : incident.affected()) {
                services.add(a.service());
            }
        }
    }

    /**
     * Prepares a rendering.
     *
     * @param data the dataset, or {@code null} to draw no series
     * @param truth the ground truth
     * @param detections the detections to mark
     * @param missed the missed incident ids, or {@code null} for the overlap rule
     * @param falseAlarms the false alarms, or {@code null} for the overlap rule
     * @param title the page title
     * @param maxPoints the most points per series
     */
    public ReportRenderer(MeltData data, GroundTruth truth, List<ReportDetection> detections, Set<String> missed,
                          List<ReportDetection> falseAlarms, String title, int maxPoints) {
        this.data = data;
        this.truth = truth;
        this.detections = List.copyOf(detections);
        this.missed = missed != null ? missed : overlapMissed();
        this.falseAlarms = falseAlarms != null ? falseAlarms : overlapFalseAlarms();
        this.title = title;
        this.maxPoints = maxPoints;
        long start = millis(truth.start());
        long end = millis(truth.end());
        for (Incident i : truth.incidents()) {
            long a = millis(i.firstAffected());
            long b = millis(i.lastAffected());
            long pad = Math.max((b - a) / 2, 5 * 60_000L);
            views.add(new View(i, Math.max(start, a - pad), Math.min(end, Math.max(b + pad, a + 1))));
        }
    }

    private Set<String> overlapMissed() {
        Set<String> out = new LinkedHashSet<>();
        for (Incident i : truth.incidents()) {
            boolean hit = i.affected().stream().anyMatch(a -> detections.stream()
                    .anyMatch(d -> d.overlaps(a.start(), a.end(), a.service())));
            if (!hit) {
                out.add(i.id());
            }
        }
        return out;
    }

    private List<ReportDetection> overlapFalseAlarms() {
        List<ReportDetection> out = new ArrayList<>();
        for (ReportDetection d : detections) {
            boolean hit = truth.incidents().stream().flatMap(i -> i.affected().stream())
                    .anyMatch(a -> d.overlaps(a.start(), a.end(), a.service()));
            if (!hit) {
                out.add(d);
            }
        }
        return out;
    }

    /** @return the HTML page */
    public String render() {
        if (data != null && !views.isEmpty()) {
            readSeries();
        }
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font:13px sans-serif;margin:16px;color:#222}table{border-collapse:"
                        + "collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}h2{margin-top:28px}"
                        + ".missed{color:#b00;font-weight:bold}.charts{display:flex;flex-wrap:wrap;gap:8px}"
                        + "svg{background:#fafafa;border:1px solid #ddd}.legend span{margin-right:12px}"
                        + "</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p>").append(esc(truth.start().toString())).append(" to ").append(esc(truth.end().toString()))
                .append(", ").append(truth.incidents().size()).append(" incidents, ").append(detections.size())
                .append(" detections.</p>\n");
        h.append("<p class=\"legend\"><span style=\"background:#f4a6a6\">&nbsp;root-cause window&nbsp;</span>"
                + "<span style=\"background:#f7d9a8\">&nbsp;cascade window&nbsp;</span>"
                + "<span style=\"color:#d00\">| detection</span></p>\n");
        overview(h);
        incidentTable(h);
        verdicts(h);
        for (View v : views) {
            incidentSection(h, v);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private void readSeries() {
        Map<String, List<View>> byService = new HashMap<>();
        for (View v : views) {
            for (String s : v.services) {
                byService.computeIfAbsent(s, k -> new ArrayList<>()).add(v);
            }
        }
        try (Stream<MetricRecord> metrics = data.metrics()) {
            metrics.forEach(m -> {
                List<View> vs = byService.get(m.service());
                if (vs == null) {
                    return;
                }
                long t = millis(m.timestamp());
                for (View v : vs) {
                    if (t < v.from || t >= v.to) {
                        continue;
                    }
                    double[][] acc = v.sums.computeIfAbsent(m.service() + "|" + m.metricName(),
                            k -> new double[2][maxPoints]);
                    int b = (int) Math.min(maxPoints - 1, (t - v.from) * maxPoints / (v.to - v.from));
                    acc[0][b] += m.value();
                    acc[1][b]++;
                }
            });
        }
    }

    private void overview(StringBuilder h) {
        h.append("<h2 id=\"fleet\">Fleet</h2>\n");
        if (data != null) {
            Manifest m = data.manifest();
            h.append("<table><tr><th>signal</th><th>records</th><th>bytes</th></tr>");
            for (Signal s : Signal.values()) {
                Manifest.FileEntry e = m.file(s);
                if (e != null) {
                    h.append("<tr data-signal=\"").append(esc(s.fileName())).append("\"><td>")
                            .append(esc(s.fileName())).append("</td><td>").append(e.records()).append("</td><td>")
                            .append(e.bytes()).append("</td></tr>");
                }
            }
            h.append("</table>\n");
            callGraph(h, m.spec().callGraph());
        }
        // the whole span: one lane per service, every window and detection at its exact instants
        long from = millis(truth.start());
        long to = Math.max(from + 1, millis(truth.end()));
        List<String> lanes = new ArrayList<>();
        truth.incidents().forEach(i -> i.affected().forEach(a -> {
            if (!lanes.contains(a.service())) {
                lanes.add(a.service());
            }
        }));
        detections.forEach(d -> {
            if (d.service() != null && !lanes.contains(d.service())) {
                lanes.add(d.service());
            }
        });
        int lane = 18;
        int labels = 80;
        int height = Math.max(1, lanes.size()) * lane + 16;
        h.append("<h3>Timeline</h3>\n<svg width=\"").append(W * 2 + labels).append("\" height=\"").append(height)
                .append("\" data-chart=\"timeline\">");
        for (int l = 0; l < lanes.size(); l++) {
            h.append("<text x=\"2\" y=\"").append(l * lane + 13).append("\" font-size=\"11\">")
                    .append(esc(lanes.get(l))).append("</text>");
        }
        h.append("<svg x=\"").append(labels).append("\" width=\"").append(W * 2).append("\" height=\"")
                .append(height).append("\">");
        for (Incident i : truth.incidents()) {
            for (AffectedService a : i.affected()) {
                int y = lanes.indexOf(a.service()) * lane;
                h.append("<g transform=\"translate(0,").append(y).append(")\">");
                windowRect(h, a, i, from, to, W * 2, lane - 2, "timeline");
                h.append("</g>");
            }
        }
        for (ReportDetection d : detections) {
            boolean fleet = d.service() == null;
            int y = fleet ? 0 : lanes.indexOf(d.service()) * lane;
            h.append("<g transform=\"translate(0,").append(y).append(")\">");
            detectionMark(h, d, from, to, W * 2, fleet ? height - 16 : lane - 2, "timeline");
            h.append("</g>");
        }
        h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"10\">%s</text><text x=\"%d\" "
                + "y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>", height - 3, truth.start(), W * 2,
                height - 3, truth.end()));
        h.append("</svg></svg>\n");
    }

    private void callGraph(StringBuilder h, Map<String, List<String>> graph) {
        if (graph == null || graph.isEmpty()) {
            return;
        }
        // layer each service by its longest call path from a caller nobody calls
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (String s : graph.keySet()) {
            depth.putIfAbsent(s, 0);
        }
        for (int round = 0; round < graph.size() + 1; round++) {
            for (Map.Entry<String, List<String>> e : graph.entrySet()) {
                for (String callee : e.getValue()) {
                    int d = Math.min(depth.get(e.getKey()) + 1, graph.size());
                    if (depth.getOrDefault(callee, 0) < d) {
                        depth.put(callee, d);
                    }
                }
            }
        }
        Map<Integer, List<String>> layers = new LinkedHashMap<>();
        depth.forEach((s, d) -> layers.computeIfAbsent(d, k -> new ArrayList<>()).add(s));
        int cols = layers.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int rows = layers.values().stream().mapToInt(List::size).max().orElse(1);
        int cw = 150;
        int rh = 40;
        Map<String, int[]> pos = new HashMap<>();
        layers.forEach((d, list) -> {
            for (int r = 0; r < list.size(); r++) {
                pos.put(list.get(r), new int[] {20 + d * cw, 20 + r * rh});
            }
        });
        Set<String> hit = new LinkedHashSet<>();
        truth.incidents().forEach(i -> hit.add(i.rootCauseService()));
        h.append("<h3>Call graph</h3>\n<svg width=\"").append(cols * cw + 40).append("\" height=\"")
                .append(rows * rh + 20).append("\" data-chart=\"call-graph\">");
        graph.forEach((caller, callees) -> {
            for (String callee : callees) {
                int[] a = pos.get(caller);
                int[] b = pos.get(callee);
                if (a != null && b != null) {
                    h.append("<line data-edge=\"").append(esc(caller)).append("->").append(esc(callee))
                            .append("\" x1=\"").append(a[0] + 110).append("\" y1=\"").append(a[1] + 10)
                            .append("\" x2=\"").append(b[0]).append("\" y2=\"").append(b[1] + 10)
                            .append("\" stroke=\"#888\"/>");
                }
            }
        });
        pos.forEach((s, p) -> h.append("<g data-service=\"").append(esc(s)).append("\"><rect x=\"").append(p[0])
                .append("\" y=\"").append(p[1]).append("\" width=\"110\" height=\"20\" rx=\"4\" fill=\"")
                .append(hit.contains(s) ? "#f4a6a6" : "#dde8f5").append("\" stroke=\"#557\"/><text x=\"")
                .append(p[0] + 5).append("\" y=\"").append(p[1] + 14).append("\" font-size=\"11\">").append(esc(s))
                .append("</text></g>"));
        h.append("</svg>\n");
    }

    private void incidentTable(StringBuilder h) {
        h.append("<h2 id=\"incidents\">Incidents</h2>\n<table><tr><th>id</th><th>type</th><th>root cause</th>"
                + "<th>start</th><th>end</th><th>affected services</th><th>detected</th></tr>");
        for (Incident i : truth.incidents()) {
            boolean miss = missed.contains(i.id());
            h.append("<tr data-incident-row=\"").append(esc(i.id())).append("\"><td><a href=\"#")
                    .append(esc(i.id())).append("\">").append(esc(i.id())).append("</a></td><td>")
                    .append(esc(i.type().id())).append("</td><td>").append(esc(rootCause(i))).append("</td><td>")
                    .append(esc(i.start().toString())).append("</td><td>").append(esc(i.end().toString()))
                    .append("</td><td>").append(esc(String.join(", ", new View(i, 0, 1).services)))
                    .append("</td><td").append(miss ? " class=\"missed\">missed" : ">yes").append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private void verdicts(StringBuilder h) {
        if (detections.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"missed\">Missed incidents (").append(missed.size()).append(")</h2>\n<ul>");
        for (String id : missed) {
            h.append("<li data-missed=\"").append(esc(id)).append("\"><a href=\"#").append(esc(id)).append("\">")
                    .append(esc(id)).append("</a></li>");
        }
        h.append("</ul>\n<h2 id=\"false-alarms\">False alarms (").append(falseAlarms.size()).append(")</h2>\n<ul>");
        for (ReportDetection d : falseAlarms) {
            h.append("<li data-false-alarm=\"").append(detections.indexOf(d)).append("\"><a href=\"#fleet\">")
                    .append(esc(d.start().toString()));
            if (!d.end().equals(d.start())) {
                h.append(" to ").append(esc(d.end().toString()));
            }
            h.append(d.service() == null ? "" : " on " + esc(d.service()))
                    .append(Double.isNaN(d.score()) ? "" : String.format(Locale.ROOT, " (score %.3f)", d.score()))
                    .append("</a></li>");
        }
        h.append("</ul>\n");
    }

    /** @return {@code service}, {@code service/host}, {@code caller -> callee} or {@code service@version} */
    private static String rootCause(Incident i) {
        RootCause rc = i.rootCause();
        return rc.kind() == RootCause.Kind.HOST ? rc.service() + "/" + rc.host() : rc.toString();
    }

    private void incidentSection(StringBuilder h, View v) {
        Incident i = v.incident;
        h.append("<h2 id=\"").append(esc(i.id())).append("\">").append(esc(i.id())).append(": ")
                .append(esc(i.type().id())).append(" on ").append(esc(rootCause(i)))
                .append(missed.contains(i.id()) ? " <span class=\"missed\">missed</span>" : "").append("</h2>\n");
        for (String service : v.services) {
            h.append("<h3>").append(esc(service)).append("</h3>\n<div class=\"charts\">");
            for (int p = 0; p < PANELS.length; p++) {
                h.append("<svg width=\"").append(W).append("\" height=\"").append(H)
                        .append("\" data-chart=\"").append(esc(i.id())).append('/').append(esc(service)).append('/')
                        .append(PANELS[p][0]).append("\">");
                for (AffectedService a : i.affected()) {
                    if (a.service().equals(service)) {
                        windowRect(h, a, i, v.from, v.to, W, H, i.id());
                    }
                }
                series(h, v, service, PANELS[p]);
                for (ReportDetection d : detections) {
                    if ((d.service() == null || d.service().equals(service)) && d.overlaps(
                            Instant.ofEpochMilli(v.from), Instant.ofEpochMilli(v.to), service)) {
                        detectionMark(h, d, v.from, v.to, W, H, i.id());
                    }
                }
                h.append("<text x=\"4\" y=\"12\" font-size=\"11\">").append(esc(PANEL_TITLES[p])).append("</text>");
                h.append("</svg>");
            }
            h.append("</div>\n");
        }
    }

    private void series(StringBuilder h, View v, String service, String[] metrics) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        List<double[]> lines = new ArrayList<>();
        for (String metric : metrics) {
            double[][] acc = v.sums.get(service + "|" + metric);
            if (acc == null) {
                lines.add(null);
                continue;
            }
            double[] mean = new double[maxPoints];
            for (int b = 0; b < maxPoints; b++) {
                mean[b] = acc[1][b] == 0 ? Double.NaN : acc[0][b] / acc[1][b];
                if (!Double.isNaN(mean[b])) {
                    min = Math.min(min, mean[b]);
                    max = Math.max(max, mean[b]);
                }
            }
            lines.add(mean);
        }
        if (min > max) {
            return;
        }
        double span = max - min == 0 ? 1 : max - min;
        for (int l = 0; l < lines.size(); l++) {
            double[] mean = lines.get(l);
            if (mean == null) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (int b = 0; b < maxPoints; b++) {
                if (!Double.isNaN(mean[b])) {
                    double x = (b + 0.5) * W / maxPoints;
                    double y = H - 6 - (mean[b] - min) / span * (H - 22);
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            h.append("<polyline data-series=\"").append(esc(metrics[l])).append("\" fill=\"none\" stroke=\"")
                    .append(COLOURS[l % COLOURS.length]).append("\" stroke-width=\"1.2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
        }
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"12\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>", W - 4, num(max), W - 4,
                H - 2, num(min)));
    }

    private static void windowRect(StringBuilder h, AffectedService a, Incident i, long from, long to, int w, int ht,
                                   String chart) {
        long s = Math.max(from, millis(a.start()));
        long e = Math.min(to, millis(a.end()));
        if (e < s) {
            return;
        }
        double x = (double) (s - from) * w / (to - from);
        double width = Math.max(1, (double) (e - s) * w / (to - from));
        boolean root = a.role() == AffectedService.Role.ROOT_CAUSE;
        h.append(String.format(Locale.ROOT, "<rect data-incident=\"%s\" data-role=\"%s\" data-service=\"%s\" "
                        + "data-start=\"%s\" data-end=\"%s\" data-in=\"%s\" x=\"%.1f\" y=\"0\" width=\"%.1f\" "
                        + "height=\"%d\" fill=\"%s\" fill-opacity=\"0.6\"><title>%s %s %s</title></rect>",
                esc(i.id()), root ? "root-cause" : "cascade", esc(a.service()), a.start(), a.end(), esc(chart), x, width,
                ht, root ? "#f4a6a6" : "#f7d9a8", esc(i.id()), esc(a.service()), root ? "root cause" : "cascade"));
    }

    private void detectionMark(StringBuilder h, ReportDetection d, long from, long to, int w, int ht, String chart) {
        long s = Math.max(from, millis(d.start()));
        long e = Math.min(to, millis(d.end()));
        double x = (double) (s - from) * w / (to - from);
        double width = Math.max(2, (double) (e - s) * w / (to - from));
        h.append(String.format(Locale.ROOT, "<rect data-detection=\"%d\" data-start=\"%s\" data-in=\"%s\" "
                        + "x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"#d00\" fill-opacity=\"0.5\">"
                        + "<title>detection %s%s</title></rect>", detections.indexOf(d), d.start(), esc(chart), x,
                width, ht, d.start(), Double.isNaN(d.score()) ? "" : String.format(Locale.ROOT, " score %.3f",
                        d.score())));
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static long millis(Instant t) {
        return t.toEpochMilli();
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

}
