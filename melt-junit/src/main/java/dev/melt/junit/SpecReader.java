package dev.melt.junit;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns annotation attributes into a validated {@link GenerationConfig}. */
final class SpecReader {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    private SpecReader() {
    }

    /**
     * Reads a {@link MeltDataset}.
     *
     * @param annotation the annotation
     * @param seedOverride the run's {@value MeltDataset#SEED_PROPERTY_NAME}, when set
     * @return the spec
     * @throws IllegalArgumentException naming the attribute, its bad value and what is accepted
     */
    static GenerationConfig read(MeltDataset annotation, OptionalLong seedOverride) {
        return build(annotation.size(), annotation.duration(), annotation.services(), annotation.difficulty(),
                seedOverride.orElse(annotation.seed()), List.of(annotation.anomalies()));
    }

    /**
     * Reads one combination of a {@link MeltDatasets} sweep.
     *
     * @param annotation the annotation
     * @param seed the combination's seed
     * @param anomalies the combination's incident types
     * @return the spec
     * @throws IllegalArgumentException naming the attribute, its bad value and what is accepted
     */
    static GenerationConfig read(MeltDatasets annotation, long seed, List<AnomalyType> anomalies) {
        return build(annotation.size(), annotation.duration(), annotation.services(), annotation.difficulty(),
                seed, anomalies);
    }

    private static GenerationConfig build(String size, String duration, String[] services, Difficulty difficulty,
                                          long seed, List<AnomalyType> anomalies) {
        GenerationConfig.Builder spec = GenerationConfig.builder().seed(seed).anomalies(anomalies);
        if (!size.isBlank()) {
            spec.size(size.trim());
        }
        if (!duration.isBlank()) {
            spec.duration(duration(duration));
        }
        if (services.length > 0) {
            spec.services(List.of(services));
        }
        if (difficulty != Difficulty.NORMAL) {
            spec.anomalyConfig(AnomalyConfig.builder().difficulty(difficulty).build());
        }
        return spec.build();
    }

    /**
     * Parses {@code PT2H}, {@code P1D}, or a whole number with a unit: {@code 90s}, {@code 30m},
     * {@code 2h}, {@code 1d}.
     */
    static Duration duration(String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("duration: " + text + " is not accepted; expected ISO-8601 such as"
                    + " PT2H, or a whole number with a unit s, m, h or d such as 90m", e);
        }
    }
}
