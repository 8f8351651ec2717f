package dev.melt.generator.openmetrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the OpenMetrics text melt writes, for tests: it parses every line and fails
 * on what the OpenMetrics 1.0 text format forbids and a lenient parser would let through —
 * interleaved families, interleaved metrics (label sets), interleaved or out-of-order points,
 * sample names foreign to their family's type, metadata after samples, anything after {@code # EOF}.
 */
final class OpenMetricsText {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)} (-?[0-9]+(?:\\.[0-9]+)?) (-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value, long millis) {
        /** @return the sample's name and labels, {@code le} included, as one key */
        String series() {
            return name + new TreeMap<>(labels);
        }
    }

    /** The families by name, in file order, with their type and help. */
    final Map<String, String[]> families = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static OpenMetricsText read(Path file) throws IOException {
        OpenMetricsText t = new OpenMetricsText();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            t.parse(in);
        }
        return t;
    }

    private void parse(BufferedReader in) throws IOException {
        String family = null;
        String type = null;
        boolean sampled = false;
        // The metric (family and labels without le) being read, and those already left behind.
        String metric = null;
        Set<String> finished = new HashSet<>();
        long pointMillis = Long.MIN_VALUE;
        Set<String> pointNames = new HashSet<>();
        boolean eof = false;
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String where = "line " + n + ": " + line;
            if (eof) {
                throw new AssertionError("after # EOF: " + where);
            }
            if (line.equals("# EOF")) {
                eof = true;
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ", 4);
                if (families.containsKey(p[2])) {
                    throw new AssertionError("family again (families interleaved): " + where);
                }
                family = p[2];
                type = p[3];
                families.put(family, new String[] {type, null});
                sampled = false;
                if (metric != null) {
                    finished.add(metric);
                }
                metric = null;
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] p = line.split(" ", 4);
                if (!p[2].equals(family) || sampled || families.get(family)[1] != null) {
                    throw new AssertionError("HELP not right after its family's TYPE: " + where);
                }
                families.get(family)[1] = p[3];
                continue;
            }
            if (line.startsWith("#")) {
                throw new AssertionError("a # line that is neither metadata nor EOF: " + where);
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || family == null) {
                throw new AssertionError("not a sample line of a family: " + where);
            }
            String name = m.group(1);
            String suffix = name.startsWith(family) ? name.substring(family.length()) : null;
            boolean fits = suffix != null && switch (type) {
                case "gauge" -> suffix.isEmpty();
                case "counter" -> suffix.equals("_total");
                case "histogram" -> suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count");
                default -> false;
            };
            if (!fits) {
                throw new AssertionError("sample name does not belong to " + type + " family " + family + ": " + where);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            int at = 0;
            while (l.find()) {
                if (l.start() != at) {
                    throw new AssertionError("bad labels: " + where);
                }
                labels.put(l.group(1), l.group(2));
                at = l.end() + 1;
            }
            if (at != m.group(2).length() + 1) {
                throw new AssertionError("bad labels: " + where);
            }
            if (name.endsWith("_bucket") != labels.containsKey("le")) {
                throw new AssertionError("le on a sample other than a bucket, or a bucket without le: " + where);
            }
            Map<String, String> metricLabels = new TreeMap<>(labels);
            metricLabels.remove("le");
            String thisMetric = family + metricLabels;
            long millis = Math.round(Double.parseDouble(m.group(4)) * 1000);
            if (!thisMetric.equals(metric)) {
                if (finished.contains(thisMetric)) {
                    throw new AssertionError("metric seen before (metrics interleaved): " + where);
                }
                if (metric != null) {
                    finished.add(metric);
                }
                metric = thisMetric;
                pointMillis = Long.MIN_VALUE;
            }
            // Points: strictly later than the last, or the same point's next sample (a histogram's).
            if (millis < pointMillis) {
                throw new AssertionError("point out of time order: " + where);
            }
            if (millis > pointMillis) {
                pointMillis = millis;
                pointNames.clear();
            }
            if (!pointNames.add(name + labels.getOrDefault("le", ""))) {
                throw new AssertionError("two samples of one point, or two points at one time: " + where);
            }
            sampled = true;
            samples.add(new Sample(family, type, name, labels, Double.parseDouble(m.group(3)), millis));
        }
        if (!eof) {
            throw new AssertionError("no # EOF at the end");
        }
    }
}
