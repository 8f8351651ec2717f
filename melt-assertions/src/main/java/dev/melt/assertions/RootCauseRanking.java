package dev.melt.assertions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an RCA engine answers: for each incident, the candidate root causes, most likely first.
 * An engine that only sees its own alerts ranks those instead; each alert is matched to the
 * incidents it overlaps in time (widened by the tolerance) and on the service it names (see
 * {@link RcaEvaluation}):
 *
 * <pre>{@code
 * RootCauseRanking byAlert = RootCauseRanking.builder()
 *         .rankAlert(Detection.between(from, to).on("frontend"), "payment", "checkout")
 *         .build();
 * }</pre>
 *
 * Or keyed by the ground truth's incident ids:
 *
 * <pre>{@code
 * RootCauseRanking ranking = RootCauseRanking.builder()
 *         .rank("inc-0001", "payment", "checkout", "frontend")
 *         .rank("inc-0002", List.of(RootCauseCandidate.service("db").onHost("db-1")))
 *         .build();
 * }</pre>
 */
public final class RootCauseRanking {

    private final Map<String, List<RootCauseCandidate>> rankings;
    private final List<AlertRanking> alertRankings;

    private RootCauseRanking(Map<String, List<RootCauseCandidate>> rankings, List<AlertRanking> alertRankings) {
        this.rankings = Collections.unmodifiableMap(rankings);
        this.alertRankings = List.copyOf(alertRankings);
    }

    /**
     * The ranking an RCA engine made for one of its own alerts.
     *
     * @param alert when (and on which service or host) the engine's alert fired
     * @param candidates the candidates, most likely first
     */
    public record AlertRanking(Detection alert, List<RootCauseCandidate> candidates) {

        /**
         * Copies the candidates.
         *
         * @param alert the alert
         * @param candidates the candidates
         */
        public AlertRanking {
            Objects.requireNonNull(alert, "alert");
            candidates = List.copyOf(candidates);
        }
    }

    /** @return the rankings of alerts, in the order they were added */
    public List<AlertRanking> alertRankings() {
        return alertRankings;
    }

    /**
     * Creates a ranking from service names.
     *
     * @param servicesByIncident for each incident id, the suspected services, most likely first
     * @return the ranking
     */
    public static RootCauseRanking of(Map<String, ? extends List<String>> servicesByIncident) {
        Builder builder = builder();
        servicesByIncident.forEach((id, services) -> builder.rank(id, services.toArray(String[]::new)));
        return builder.build();
    }

    /** @return a builder of rankings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the ranked candidates by incident id, in the order they were added */
    public Map<String, List<RootCauseCandidate>> rankings() {
        return rankings;
    }

    /**
     * Returns the ranking of one incident.
     *
     * @param incidentId the incident id
     * @return its candidates, most likely first, or empty when the engine ranked nothing for it
     */
    public Optional<List<RootCauseCandidate>> candidates(String incidentId) {
        return Optional.ofNullable(rankings.get(incidentId));
    }

    @Override
    public String toString() {
        return alertRankings.isEmpty() ? rankings.toString() : rankings + " " + alertRankings;
    }

    /** Collects the ranking of each incident. */
    public static final class Builder {

        private final Map<String, List<RootCauseCandidate>> rankings = new LinkedHashMap<>();
        private final List<AlertRanking> alertRankings = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds the ranking of one incident, as service names.
         *
         * @param incidentId the incident id
         * @param services the suspected services, most likely first
         * @return this builder
         */
        public Builder rank(String incidentId, String... services) {
            return rank(incidentId, services(services));
        }

        private static List<RootCauseCandidate> services(String... services) {
            List<RootCauseCandidate> candidates = new ArrayList<>();
            for (String service : services) {
                candidates.add(RootCauseCandidate.service(service));
            }
            return candidates;
        }

        /**
         * Adds the ranking of one incident.
         *
         * @param incidentId the incident id
         * @param candidates the candidates, most likely first
         * @return this builder
         * @throws IllegalArgumentException when the incident was already ranked
         */
        public Builder rank(String incidentId, List<RootCauseCandidate> candidates) {
            Objects.requireNonNull(incidentId, "incidentId");
            if (rankings.containsKey(incidentId)) {
                throw new IllegalArgumentException("incidentId: '" + incidentId
                        + "' is not accepted; it is already ranked, expected each incident once");
            }
            rankings.put(incidentId, List.copyOf(candidates));
            return this;
        }

        /**
         * Adds the ranking of one of the engine's own alerts, as service names.
         *
         * @param alert the alert: its window, and the service (or host) when it names one
         * @param services the suspected services, most likely first
         * @return this builder
         */
        public Builder rankAlert(Detection alert, String... services) {
            return rankAlert(alert, services(services));
        }

        /**
         * Adds the ranking of one of the engine's own alerts.
         *
         * @param alert the alert: its window, and the service (or host) when it names one
         * @param candidates the candidates, most likely first
         * @return this builder
         */
        public Builder rankAlert(Detection alert, List<RootCauseCandidate> candidates) {
            alertRankings.add(new AlertRanking(alert, candidates));
            return this;
        }

        /** @return the ranking */
        public RootCauseRanking build() {
            return new RootCauseRanking(new LinkedHashMap<>(rankings), alertRankings);
        }
    }
}
