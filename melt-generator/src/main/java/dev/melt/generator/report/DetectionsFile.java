package dev.melt.generator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a detections file: JSON Lines, one detection per line, for example
 * {@code {"timestamp": "2024-01-01T00:10:00Z", "service": "payment", "score": 0.7}}. Fields:
 * {@code timestamp} (RFC 3339, required), {@code end} (RFC 3339, optional: a range),
 * {@code service} (optional: the whole fleet when absent), {@code score} (optional number).
 * Blank lines are skipped.
 */
public final class DetectionsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectionsFile() {
    }

    /**
     * Reads every detection of a file.
     *
     * @param file the JSON Lines file
     * @return the detections in file order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a line does not parse; the message names the file,
     *     the line number and what is accepted
     */
    public static List<ReportDetection> read(Path file) throws IOException {
        List<ReportDetection> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    out.add(parse(file, n, line));
                }
            }
        }
        return out;
    }

    private static ReportDetection parse(Path file, int n, String line) {
        String where = file + ":" + n + ": ";
        String accepted = "; expected {\"timestamp\": \"RFC 3339\", \"end\"?: \"RFC 3339\", \"service\"?: \"name\","
                + " \"score\"?: number}";
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + "not JSON" + accepted);
        }
        if (node == null || !node.isObject() || !node.path("timestamp").isTextual()) {
            throw new IllegalArgumentException(where + "no \"timestamp\" string" + accepted);
        }
        try {
            Instant start = Instant.parse(node.get("timestamp").asText());
            Instant end = node.hasNonNull("end") ? Instant.parse(node.get("end").asText()) : start;
            String service = node.hasNonNull("service") ? node.get("service").asText() : null;
            JsonNode score = node.get("score");
            if (score != null && !score.isNull() && !score.isNumber()) {
                throw new IllegalArgumentException(where + "\"score\" is not a number: " + score + accepted);
            }
            return new ReportDetection(start, end, service, score == null || score.isNull() ? Double.NaN
                    : score.asDouble());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "bad instant \"" + e.getParsedString() + "\"" + accepted);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + e.getMessage());
        }
    }
}
