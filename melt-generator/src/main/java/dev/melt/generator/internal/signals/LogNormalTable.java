package dev.melt.generator.internal.signals;

/**
 * The log-normal multiplier {@code e^(sigma z)} of a standard normal {@code z}, read from a table
 * of its 1,024 equiprobable quantiles with linear interpolation between them, from 20 random
 * bits. Hand-written rather than a Ziggurat normal and {@code Math.exp} per call: the request
 * population draws one per call of every request, and the table halves that cost (see
 * docs/performance.md). The interpolation keeps the distribution continuous; the body is exact
 * to the table's resolution and the table ends at the 99.95th percentile ({@code z = 3.3}),
 * beyond which the Pareto tail of {@link RequestsGenerator} takes over.
 */
final class LogNormalTable {

    private static final int BITS = 10;
    private static final int SIZE = 1 << BITS;
    private static final int FRACTION_BITS = 10;

    private final double[] table = new double[SIZE + 1];

    /**
     * Builds the table of one sigma.
     *
     * @param sigma the log-normal's sigma
     */
    LogNormalTable(double sigma) {
        for (int i = 0; i <= SIZE; i++) {
            double p = (Math.min(i, SIZE - 1) + 0.5) / SIZE;
            table[i] = Math.exp(sigma * inverseNormal(p));
        }
    }

    /**
     * Returns a multiplier.
     *
     * @param bits 20 uniform random bits, in the low bits
     * @return {@code e^(sigma z)} for a standard normal {@code z}
     */
    double at(long bits) {
        int i = (int) (bits >>> FRACTION_BITS) & (SIZE - 1);
        double f = (bits & ((1 << FRACTION_BITS) - 1)) * (1.0 / (1 << FRACTION_BITS));
        double lo = table[i];
        return lo + f * (table[i + 1] - lo);
    }

    /**
     * The standard normal quantile function, by Acklam's rational approximation (relative error
     * below 1.15e-9), used only to fill the table.
     */
    static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
