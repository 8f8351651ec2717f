package dev.melt.cli;

import dev.melt.generator.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads duration options through {@link Durations#parse(String)}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
