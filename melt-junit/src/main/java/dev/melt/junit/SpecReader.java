package dev.melt.junit;

import dev.melt.generator.AnomalyConfig;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.Difficulty;
import dev.melt.generator.GenerationConfig;
import dev.melt.generator.Durations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/** Turns annotation attributes into a validated {@link GenerationConfig}. */
final class SpecReader {

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
        GenerationConfig spec = build(annotation.size(), annotation.duration(), annotation.services(),
                annotation.difficulty(), new Traffic(annotation.requestRate(), annotation.traceSampling(),
                        annotation.logsInterval(), annotation.startTime()),
                seedOverride.orElse(annotation.seed()), List.of(annotation.anomalies()));
        return spec.toBuilder().formats(List.of(annotation.formats())).faults(List.of(annotation.faults())).build();
    }

    /**
     * Reads one combination of a {@link MeltDatasets} sweep.
     *
     * @param annotation the annotation
     * @param seed the combination's seed
     * @param anomalies the combination's incident types
     * @param difficulty the combination's difficulty
     * @return the spec
     * @throws IllegalArgumentException naming the attribute, its bad value and what is accepted
     */
    static GenerationConfig read(MeltDatasets annotation, long seed, List<AnomalyType> anomalies,
                                 Difficulty difficulty) {
        return build(annotation.size(), annotation.duration(), annotation.services(), difficulty,
                new Traffic(annotation.requestRate(), annotation.traceSampling(), annotation.logsInterval(), annotation.startTime()),
                seed, anomalies);
    }

    /** The traffic and time attributes, as written in the annotation; empty means the generator's default. */
    private record Traffic(String requestRate, String traceSampling, String logsInterval, String startTime) {
    }

    private static GenerationConfig build(String size, String duration, String[] services, Difficulty difficulty,
                                          Traffic traffic, long seed, List<AnomalyType> anomalies) {
        GenerationConfig.Builder spec = GenerationConfig.builder().seed(seed).anomalies(anomalies);
        if (!size.isBlank()) {
            spec.size(size.trim());
        }
        if (!duration.isBlank()) {
            spec.duration(Durations.parse(duration));
        }
        if (services.length > 0) {
            spec.services(List.of(services));
        }
        if (!traffic.requestRate().isBlank()) {
            spec.requestRate(dev.melt.generator.Numbers.parse("requestRate", traffic.requestRate(), "requests per second, such as \"5\" or \"0.5\""));
        }
        if (!traffic.traceSampling().isBlank()) {
            spec.traceSampling(dev.melt.generator.Numbers.parse("traceSampling", traffic.traceSampling(), "a share of requests, such as \"0.2\""));
        }
        if (!traffic.logsInterval().isBlank()) {
            spec.logsInterval(Durations.parse("logsInterval", traffic.logsInterval()));
        }
        if (!traffic.startTime().isBlank()) {
            try {
                spec.startTime(Instant.parse(traffic.startTime().trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("startTime: '" + traffic.startTime()
                        + "' is not accepted; expected an ISO-8601 instant such as 2024-03-04T06:00:00Z", e);
            }
        }
        if (difficulty != Difficulty.NORMAL) {
            spec.anomalyConfig(AnomalyConfig.builder().difficulty(difficulty).build());
        }
        return spec.build();
    }
}
