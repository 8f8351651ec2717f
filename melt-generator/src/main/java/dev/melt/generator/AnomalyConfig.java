package dev.melt.generator;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often, how long and how strong each {@link AnomalyType} is, plus the knobs that shape the
 * incident schedule as a whole. Immutable; build one with {@link #builder()}.
 *
 * <p>Defaults follow the patterns users know from the original tool:
 * <table>
 *   <caption>Default settings per type</caption>
 *   <tr><th>type</th><th>probability per hour</th><th>duration</th><th>intensity</th></tr>
 *   <tr><td>CPU_SPIKE</td><td>0.05</td><td>3–10 min</td><td>3.0 (times normal CPU, capped at 95%)</td></tr>
 *   <tr><td>SERVICE_OUTAGE</td><td>0.01</td><td>5–30 min</td><td>1.0 (share of requests that fail)</td></tr>
 *   <tr><td>LATENCY_SPIKE</td><td>0.03</td><td>2–15 min</td><td>5.0 (times normal latency)</td></tr>
 *   <tr><td>ERROR_BURST</td><td>0.03</td><td>1–5 min</td><td>0.3 (error rate during the burst)</td></tr>
 *   <tr><td>NETWORK_DELAY</td><td>0.02</td><td>3–15 min</td><td>4.0 (round trip added to each call on the
 *       edge, in medians of the callee's server spans, at least 20 ms each)</td></tr>
 *   <tr><td>PACKET_LOSS</td><td>0.02</td><td>2–10 min</td><td>0.3 (share of the edge's calls that lose a
 *       packet: half are retransmitted, half time out)</td></tr>
 * </table>
 * Each requested type occurs at least once in a dataset, whatever its probability.
 */
public final class AnomalyConfig {

    /**
     * The settings of one anomaly type.
     *
     * @param probability the chance per hour of simulated time that an incident of this type
     *     starts, in [0, 1]
     * @param minDuration the shortest incident on the root cause
     * @param maxDuration the longest incident on the root cause, at least {@code minDuration}
     * @param intensity how strong the incident is; its meaning depends on the type (see
     *     {@link AnomalyConfig})
     */
    public record Settings(double probability, Duration minDuration, Duration maxDuration, double intensity) {

        /**
         * Creates settings, validating every field.
         *
         * @param probability chance per hour, in [0, 1]
         * @param minDuration shortest duration, positive
         * @param maxDuration longest duration, at least {@code minDuration}
         * @param intensity strength, positive
         * @throws IllegalArgumentException naming the bad field, its value and what is accepted
         */
        public Settings {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability: " + probability
                        + " is not accepted; expected a chance per hour between 0 and 1");
            }
            Objects.requireNonNull(minDuration, "minDuration");
            Objects.requireNonNull(maxDuration, "maxDuration");
            if (minDuration.isNegative() || minDuration.isZero()) {
                throw new IllegalArgumentException("minDuration: " + minDuration
                        + " is not accepted; expected a positive duration");
            }
            if (maxDuration.compareTo(minDuration) < 0) {
                throw new IllegalArgumentException("maxDuration: " + maxDuration
                        + " is not accepted; expected at least minDuration (" + minDuration + ")");
            }
            if (!(intensity > 0) || Double.isInfinite(intensity)) {
                throw new IllegalArgumentException("intensity: " + intensity
                        + " is not accepted; expected a positive finite number");
            }
        }
    }

    private static final Map<AnomalyType, Settings> DEFAULTS;

    static {
        Map<AnomalyType, Settings> defaults = new EnumMap<>(AnomalyType.class);
        defaults.put(AnomalyType.CPU_SPIKE, new Settings(0.05, Duration.ofMinutes(3), Duration.ofMinutes(10), 3.0));
        defaults.put(AnomalyType.SERVICE_OUTAGE,
                new Settings(0.01, Duration.ofMinutes(5), Duration.ofMinutes(30), 1.0));
        defaults.put(AnomalyType.LATENCY_SPIKE,
                new Settings(0.03, Duration.ofMinutes(2), Duration.ofMinutes(15), 5.0));
        defaults.put(AnomalyType.ERROR_BURST, new Settings(0.03, Duration.ofMinutes(1), Duration.ofMinutes(5), 0.3));
        defaults.put(AnomalyType.NETWORK_DELAY,
                new Settings(0.02, Duration.ofMinutes(3), Duration.ofMinutes(15), 4.0));
        defaults.put(AnomalyType.PACKET_LOSS, new Settings(0.02, Duration.ofMinutes(2), Duration.ofMinutes(10), 0.3));
        DEFAULTS = Collections.unmodifiableMap(defaults);
    }

    private final Map<AnomalyType, Settings> settings;
    private final Difficulty difficulty;
    private final Duration warmUp;
    private final boolean allowOverlap;
    private final boolean benignPatterns;

    private AnomalyConfig(Builder builder) {
        this.settings = Collections.unmodifiableMap(new EnumMap<>(builder.settings));
        this.difficulty = builder.difficulty;
        this.warmUp = builder.warmUp;
        this.allowOverlap = builder.allowOverlap;
        this.benignPatterns = builder.benignPatterns;
    }

    /**
     * Returns the default configuration.
     *
     * @return the defaults of the table above, {@link Difficulty#NORMAL}, no overlap, benign
     *     look-alikes on
     */
    public static AnomalyConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.settings.putAll(settings);
        b.difficulty = difficulty;
        b.warmUp = warmUp;
        b.allowOverlap = allowOverlap;
        b.benignPatterns = benignPatterns;
        return b;
    }

    /**
     * Returns the settings of one type.
     *
     * @param type the anomaly type
     * @return its settings
     */
    public Settings settings(AnomalyType type) {
        return settings.get(type);
    }

    /**
     * Returns the settings of every type.
     *
     * @return an unmodifiable map holding every type
     */
    public Map<AnomalyType, Settings> allSettings() {
        return settings;
    }

    /**
     * Returns the difficulty that scales every incident's intensity.
     *
     * @return the difficulty
     */
    public Difficulty difficulty() {
        return difficulty;
    }

    /**
     * Returns the quiet period at the start of a dataset in which no incident starts, so that a
     * detector can learn a baseline.
     *
     * @return the warm-up, or {@code null} to derive it from the dataset's duration
     */
    public Duration warmUp() {
        return warmUp;
    }

    /**
     * Tells whether incidents on one service may overlap in time.
     *
     * @return {@code true} when overlaps are allowed
     */
    public boolean allowOverlap() {
        return allowOverlap;
    }

    /**
     * Tells whether benign look-alikes (deployments that shift a baseline, batch jobs, the daily
     * peak) are generated; they are labelled normal.
     *
     * @return {@code true} when they are generated
     */
    public boolean benignPatterns() {
        return benignPatterns;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AnomalyConfig)) {
            return false;
        }
        AnomalyConfig other = (AnomalyConfig) o;
        return settings.equals(other.settings) && difficulty == other.difficulty
                && Objects.equals(warmUp, other.warmUp) && allowOverlap == other.allowOverlap
                && benignPatterns == other.benignPatterns;
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, difficulty, warmUp, allowOverlap, benignPatterns);
    }

    @Override
    public String toString() {
        return "AnomalyConfig{settings=" + settings + ", difficulty=" + difficulty + ", warmUp=" + warmUp
                + ", allowOverlap=" + allowOverlap + ", benignPatterns=" + benignPatterns + '}';
    }

    /** Builds an {@link AnomalyConfig}; starts from the defaults. */
    public static final class Builder {
        private final Map<AnomalyType, Settings> settings = new EnumMap<>(DEFAULTS);
        private Difficulty difficulty = Difficulty.NORMAL;
        private Duration warmUp;
        private boolean allowOverlap;
        private boolean benignPatterns = true;

        private Builder() {
        }

        /**
         * Sets the settings of one type.
         *
         * @param type the type
         * @param value its settings
         * @return this builder
         */
        public Builder settings(AnomalyType type, Settings value) {
            settings.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "settings"));
            return this;
        }

        /**
         * Sets the chance per hour that an incident of this type starts.
         *
         * @param type the type
         * @param probability the chance per hour, in [0, 1]
         * @return this builder
         */
        public Builder probability(AnomalyType type, double probability) {
            Settings s = settings.get(type);
            return settings(type, new Settings(probability, s.minDuration(), s.maxDuration(), s.intensity()));
        }

        /**
         * Sets how long incidents of this type last on their root cause.
         *
         * @param type the type
         * @param min the shortest duration
         * @param max the longest duration
         * @return this builder
         */
        public Builder duration(AnomalyType type, Duration min, Duration max) {
            Settings s = settings.get(type);
            return settings(type, new Settings(s.probability(), min, max, s.intensity()));
        }

        /**
         * Sets how strong incidents of this type are.
         *
         * @param type the type
         * @param intensity the strength; see {@link AnomalyConfig} for its meaning per type
         * @return this builder
         */
        public Builder intensity(AnomalyType type, double intensity) {
            Settings s = settings.get(type);
            return settings(type, new Settings(s.probability(), s.minDuration(), s.maxDuration(), intensity));
        }

        /**
         * Sets the difficulty.
         *
         * @param value the difficulty
         * @return this builder
         */
        public Builder difficulty(Difficulty value) {
            this.difficulty = Objects.requireNonNull(value, "difficulty");
            return this;
        }

        /**
         * Sets the warm-up in which no incident starts.
         *
         * @param value the warm-up, not negative, or {@code null} to derive it from the duration
         * @return this builder
         */
        public Builder warmUp(Duration value) {
            if (value != null && value.isNegative()) {
                throw new IllegalArgumentException("warmUp: " + value
                        + " is not accepted; expected a duration of zero or more");
            }
            this.warmUp = value;
            return this;
        }

        /**
         * Allows incidents on one service to overlap.
         *
         * @param value {@code true} to allow overlaps
         * @return this builder
         */
        public Builder allowOverlap(boolean value) {
            this.allowOverlap = value;
            return this;
        }

        /**
         * Turns benign look-alikes on or off.
         *
         * @param value {@code true} to generate them
         * @return this builder
         */
        public Builder benignPatterns(boolean value) {
            this.benignPatterns = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public AnomalyConfig build() {
            return new AnomalyConfig(this);
        }
    }
}
