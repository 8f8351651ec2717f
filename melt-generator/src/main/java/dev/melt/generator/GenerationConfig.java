package dev.melt.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The spec of a dataset: seed, time span, size, fleet (services, their call graph, hosts,
 * environments), signal frequencies, realism knobs and the incidents to inject. Immutable and
 * validated once, when {@link Builder#build()} runs; build one with {@link #builder()}.
 *
 * <p>The same config always yields the same bytes. Defaults: seed 42, start
 * 2024-01-01T00:00:00Z, metrics every 30 s, {@value #DEFAULT_REQUEST_RATE} requests per second
 * entering each entry service, {@value #DEFAULT_TRACE_SAMPLING} of them sampled as traces, one
 * background log line every 5 s per call path into a service, a config change every 30 minutes
 * per service, a 5xx error rate of 0.004,
 * no DEBUG logs, missing-span rate 0.02, a
 * six-service call graph ({@code web → api → {auth, payment → database, cache}}), two hosts
 * per service, one environment ({@code production}).
 *
 * <p><b>Size and duration.</b> With a {@link #size()} and no {@link #duration()}, the duration
 * follows from the size at the spec's request rate. With both, the request rate is scaled so the output
 * meets the size. With a duration only, the default traffic decides the size. With neither,
 * the size is {@value #DEFAULT_SIZE}.
 */
public final class GenerationConfig {

    /** The size used when neither size nor duration is given. */
    public static final String DEFAULT_SIZE = "10MB";
    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** The default {@link #requestRate()}: requests per second entering each entry service. */
    public static final double DEFAULT_REQUEST_RATE = 20.0;
    /** The default {@link #traceSampling()}: the share of requests written as traces. */
    public static final double DEFAULT_TRACE_SAMPLING = 0.05;
    /** The default start of simulated time; never the wall clock. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

    /**
     * The {@link #without()} value that removes every incident: the twin of a spec is then its
     * world without any incident.
     */
    public static final String ALL_INCIDENTS = "all";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern INCIDENT_ID = Pattern.compile("inc-[0-9]{4,}");

    private final long seed;
    private final Instant startTime;
    private final Duration duration;
    private final DataSize size;
    private final Map<String, List<String>> callGraph;
    private final List<String> hosts;
    private final int hostsPerService;
    private final List<String> environments;
    private final Duration metricsInterval;
    private final Duration logsInterval;
    private final double requestRate;
    private final double traceSampling;
    private final Duration eventsInterval;
    private final double errorRate;
    private final double debugLogRatio;
    private final double missingSpanRate;
    private final Set<AnomalyType> anomalies;
    private final AnomalyConfig anomalyConfig;
    private final Set<DatasetFormat> formats;
    private final Set<FaultKind> faults;
    private final List<String> without;

    private GenerationConfig(Builder b) {
        this.seed = b.seed;
        this.startTime = b.startTime;
        this.duration = b.duration;
        this.size = b.size == null && b.duration == null ? DataSize.parse(DEFAULT_SIZE) : b.size;
        this.callGraph = b.callGraph;
        this.hosts = b.hosts;
        this.hostsPerService = b.hostsPerService;
        this.environments = b.environments;
        this.metricsInterval = b.metricsInterval;
        this.logsInterval = b.logsInterval;
        this.requestRate = b.requestRate;
        this.traceSampling = b.traceSampling;
        this.eventsInterval = b.eventsInterval;
        this.errorRate = b.errorRate;
        this.debugLogRatio = b.debugLogRatio;
        this.missingSpanRate = b.missingSpanRate;
        this.anomalies = Collections.unmodifiableSet(b.anomalies.isEmpty()
                ? EnumSet.noneOf(AnomalyType.class) : EnumSet.copyOf(b.anomalies));
        this.anomalyConfig = b.anomalyConfig;
        this.formats = Collections.unmodifiableSet(EnumSet.copyOf(b.formats));
        this.faults = Collections.unmodifiableSet(b.faults.isEmpty()
                ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(b.faults));
        this.without = b.without;
    }

    /**
     * Returns the default spec: {@value #DEFAULT_SIZE}, seed {@value #DEFAULT_SEED}, no incidents.
     *
     * @return the default spec
     */
    public static GenerationConfig defaults() {
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
     * Returns a builder holding this spec, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.startTime = startTime;
        b.duration = duration;
        b.size = size;
        b.callGraph = callGraph;
        b.hosts = hosts;
        b.hostsPerService = hostsPerService;
        b.environments = environments;
        b.metricsInterval = metricsInterval;
        b.logsInterval = logsInterval;
        b.requestRate = requestRate;
        b.traceSampling = traceSampling;
        b.eventsInterval = eventsInterval;
        b.errorRate = errorRate;
        b.debugLogRatio = debugLogRatio;
        b.missingSpanRate = missingSpanRate;
        b.anomalies = anomalies.isEmpty() ? EnumSet.noneOf(AnomalyType.class) : EnumSet.copyOf(anomalies);
        b.anomalyConfig = anomalyConfig;
        b.formats = EnumSet.copyOf(formats);
        b.faults = faults.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(faults);
        b.without = without;
        return b;
    }

    /** @return the seed every random draw derives from */
    public long seed() {
        return seed;
    }

    /** @return the first instant of simulated time */
    public Instant startTime() {
        return startTime;
    }

    /** @return the simulated time span, or {@code null} when it follows from {@link #size()} */
    public Duration duration() {
        return duration;
    }

    /** @return the target size of the dataset, or {@code null} when the duration decides it */
    public DataSize size() {
        return size;
    }

    /**
     * Returns the call graph: each service, in declaration order, mapped to the services it calls.
     * The services that no one calls are the entry points of requests.
     *
     * @return an unmodifiable map from caller to callees
     */
    public Map<String, List<String>> callGraph() {
        return callGraph;
    }

    /** @return every service, in declaration order */
    public List<String> services() {
        return List.copyOf(callGraph.keySet());
    }

    /**
     * Returns the host names given by the user; when empty, each service runs on
     * {@link #hostsPerService()} hosts named {@code <service>-01}, {@code <service>-02}, ...
     * When given, hosts are dealt round-robin to the services, each service getting at least one.
     *
     * @return the host names, possibly empty
     */
    public List<String> hosts() {
        return hosts;
    }

    /** @return how many hosts each service runs on when {@link #hosts()} is empty */
    public int hostsPerService() {
        return hostsPerService;
    }

    /** @return the environments; hosts are dealt round-robin to them */
    public List<String> environments() {
        return environments;
    }

    /** @return the interval between two samples of a metric series */
    public Duration metricsInterval() {
        return metricsInterval;
    }

    /** @return the mean interval between two background logs (outside requests) of the whole fleet at the default traffic */
    public Duration logsInterval() {
        return logsInterval;
    }

    /**
     * Returns the mean rate of requests entering each entry service (a service no other calls) at
     * the traffic curve's mean, before the planner scales it to meet both a size and a duration.
     * Every request counts in the metrics; {@link #traceSampling()} of them become traces.
     *
     * @return requests per second per entry service
     */
    public double requestRate() {
        return requestRate;
    }

    /**
     * Returns the head-based trace sampling ratio: the share of requests, decided where they
     * enter, whose spans (and span logs) are written. Metrics count every request.
     *
     * @return the ratio, in (0, 1]
     */
    public double traceSampling() {
        return traceSampling;
    }

    /** @return the mean interval between two operational events */
    public Duration eventsInterval() {
        return eventsInterval;
    }

    /** @return the base share of requests that fail outside incidents */
    public double errorRate() {
        return errorRate;
    }

    /** @return the share of logs at DEBUG level */
    public double debugLogRatio() {
        return debugLogRatio;
    }

    /** @return the share of spans dropped, as a lossy tracing pipeline would */
    public double missingSpanRate() {
        return missingSpanRate;
    }

    /** @return the incident types to inject; each occurs at least once */
    public Set<AnomalyType> anomalies() {
        return anomalies;
    }

    /** @return how often, how long and how strong incidents are */
    public AnomalyConfig anomalyConfig() {
        return anomalyConfig;
    }

    /**
     * Returns the formats the dataset is written in; they choose files, not bytes.
     *
     * @return the formats, at least one; {@link DatasetFormat#JSONL} by default
     */
    public Set<DatasetFormat> formats() {
        return formats;
    }

    /**
     * Returns the telemetry faults requested: each kind gives one {@link Fault} in the ground
     * truth. See docs/faults.md.
     *
     * @return the fault kinds; empty by default
     */
    public Set<FaultKind> faults() {
        return faults;
    }

    /**
     * Returns the incidents this spec's dataset goes without: empty for an ordinary dataset; for a
     * counterfactual twin ({@link Builder#without}), the ids of the removed incidents in order, or
     * {@link #ALL_INCIDENTS} alone. A twin is planned as the spec without this setting (same
     * duration, chunks and traffic, same incident schedule), then the named incidents are taken
     * out: outside their affected windows every record is the original's. See docs/twins.md.
     *
     * @return the removed incident ids, sorted, or {@code ["all"]}; unmodifiable
     */
    public List<String> without() {
        return without;
    }

    /** @return {@code true} when this spec is a counterfactual twin: {@link #without()} is not empty */
    public boolean isTwin() {
        return !without.isEmpty();
    }

    /**
     * Returns the spec this twin is the twin of: this spec without {@link #without()}.
     *
     * @return the original's spec; this spec itself when it is not a twin
     */
    public GenerationConfig original() {
        return without.isEmpty() ? this : toBuilder().without(List.of()).build();
    }

    /**
     * Returns the twin of this spec without every incident, or without the given ones.
     *
     * @param incidentIds the ids of the incidents to remove; none for all of them
     * @return the twin's spec
     * @throws IllegalArgumentException when an id is not of the form {@code inc-0001}
     */
    public GenerationConfig twin(String... incidentIds) {
        return toBuilder().without(incidentIds.length == 0 ? List.of(ALL_INCIDENTS) : Arrays.asList(incidentIds))
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GenerationConfig)) {
            return false;
        }
        GenerationConfig c = (GenerationConfig) o;
        return seed == c.seed && startTime.equals(c.startTime) && Objects.equals(duration, c.duration)
                && Objects.equals(size, c.size) && callGraph.equals(c.callGraph) && hosts.equals(c.hosts)
                && hostsPerService == c.hostsPerService && environments.equals(c.environments)
                && metricsInterval.equals(c.metricsInterval) && logsInterval.equals(c.logsInterval)
                && Double.compare(requestRate, c.requestRate) == 0
                && Double.compare(traceSampling, c.traceSampling) == 0 && eventsInterval.equals(c.eventsInterval)
                && Double.compare(errorRate, c.errorRate) == 0 && Double.compare(debugLogRatio, c.debugLogRatio) == 0
                && Double.compare(missingSpanRate, c.missingSpanRate) == 0 && anomalies.equals(c.anomalies)
                && anomalyConfig.equals(c.anomalyConfig) && formats.equals(c.formats) && faults.equals(c.faults)
                && without.equals(c.without);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, startTime, duration, size, callGraph, hosts, hostsPerService, environments,
                metricsInterval, logsInterval, requestRate, traceSampling, eventsInterval, errorRate, debugLogRatio,
                missingSpanRate, anomalies, anomalyConfig, formats, faults, without);
    }

    @Override
    public String toString() {
        return "GenerationConfig{seed=" + seed + ", startTime=" + startTime + ", duration=" + duration
                + ", size=" + size + ", callGraph=" + callGraph + ", hosts=" + hosts + ", hostsPerService="
                + hostsPerService + ", environments=" + environments + ", metricsInterval=" + metricsInterval
                + ", logsInterval=" + logsInterval + ", requestRate=" + requestRate
                + ", traceSampling=" + traceSampling + ", eventsInterval="
                + eventsInterval + ", errorRate=" + errorRate + ", debugLogRatio=" + debugLogRatio
                + ", missingSpanRate=" + missingSpanRate + ", anomalies=" + anomalies + ", anomalyConfig="
                + anomalyConfig + ", formats=" + formats + (faults.isEmpty() ? "" : ", faults=" + faults)
                + (without.isEmpty() ? "" : ", without=" + without) + '}';
    }

    /** Builds a {@link GenerationConfig}; starts from the defaults and validates on {@link #build()}. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private Instant startTime = DEFAULT_START;
        private Duration duration;
        private DataSize size;
        private Map<String, List<String>> callGraph = defaultCallGraph();
        private List<String> hosts = List.of();
        private int hostsPerService = 2;
        private List<String> environments = List.of("production");
        private Duration metricsInterval = Duration.ofSeconds(30);
        private Duration logsInterval = Duration.ofSeconds(5);
        private double requestRate = DEFAULT_REQUEST_RATE;
        private double traceSampling = DEFAULT_TRACE_SAMPLING;
        private Duration eventsInterval = Duration.ofSeconds(1800);
        private double errorRate = 0.004;
        private double debugLogRatio = 0.0;
        private double missingSpanRate = 0.02;
        private Set<AnomalyType> anomalies = EnumSet.noneOf(AnomalyType.class);
        private AnomalyConfig anomalyConfig = AnomalyConfig.defaults();
        private Set<DatasetFormat> formats = EnumSet.of(DatasetFormat.JSONL);
        private Set<FaultKind> faults = EnumSet.noneOf(FaultKind.class);
        private List<String> without = List.of();

        private Builder() {
        }

        private static Map<String, List<String>> defaultCallGraph() {
            Map<String, List<String>> graph = new LinkedHashMap<>();
            graph.put("web", List.of("api"));
            graph.put("api", List.of("auth", "payment", "cache"));
            graph.put("auth", List.of());
            graph.put("payment", List.of("database"));
            graph.put("database", List.of());
            graph.put("cache", List.of());
            return Collections.unmodifiableMap(graph);
        }

        /**
         * Sets the seed.
         *
         * @param value any long
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Sets the first instant of simulated time.
         *
         * @param value the start
         * @return this builder
         */
        public Builder startTime(Instant value) {
            this.startTime = Objects.requireNonNull(value, "startTime");
            return this;
        }

        /**
         * Sets the simulated time span.
         *
         * @param value a positive duration, or {@code null} to derive it from the size
         * @return this builder
         */
        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        /**
         * Sets the target size.
         *
         * @param value the size, or {@code null} to let the duration decide it
         * @return this builder
         */
        public Builder size(DataSize value) {
            this.size = value;
            return this;
        }

        /**
         * Sets the target size from text such as {@code "10MB"}.
         *
         * @param value the size, parsed with {@link DataSize#parse(String)}
         * @return this builder
         */
        public Builder size(String value) {
            return size(DataSize.parse(value));
        }

        /**
         * Sets the services, in the order given, without naming their calls: service {@code i}
         * calls services {@code 2i+1} and {@code 2i+2} (a binary tree rooted at the first).
         *
         * @param names the service names
         * @return this builder
         */
        public Builder services(List<String> names) {
            Map<String, List<String>> graph = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                List<String> callees = new ArrayList<>();
                for (int c = 2 * i + 1; c <= 2 * i + 2 && c < names.size(); c++) {
                    callees.add(names.get(c));
                }
                graph.put(names.get(i), callees);
            }
            if (graph.size() != names.size()) {
                throw new IllegalArgumentException("services: " + names
                        + " is not accepted; expected distinct service names");
            }
            return callGraph(graph);
        }

        /**
         * Sets the services, in the order given, without naming their calls; see {@link #services(List)}.
         *
         * @param names the service names
         * @return this builder
         */
        public Builder services(String... names) {
            return services(Arrays.asList(names));
        }

        /**
         * Sets the call graph: every service mapped to the services it calls. Every callee must
         * itself be a key; the graph must have no cycle.
         *
         * @param graph caller to callees, iterated in the order services should be listed
         * @return this builder
         */
        public Builder callGraph(Map<String, List<String>> graph) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            graph.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            this.callGraph = Collections.unmodifiableMap(copy);
            return this;
        }

        /**
         * Sets the host names, dealt round-robin to the services.
         *
         * @param names the host names; empty to name hosts after their service
         * @return this builder
         */
        public Builder hosts(List<String> names) {
            this.hosts = List.copyOf(names);
            return this;
        }

        /**
         * Sets how many hosts each service runs on when no host names are given.
         *
         * @param value 1 to 64
         * @return this builder
         */
        public Builder hostsPerService(int value) {
            this.hostsPerService = value;
            return this;
        }

        /**
         * Sets the environments.
         *
         * @param names one or more names
         * @return this builder
         */
        public Builder environments(List<String> names) {
            this.environments = List.copyOf(names);
            return this;
        }

        /**
         * Sets the interval between two samples of a metric series.
         *
         * @param value 1 s to 1 h
         * @return this builder
         */
        public Builder metricsInterval(Duration value) {
            this.metricsInterval = value;
            return this;
        }

        /**
         * Sets the mean interval between two background logs (outside requests) of the whole fleet.
         *
         * @param value positive, at most 1 h
         * @return this builder
         */
        public Builder logsInterval(Duration value) {
            this.logsInterval = value;
            return this;
        }

        /**
         * Sets the mean rate of requests entering each entry service at the traffic curve's mean.
         * With both a size and a duration, the planner scales it so the bytes meet the size.
         *
         * @param value requests per second, more than 0 and at most 1,000,000
         * @return this builder
         */
        public Builder requestRate(double value) {
            this.requestRate = value;
            return this;
        }

        /**
         * Sets the head-based trace sampling ratio: the share of requests written as traces.
         *
         * @param value in (0, 1]
         * @return this builder
         */
        public Builder traceSampling(double value) {
            this.traceSampling = value;
            return this;
        }

        /**
         * Sets the mean interval between two operational events.
         *
         * @param value positive, at most 1 day
         * @return this builder
         */
        public Builder eventsInterval(Duration value) {
            this.eventsInterval = value;
            return this;
        }

        /**
         * Sets the base share of failing requests.
         *
         * @param value in [0, 1)
         * @return this builder
         */
        public Builder errorRate(double value) {
            this.errorRate = value;
            return this;
        }

        /**
         * Sets the share of DEBUG logs.
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder debugLogRatio(double value) {
            this.debugLogRatio = value;
            return this;
        }

        /**
         * Sets the share of dropped spans.
         *
         * @param value in [0, 1)
         * @return this builder
         */
        public Builder missingSpanRate(double value) {
            this.missingSpanRate = value;
            return this;
        }

        /**
         * Sets the incident types to inject.
         *
         * @param types the types; none for a dataset without incidents
         * @return this builder
         */
        public Builder anomalies(AnomalyType... types) {
            return anomalies(Arrays.asList(types));
        }

        /**
         * Sets the incident types to inject.
         *
         * @param types the types; empty for a dataset without incidents
         * @return this builder
         */
        public Builder anomalies(Iterable<AnomalyType> types) {
            Set<AnomalyType> set = EnumSet.noneOf(AnomalyType.class);
            types.forEach(t -> set.add(Objects.requireNonNull(t, "anomalies must not contain null")));
            this.anomalies = set;
            return this;
        }

        /**
         * Sets how often, how long and how strong incidents are.
         *
         * @param value the anomaly configuration
         * @return this builder
         */
        public Builder anomalyConfig(AnomalyConfig value) {
            this.anomalyConfig = Objects.requireNonNull(value, "anomalyConfig");
            return this;
        }

        /**
         * Sets the formats to write the dataset in. Without {@link DatasetFormat#JSONL} the
         * {@code .jsonl} files are not written, and {@link MeltData} can read the ground truth
         * but no records; the size still counts the JSONL encoding's bytes.
         *
         * @param values one or more formats
         * @return this builder
         * @throws IllegalArgumentException when none is given
         */
        public Builder formats(DatasetFormat... values) {
            return formats(Arrays.asList(values));
        }

        /**
         * Sets the formats to write the dataset in, as {@link #formats(DatasetFormat...)} does.
         *
         * @param values one or more formats
         * @return this builder
         * @throws IllegalArgumentException when none is given
         */
        public Builder formats(java.util.Collection<DatasetFormat> values) {
            if (values == null || values.isEmpty() || values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("formats: " + values + " is not accepted; expected "
                        + DatasetFormat.accepted());
            }
            this.formats = EnumSet.copyOf(values);
            return this;
        }

        /**
         * Requests telemetry faults, one of each kind given, placed from the seed; none by
         * default. Faults change which bytes reach the files (gaps, duplicates, malformed
         * lines, ...), never labels, and each is recorded in the ground truth. See docs/faults.md.
         *
         * @param values the kinds, possibly none
         * @return this builder
         * @throws IllegalArgumentException when a value is null
         */
        public Builder faults(FaultKind... values) {
            return faults(Arrays.asList(values));
        }

        /**
         * Requests telemetry faults, as {@link #faults(FaultKind...)} does.
         *
         * @param values the kinds, possibly none
         * @return this builder
         * @throws IllegalArgumentException when a value is null
         */
        public Builder faults(java.util.Collection<FaultKind> values) {
            if (values == null || values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("faults: " + values + " is not accepted; expected "
                        + FaultKind.accepted());
            }
            this.faults = values.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(values);
            return this;
        }

        /**
         * Makes the spec a counterfactual twin: the same world, planned as the spec without this
         * setting, with the given incidents removed; see {@link GenerationConfig#without()}. An
         * empty list makes an ordinary spec again.
         *
         * @param incidentIds ids such as {@code inc-0002}, or {@link GenerationConfig#ALL_INCIDENTS} alone
         * @return this builder
         * @throws IllegalArgumentException when an id is neither of the form {@code inc-0001} nor
         *     {@code all} alone
         */
        public Builder without(java.util.Collection<String> incidentIds) {
            if (incidentIds == null || incidentIds.stream().anyMatch(Objects::isNull)) {
                throw bad("without", incidentIds, "incident ids such as inc-0002, or all");
            }
            java.util.TreeSet<String> ids = new java.util.TreeSet<>(incidentIds);
            for (String id : ids) {
                if (!INCIDENT_ID.matcher(id).matches() && !(id.equals(ALL_INCIDENTS) && ids.size() == 1)) {
                    throw bad("without", id, "incident ids of the form inc-0002 (lower case, four digits or more), or "
                            + ALL_INCIDENTS + " by itself");
                }
            }
            this.without = List.copyOf(ids);
            return this;
        }

        /**
         * Makes the spec a counterfactual twin without the given incidents, as
         * {@link #without(java.util.Collection)} does.
         *
         * @param incidentIds ids such as {@code inc-0002}, or {@link GenerationConfig#ALL_INCIDENTS} alone
         * @return this builder
         */
        public Builder without(String... incidentIds) {
            return without(Arrays.asList(incidentIds));
        }

        /**
         * Validates the spec and builds it.
         *
         * @return the spec
         * @throws IllegalArgumentException naming the first bad field, its value and what is accepted
         */
        public GenerationConfig build() {
            if (!faults.isEmpty() && !formats.contains(DatasetFormat.JSONL)) {
                throw bad("faults", faults.stream().map(FaultKind::id).collect(java.util.stream.Collectors.joining(",")),
                        "no faults, or a spec whose formats include jsonl (faults change the JSONL files only)");
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw bad("duration", duration, "a positive duration such as PT2H or 2h");
            }
            if (duration != null && duration.compareTo(Duration.ofDays(3660)) > 0) {
                throw bad("duration", duration, "at most 3660 days");
            }
            validateCallGraph();
            if (hostsPerService < 1 || hostsPerService > 64) {
                throw bad("hostsPerService", hostsPerService, "a whole number from 1 to 64");
            }
            validateNames("hosts", hosts, true);
            if (new HashSet<>(hosts).size() != hosts.size()) {
                throw bad("hosts", hosts, "distinct host names");
            }
            validateNames("environments", environments, false);
            requireInterval("metricsInterval", metricsInterval, Duration.ofSeconds(1), Duration.ofHours(1));
            requireInterval("logsInterval", logsInterval, Duration.ofMillis(1), Duration.ofHours(1));
            if (!(requestRate > 0 && requestRate <= 1e6)) {
                throw bad("requestRate", requestRate, "requests per second per entry service, more than 0 and at most 1000000");
            }
            if (!(traceSampling > 0 && traceSampling <= 1)) {
                throw bad("traceSampling", traceSampling, "a share of requests more than 0 and at most 1");
            }
            requireInterval("eventsInterval", eventsInterval, Duration.ofSeconds(1), Duration.ofDays(1));
            requireShare("errorRate", errorRate, false);
            requireShare("debugLogRatio", debugLogRatio, true);
            requireShare("missingSpanRate", missingSpanRate, false);
            return new GenerationConfig(this);
        }

        private void validateCallGraph() {
            if (callGraph.isEmpty()) {
                throw bad("services", callGraph.keySet(), "at least one service");
            }
            validateNames("services", new ArrayList<>(callGraph.keySet()), false);
            for (Map.Entry<String, List<String>> e : callGraph.entrySet()) {
                Set<String> seen = new LinkedHashSet<>();
                for (String callee : e.getValue()) {
                    if (!callGraph.containsKey(callee)) {
                        throw bad("callGraph", e.getKey() + " -> " + callee,
                                "callees that are services too; services are " + callGraph.keySet());
                    }
                    if (callee.equals(e.getKey()) || !seen.add(callee)) {
                        throw bad("callGraph", e.getKey() + " -> " + e.getValue(),
                                "distinct callees other than the caller itself");
                    }
                }
            }
            // Depth-first search for a cycle, reported as the path that closes it.
            Map<String, Integer> state = new HashMap<>();
            for (String start : callGraph.keySet()) {
                Deque<String> path = new ArrayDeque<>();
                findCycle(start, state, path);
            }
        }

        private void findCycle(String service, Map<String, Integer> state, Deque<String> path) {
            Integer s = state.get(service);
            if (s != null && s == 2) {
                return;
            }
            path.addLast(service);
            if (s != null && s == 1) {
                List<String> cycle = new ArrayList<>(path);
                throw bad("callGraph", String.join(" -> ", cycle.subList(cycle.indexOf(service), cycle.size())),
                        "a call graph without cycles");
            }
            state.put(service, 1);
            for (String callee : callGraph.get(service)) {
                findCycle(callee, state, path);
            }
            state.put(service, 2);
            path.removeLast();
        }

        private static void validateNames(String field, List<String> names, boolean mayBeEmpty) {
            if (!mayBeEmpty && names.isEmpty()) {
                throw bad(field, names, "at least one name");
            }
            for (String name : names) {
                if (name == null || !NAME.matcher(name).matches()) {
                    throw bad(field, name, "names of 1 to 63 characters: lower-case letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit");
                }
            }
        }

        private static void requireInterval(String field, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw bad(field, value, "a duration from " + min + " to " + max);
            }
        }

        private static void requireShare(String field, double value, boolean oneAllowed) {
            if (!(value >= 0) || (oneAllowed ? value > 1 : value >= 1)) {
                throw bad(field, value, oneAllowed ? "a share from 0 to 1" : "a share from 0 up to, not including, 1");
            }
        }

        private static IllegalArgumentException bad(String field, Object value, String accepted) {
            // 1e7 reads as 10000000, not as Java's 1.0E7.
            Object shown = value instanceof Double && Double.isFinite((Double) value)
                    ? java.math.BigDecimal.valueOf((Double) value).stripTrailingZeros().toPlainString() : value;
            return new IllegalArgumentException(field + ": " + shown + " is not accepted; expected " + accepted);
        }
    }
}
