package dev.melt.assertions;

import static dev.melt.assertions.Fixtures.T0;
import static dev.melt.assertions.Fixtures.at;
import static dev.melt.assertions.Fixtures.incident;
import static dev.melt.assertions.MeltAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.melt.assertions.internal.Affiliation;
import dev.melt.generator.AnomalyType;
import dev.melt.generator.GroundTruth;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Affiliation precision and recall against the authors' reference implementation,
 * {@code affiliation-metrics-py} (github.com/ahstat/affiliation-metrics-py, commit 8d84498),
 * {@code affiliation.metrics.pr_from_events(events_pred, events_gt, Trange)}, run with Python 3 on
 * each vector below; the values are its output, to the last digit. The random vectors come from
 * {@code random.seed(5)} drawing 1–4 real and 0–6 predicted integer events in a range of 40–400;
 * 300 such vectors matched to 2e-16 when this was written (a throw-away harness, not committed).
 */
class AffiliationTest {

    private static final Offset<Double> REFERENCE = within(1e-12);

    /** Each row: the range, the real events, the predicted ones ("-" for none), precision ("nan" when undefined) and recall. */
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "0 30 2,5;11,14;20,25 1,3;6,18;25,26 0.46443198005698005 0.8462606837606836",
        "0 358 15,184;239,272;334,354 26,332 0.5647279736456937 0.877962498797196",
        "0 120 48,61 1,13;31,69;73,93 0.6478571428571429 1.0",
        "0 110 8,24;38,50;57,94 31,44 0.5662393162393162 0.2908179012345679",
        "0 249 177,213 - nan 0.0",
        "0 100 20,30;60,65 18,26;80,81 0.643939393939394 0.6754040404040405",
        "0 100 20,30;60,65 90,95 0.13636363636363633 0.09090909090909091",
        "0 100 20,30;60,65 0,100 0.514411794714825 1.0",
    })
    void equalsTheReferenceImplementation(double a, double b, String real, String predicted, String precision,
                                          double recall) {
        double[][] r = events(real);
        double[][] p = events(predicted);
        double[] pr = Affiliation.precisionRecall(r[0], r[1], r[0].length, p[0], p[1], p[0].length, a, b);
        if (precision.equals("nan")) {
            assertThat(pr[0]).isNaN();
        } else {
            assertThat(pr[0]).isCloseTo(Double.parseDouble(precision), REFERENCE);
        }
        assertThat(pr[1]).isCloseTo(recall, REFERENCE);
    }

    private static double[][] events(String text) {
        if (text.equals("-")) {
            return new double[][] {new double[0], new double[0]};
        }
        String[] parts = text.split(";");
        double[] start = new double[parts.length];
        double[] end = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] se = parts[i].split(",");
            start[i] = Double.parseDouble(se[0]);
            end[i] = Double.parseDouble(se[1]);
        }
        return new double[][] {start, end};
    }

    private static final ScoringOptions MINUTES = ScoringOptions.defaults().withTimeStep(Duration.ofMinutes(1));
    /** Two incidents, steps 20–29 and 60–64 of a 100-minute series: the last three rows above. */
    private static final GroundTruth TRUTH = new GroundTruth(T0, at(100), List.of(
            incident("inc-0001", AnomalyType.CPU_SPIKE, "a", null, 20, 30),
            incident("inc-0002", AnomalyType.ERROR_BURST, "b", null, 60, 65)));

    @Test
    void anEvaluationScoresItsLabelSeriesEvents() {
        Evaluation e = Evaluation.of(List.of(Detection.between(at(18), at(26)), Detection.at(at(80))), TRUTH, MINUTES);
        assertThat(e.affiliationPrecision()).isCloseTo(0.643939393939394, REFERENCE);
        assertThat(e.affiliationRecall()).isCloseTo(0.6754040404040405, REFERENCE);
        assertThat(e.affiliationF1()).isCloseTo(2 * 0.643939393939394 * 0.6754040404040405
                / (0.643939393939394 + 0.6754040404040405), REFERENCE);
        // A detection before the series' start is cut to it: the whole series, as in the last row.
        Evaluation everything = Evaluation.of(List.of(Detection.between(at(-5), at(100))), TRUTH, MINUTES);
        assertThat(everything.affiliationPrecision()).isCloseTo(0.514411794714825, REFERENCE);
        assertThat(everything.affiliationRecall()).isCloseTo(1.0, REFERENCE);
    }

    @Test
    void aSilentDetectorHasTheZeroDivisionAsPrecisionAndNoRecall() {
        Evaluation silent = Evaluation.of(List.of(), TRUTH, MINUTES);
        assertThat(silent.affiliationPrecision()).isZero();
        assertThat(silent.affiliationRecall()).isZero();
        assertThat(Evaluation.of(List.of(), TRUTH, MINUTES.withZeroDivision(1.0)).affiliationPrecision()).isEqualTo(1.0);
        assertThatThrownBy(() -> assertThat(silent).hasAffiliationPrecisionAtLeast(0.5))
                .isInstanceOf(AssertionError.class).hasMessageContaining("affiliation precision");
    }

    @Test
    void theAssertionsPassAtTheirValueAndFailAboveIt() {
        Evaluation e = Evaluation.of(List.of(Detection.between(at(18), at(26)), Detection.at(at(80))), TRUTH, MINUTES);
        assertThat(e).hasAffiliationPrecisionAtLeast(0.64).hasAffiliationRecallAtLeast(0.67);
        assertThatThrownBy(() -> assertThat(e).hasAffiliationRecallAtLeast(0.7))
                .isInstanceOf(AssertionError.class).hasMessageContaining("affiliation recall")
                .hasMessageContaining("0.675");
        assertThatThrownBy(() -> assertThat(e).hasAffiliationPrecisionAtLeast(0.7))
                .isInstanceOf(AssertionError.class).hasMessageContaining("affiliation precision");
    }
}
