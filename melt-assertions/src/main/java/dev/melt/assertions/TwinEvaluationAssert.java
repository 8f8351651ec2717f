package dev.melt.assertions;

import dev.melt.assertions.internal.Listing;
import dev.melt.generator.Incident;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link TwinEvaluation}: a detector scored on a dataset and its counterfactual
 * twin. Each check fails naming what it found wrong, one line each (the first ten, then a count):
 *
 * <pre>
 * Expecting every alarm the removed incidents caused to lie within PT1M of an incident's affected span,
 * but 1 of 3 incident alarms lies farther:
 *   2024-01-01T00:21:30Z on payment (host payment-01): 4 minutes 30 seconds after inc-0001 cpu_spike at ...
 * </pre>
 */
public class TwinEvaluationAssert extends AbstractAssert<TwinEvaluationAssert, TwinEvaluation> {

    /**
     * Creates the assertion; prefer {@link MeltAssertions#assertThat(TwinEvaluation)}.
     *
     * @param actual the evaluation
     */
    public TwinEvaluationAssert(TwinEvaluation actual) {
        super(actual, TwinEvaluationAssert.class);
    }

    /**
     * Verifies that every alarm the removed incidents caused (an alarm of the original the twin does
     * not raise) lies within the tolerance of a removed incident's affected span. Fails naming each
     * stray alarm and how far it lies from the nearest incident.
     *
     * @return this assertion
     */
    public TwinEvaluationAssert everyIncidentAlarmLiesNearItsIncident() {
        isNotNull();
        List<Detection> stray = actual.strayIncidentAlarms();
        if (!stray.isEmpty()) {
            failWithMessage("%nExpecting every alarm the removed incidents caused to lie within %s of an incident's"
                    + " affected span,%nbut %s of %s lies farther:%s", actual.tolerance(),
                    stray.size(), Listing.count(actual.incidentAlarms().size(), "incident alarm"),
                    Listing.lines(stray, d -> d + ": " + actual.distanceToNearestIncident(d) + " beyond the span of "
                            + nearest(d)));
        }
        return myself;
    }

    /**
     * Verifies that each removed incident caused at least one alarm near it. Fails naming each
     * incident that caused none (and the detector's baseline alarms, which it raised anyway).
     *
     * @return this assertion
     */
    public TwinEvaluationAssert detectsEveryRemovedIncident() {
        isNotNull();
        List<Incident> missed = actual.missedIncidents();
        if (!missed.isEmpty()) {
            failWithMessage("%nExpecting every removed incident to cause an alarm within %s of its affected span,%n"
                    + "but %s of %s caused none:%s%s", actual.tolerance(), missed.size(),
                    Listing.count(actual.removedIncidents().size(), "removed incident"),
                    Listing.lines(missed, Listing::incident),
                    Listing.section("Baseline alarms (raised on the twin too, " + actual.baselineAlarms().size() + ")",
                            actual.baselineAlarms(), Detection::toString));
        }
        return myself;
    }

    /**
     * Verifies that the detector raises at most {@code maximum} alarms on the baseline: alarms of
     * the original that its twin raises too. Fails naming them.
     *
     * @param maximum the most baseline alarms accepted, 0 or more
     * @return this assertion
     * @throws IllegalArgumentException when {@code maximum} is negative
     */
    public TwinEvaluationAssert hasAtMostBaselineAlarms(int maximum) {
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum: " + maximum + " is not accepted; expected 0 or more");
        }
        isNotNull();
        List<Detection> baseline = actual.baselineAlarms();
        if (baseline.size() > maximum) {
            failWithMessage("%nExpecting at most %s raised on the baseline (on the twin too),%nbut found %s:%s",
                    Listing.count(maximum, "alarm"), baseline.size(), Listing.lines(baseline, Detection::toString));
        }
        return myself;
    }

    private String nearest(Detection d) {
        Incident best = null;
        long gap = Long.MAX_VALUE;
        for (Incident i : actual.removedIncidents()) {
            long g = Math.abs(d.startEpochNanos() - i.start().getEpochSecond() * 1_000_000_000L);
            if (g < gap) {
                gap = g;
                best = i;
            }
        }
        return best == null ? "no incident" : Listing.incident(best);
    }
}
