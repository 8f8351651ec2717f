package dev.melt.assertions;

import dev.melt.generator.GroundTruth;
import dev.melt.generator.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The scores of a {@link RootCauseRanking} against a {@link GroundTruth}, as the RCA benchmarks
 * define them (RCAEval: Pham et al., WWW 2025; BARO, FSE 2024):
 * <ul>
 *   <li>AC@k {@link #topKAccuracy(int)}: the share of incidents whose root cause is among the
 *       first k candidates;</li>
 *   <li>Avg@k {@link #averageTopKAccuracy(int)}: the mean of AC@1 … AC@k;</li>
 *   <li>MRR {@link #meanReciprocalRank()}: the mean of 1 / rank of the root cause, 0 for an
 *       incident whose ranking does not contain it.</li>
 * </ul>
 * An incident the engine did not rank counts as a miss at every k. An incident without a ranking
 * under its id takes the ranking of the earliest {@linkplain RootCauseRanking#alertRankings()
 * alert} that matches it as a detection matches it in {@link Evaluation}: the alert shares an
 * instant with one of its affected windows widened by the options' tolerance, on that window's
 * service when the alert names one, and on its host when both name one. Alerts are few, so each
 * is compared with every window. A candidate names the root
 * cause when it names its service, and its host or version when both name one, or, for a root
 * cause that is an edge between two services ({@code network_delay}, {@code packet_loss}), when it
 * is that edge (see {@link RootCauseCandidate#isRootCauseOf(Incident)}); the rank is that of the first such
 * candidate. With no incident every score is the {@linkplain ScoringOptions#zeroDivision() zero
 * division} of the options, 0 by default (RCAEval reports nothing there).
 */
public final class RcaEvaluation {

    private final GroundTruth truth;
    private final RootCauseRanking ranking;
    private final int[] ranks;
    private final double zeroDivision;
    private final List<List<RootCauseCandidate>> candidates;

    private RcaEvaluation(RootCauseRanking ranking, GroundTruth truth, ScoringOptions options) {
        this.truth = truth;
        this.zeroDivision = options.zeroDivision();
        this.ranking = ranking;
        for (String id : ranking.rankings().keySet()) {
            if (truth.incident(id).isEmpty()) {
                throw new IllegalArgumentException("ranking: incident '" + id
                        + "' is not accepted; expected ids of incidents of the ground truth, such as "
                        + (truth.incidents().isEmpty() ? "(none: the ground truth has no incident)"
                        : truth.incidents().get(0).id()));
            }
        }
        List<Incident> incidents = truth.incidents();
        ranks = new int[incidents.size()];
        List<RootCauseRanking.AlertRanking> alerts = new ArrayList<>(ranking.alertRankings());
        alerts.sort(java.util.Comparator.comparingLong(a -> a.alert().startEpochNanos())); // stable: ties keep order
        long tolerance = options.tolerance().toNanos();
        List<List<RootCauseCandidate>> resolved = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            Incident incident = incidents.get(i);
            List<RootCauseCandidate> given = ranking.candidates(incident.id()).orElse(null);
            if (given == null) {
                for (RootCauseRanking.AlertRanking alert : alerts) {
                    if (matches(alert.alert(), incident, tolerance)) {
                        given = alert.candidates();
                        break;
                    }
                }
            }
            resolved.add(given);
            List<RootCauseCandidate> candidates = given == null ? List.of() : given;
            for (int r = 0; r < candidates.size(); r++) {
                if (candidates.get(r).isRootCauseOf(incident)) {
                    ranks[i] = r + 1;
                    break;
                }
            }
        }
        this.candidates = resolved;
    }

    private static boolean matches(Detection alert, Incident incident, long tolerance) {
        long a = alert.startEpochNanos();
        long b = alert.endEpochNanos();
        for (dev.melt.generator.AffectedService window : incident.affected()) {
            long s = dev.melt.assertions.internal.EpochNanos.of(window.start()) - tolerance;
            long e = dev.melt.assertions.internal.EpochNanos.of(window.end()) + tolerance;
            boolean sharesAnInstant = a < e && (a >= s || b > s);
            boolean sameService = alert.service() == null || alert.service().equals(window.service());
            boolean sameHost = alert.host() == null || window.host() == null || alert.host().equals(window.host());
            if (sharesAnInstant && sameService && sameHost) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the ranking scored for an incident: its own, or that of the alert matched to it.
     *
     * @param incidentId the incident id
     * @return the candidates, or empty when the incident was not ranked
     * @throws IllegalArgumentException when the truth has no incident with that id
     */
    public Optional<List<RootCauseCandidate>> candidatesOf(String incidentId) {
        for (int i = 0; i < ranks.length; i++) {
            if (truth.incidents().get(i).id().equals(incidentId)) {
                return Optional.ofNullable(candidates.get(i));
            }
        }
        throw new IllegalArgumentException("incidentId: '" + incidentId
                + "' is not accepted; expected the id of an incident of the ground truth");
    }

    /**
     * Scores a ranking.
     *
     * @param ranking the RCA engine's answer
     * @param truth the ground truth
     * @return the evaluation
     * @throws IllegalArgumentException when the ranking names an incident the truth does not have
     */
    public static RcaEvaluation of(RootCauseRanking ranking, GroundTruth truth) {
        return of(ranking, truth, ScoringOptions.defaults());
    }

    /**
     * Scores a ranking with the zero division of some options.
     *
     * @param ranking the RCA engine's answer
     * @param truth the ground truth
     * @param options the options; the zero division and the tolerance (matching alerts) apply
     * @return the evaluation
     * @throws IllegalArgumentException when the ranking names an incident the truth does not have
     */
    public static RcaEvaluation of(RootCauseRanking ranking, GroundTruth truth, ScoringOptions options) {
        return new RcaEvaluation(Objects.requireNonNull(ranking, "ranking"), Objects.requireNonNull(truth, "truth"),
                Objects.requireNonNull(options, "options"));
    }

    /** @return the ground truth */
    public GroundTruth groundTruth() {
        return truth;
    }

    /** @return the ranking scored */
    public RootCauseRanking ranking() {
        return ranking;
    }

    /** @return the number of incidents */
    public int incidentCount() {
        return ranks.length;
    }

    /**
     * Returns the rank of an incident's root cause.
     *
     * @param incidentId the incident id
     * @return the 1-based rank, or empty when the root cause is not in its ranking
     * @throws IllegalArgumentException when the truth has no incident with that id
     */
    public OptionalInt rankOf(String incidentId) {
        for (int i = 0; i < ranks.length; i++) {
            if (truth.incidents().get(i).id().equals(incidentId)) {
                return ranks[i] == 0 ? OptionalInt.empty() : OptionalInt.of(ranks[i]);
            }
        }
        throw new IllegalArgumentException("incidentId: '" + incidentId
                + "' is not accepted; expected the id of an incident of the ground truth");
    }

    /**
     * AC@k.
     *
     * @param k how many candidates count, at least 1
     * @return the share of incidents whose root cause is in the top k, or the zero division when
     *     there is no incident
     */
    public double topKAccuracy(int k) {
        requirePositive(k);
        int hits = 0;
        for (int rank : ranks) {
            if (rank != 0 && rank <= k) {
                hits++;
            }
        }
        return Evaluation.ratio(hits, ranks.length, zeroDivision);
    }

    /**
     * Avg@k = (AC@1 + … + AC@k) / k.
     *
     * @param k the largest k averaged, at least 1
     * @return Avg@k
     */
    public double averageTopKAccuracy(int k) {
        requirePositive(k);
        double sum = 0;
        for (int j = 1; j <= k; j++) {
            sum += topKAccuracy(j);
        }
        return sum / k;
    }

    /**
     * @return the mean reciprocal rank (0 for an unranked root cause), or the zero division with no
     *     incident
     */
    public double meanReciprocalRank() {
        if (ranks.length == 0) {
            return zeroDivision;
        }
        double sum = 0;
        for (int rank : ranks) {
            sum += rank == 0 ? 0 : 1.0 / rank;
        }
        return sum / ranks.length;
    }

    /**
     * Returns the incidents whose root cause is not among the first k candidates.
     *
     * @param k how many candidates count, at least 1
     * @return those incidents, in ground-truth order
     */
    public List<Incident> incidentsMissedInTopK(int k) {
        requirePositive(k);
        List<Incident> missed = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == 0 || ranks[i] > k) {
                missed.add(truth.incidents().get(i));
            }
        }
        return missed;
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: " + k + " is not accepted; expected 1 or more");
        }
    }

    @Override
    public String toString() {
        return "RcaEvaluation[AC@1=" + topKAccuracy(1) + ", AC@3=" + topKAccuracy(3) + ", MRR=" + meanReciprocalRank()
                + ", incidents=" + ranks.length + "]";
    }
}
