package io.crossbarlab.sim.random;

/**
 * Standard normal variates for small, frequent noise terms, drawn as 12-bit slices of one 64-bit
 * output (five variates per output): entry k of a table of {@value #SIZE} values is the normal quantile
 * at (k + 1/2) / {@value #SIZE}, rescaled so that the table's variance is exactly 1. The tails are
 * cut at about ±3.5 sigma. Used where a physical noise is itself only approximately Gaussian (the
 * charge of a 3T1C pulse) and one variate per event would dominate the event's cost.
 */
public final class NormalTable implements java.io.Serializable {

    static final int BITS = 12;

    /** Entries of the table. */
    public static final int SIZE = 1 << BITS;

    private static final int MASK = SIZE - 1;

    private static final float[] TABLE = build();

    private final SplitMix64 rng;
    private long bits;
    private int left;

    public NormalTable(SplitMix64 rng) {
        this.rng = rng;
    }

    /** The next variate: mean 0, variance 1, values on the table. */
    public float next() {
        if (left == 0) {
            bits = rng.nextLong();
            left = 64 / BITS;
        }
        int k = (int) bits & MASK;
        bits >>>= BITS;
        left--;
        return TABLE[k];
    }

    /** Entry k of the table (tests). */
    static float entry(int k) {
        return TABLE[k];
    }

    private static float[] build() {
        double[] q = new double[SIZE];
        double sumSquares = 0;
        for (int k = 0; k < SIZE; k++) {
            q[k] = quantile((k + 0.5) / SIZE);
            sumSquares += q[k] * q[k];
        }
        double scale = 1.0 / Math.sqrt(sumSquares / SIZE);
        float[] t = new float[SIZE];
        for (int k = 0; k < SIZE; k++) {
            t[k] = (float) (q[k] * scale);
        }
        return t;
    }

    /** The normal quantile by bisection on the CDF (deterministic: StrictMath only). */
    static double quantile(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Phi(x) from the complementary error function. */
    static double cdf(double x) {
        return 0.5 * erfc(-x / StrictMath.sqrt(2));
    }

    /** erfc by the published Chebyshev fit of Press et al., Numerical Recipes, 2nd ed., sec. 6.2 (fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t
                * StrictMath.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
