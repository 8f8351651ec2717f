package dev.melt.assertions.internal;

/**
 * Affiliation precision and recall of Huet, Navarro and Rossi, "Local Evaluation of Time Series
 * Anomaly Detection Algorithms" (KDD 2022), computed exactly on intervals of a line.
 *
 * <p>The series {@code [a, b)} is cut into one affiliation zone per real event: the points
 * closer to it than to any other (zones meet half-way between two events; the first starts at
 * {@code a}, the last ends at {@code b}). In zone {@code E} of real event {@code J}, with the
 * predicted intervals {@code Y} clipped to the zone:
 * <ul>
 *   <li>precision is the mean over {@code y ∈ Y} of {@code P(dist(U, J) ≥ dist(y, J))} for
 *       {@code U} uniform on {@code E}; undefined when {@code Y} is empty;</li>
 *   <li>recall is the mean over {@code x ∈ J} of {@code P(|U − x| ≥ dist(x, Y))}; 0 when
 *       {@code Y} is empty.</li>
 * </ul>
 * The dataset's precision averages the defined zones' precisions, its recall every zone's recall.
 * Each integrand is linear between known kinks (the ends of {@code J} and of {@code Y}, the
 * midpoints between intervals of {@code Y}, and where a probability reaches 0), so every integral
 * is the exact sum of trapezoids. Checked against the authors' reference implementation
 * (affiliation-metrics-py, {@code pr_from_events}) to 1e-9 in the tests.
 */
public final class Affiliation {

    private Affiliation() {
    }

    /** The linear parts of a probability whose integrand is {@code (max(0, A) + max(0, B)) / |E|}. */
    @FunctionalInterface
    private interface Parts {
        /** Writes A(x) and B(x) into {@code out}. */
        void at(double x, double[] out);
    }

    /**
     * Computes affiliation precision and recall.
     *
     * @param realStart starts of the real events, sorted, disjoint, each shorter than its end
     * @param realEnd their ends
     * @param realCount how many real events, at least 1
     * @param predStart starts of the predicted events, sorted and disjoint
     * @param predEnd their ends
     * @param predCount how many predicted events
     * @param a the start of the series, at most every start
     * @param b its end, at least every end
     * @return {@code {precision, recall}}; precision is NaN when no zone holds a prediction
     */
    public static double[] precisionRecall(double[] realStart, double[] realEnd, int realCount, double[] predStart,
                                           double[] predEnd, int predCount, double a, double b) {
        double precisionSum = 0;
        int precisionZones = 0;
        double recallSum = 0;
        double[] ys = new double[predCount];
        double[] ye = new double[predCount];
        int first = 0;
        for (int j = 0; j < realCount; j++) {
            double e1 = j == 0 ? a : (realEnd[j - 1] + realStart[j]) / 2;
            double e2 = j == realCount - 1 ? b : (realEnd[j] + realStart[j + 1]) / 2;
            // The predicted intervals that meet the zone, clipped to it.
            while (first < predCount && predEnd[first] < e1) {
                first++;
            }
            int n = 0;
            for (int k = first; k < predCount && predStart[k] <= e2; k++) {
                double s = Math.max(predStart[k], e1);
                double e = Math.min(predEnd[k], e2);
                if (e > s) {
                    ys[n] = s;
                    ye[n] = e;
                    n++;
                }
            }
            double j1 = realStart[j];
            double j2 = realEnd[j];
            double length = 0;
            for (int k = 0; k < n; k++) {
                length += ye[k] - ys[k];
            }
            if (n > 0 && length > 0) {
                precisionSum += precision(ys, ye, n, j1, j2, e1, e2) / length;
                precisionZones++;
            }
            recallSum += n == 0 ? 0 : recall(ys, ye, n, j1, j2, e1, e2) / (j2 - j1);
        }
        double precision = precisionZones == 0 ? Double.NaN : precisionSum / precisionZones;
        return new double[] {precision, recallSum / realCount};
    }

    /** The integral over Y of P(dist(U, J) ≥ dist(y, J)): 1 inside J, the share of E farther from J outside it. */
    private static double precision(double[] ys, double[] ye, int n, double j1, double j2, double e1, double e2) {
        Parts parts = (y, out) -> {
            double d = y < j1 ? j1 - y : y > j2 ? y - j2 : 0;
            out[0] = j1 - d - e1;
            out[1] = e2 - j2 - d;
        };
        double sum = 0;
        for (int k = 0; k < n; k++) {
            // Inside J the distance is 0, and every U is at least that far: the probability is 1.
            sum += Math.max(0, Math.min(ye[k], j2) - Math.max(ys[k], j1));
            sum += integrate(ys[k], Math.min(ye[k], j1), new double[0], parts, e2 - e1);
            sum += integrate(Math.max(ys[k], j2), ye[k], new double[0], parts, e2 - e1);
        }
        return sum;
    }

    /** The integral over J of P(|U − x| ≥ dist(x, Y)), each part of J taken by its nearest interval of Y. */
    private static double recall(double[] ys, double[] ye, int n, double j1, double j2, double e1, double e2) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double from = Math.max(j1, k == 0 ? Double.NEGATIVE_INFINITY : (ye[k - 1] + ys[k]) / 2);
            double to = Math.min(j2, k == n - 1 ? Double.POSITIVE_INFINITY : (ye[k] + ys[k + 1]) / 2);
            if (to <= from) {
                continue;
            }
            double s = ys[k];
            double e = ye[k];
            Parts parts = (x, out) -> {
                double d = x < s ? s - x : x > e ? x - e : 0;
                out[0] = x - d - e1;
                out[1] = e2 - x - d;
            };
            sum += integrate(from, to, new double[] {s, e}, parts, e2 - e1);
        }
        return sum;
    }

    /**
     * Integrates {@code (max(0, A) + max(0, B)) / zone} over {@code [from, to]}, where A and B are
     * linear between the kinks given and between the roots found on each piece.
     */
    private static double integrate(double from, double to, double[] kinks, Parts parts, double zone) {
        if (to <= from || zone <= 0) {
            return 0;
        }
        double[] cuts = new double[kinks.length + 2];
        int m = 0;
        cuts[m++] = from;
        for (double k : kinks) {
            if (k > from && k < to) {
                cuts[m++] = k;
            }
        }
        cuts[m++] = to;
        java.util.Arrays.sort(cuts, 0, m);
        double[] lo = new double[2];
        double[] hi = new double[2];
        double sum = 0;
        for (int i = 0; i + 1 < m; i++) {
            double u = cuts[i];
            double v = cuts[i + 1];
            if (v <= u) {
                continue;
            }
            parts.at(u, lo);
            parts.at(v, hi);
            for (int p = 0; p < 2; p++) {
                sum += positivePart(u, v, lo[p], hi[p]);
            }
        }
        return sum / zone;
    }

    /** The integral over [u, v] of max(0, f) for f linear with f(u) = fu and f(v) = fv. */
    private static double positivePart(double u, double v, double fu, double fv) {
        if (fu >= 0 && fv >= 0) {
            return (v - u) * (fu + fv) / 2;
        }
        if (fu <= 0 && fv <= 0) {
            return 0;
        }
        double root = u + (v - u) * fu / (fu - fv);
        return fu > 0 ? (root - u) * fu / 2 : (v - root) * fv / 2;
    }
}
