package io.crossbarlab.sim.random;

/**
 * Natural logarithm from IEEE-754 additions and multiplications only, so that its result is the
 * same bit pattern on every JVM, JIT and CPU (unlike {@link Math#log}, whose intrinsic may differ by
 * an ulp between JDKs) and no slower than {@code Math.log} (docs/speed-attempts.md). Everything random that
 * needs a logarithm uses it (the thinning rate of the pulse coder, the ziggurat tables and tails,
 * losses), so that a seed gives the same simulation everywhere.
 *
 * <p>Method: write x = 2^e * m with m in [1, 2) and take the table point c = 1 + i/128 nearest to m;
 * then log x = e*ln 2 + log c + log(1 + r) with r = (m - c)/c, |r| <= 1/256. m - c is exact
 * (Sterbenz), so r carries about one rounding even when x is close to 1. For m >= 1.5 the same r is
 * used with the pair (e + 1, c/2), so that every x in [0.75, 1.5) has e = 0 and no ln 2 to cancel:
 * results near zero keep their relative accuracy. log(1 + r) is its Taylor series to r^8, whose
 * first neglected term is below 2^-66 |r|. The table's logarithms come from {@link StrictMath#log},
 * which the Java specification fixes bit for bit. Error against {@code StrictMath.log} is checked in
 * {@code LnTests}.
 */
public final class Ln {

    private static final int TABLE_BITS = 7;
    private static final int SIZE = 1 << TABLE_BITS;
    private static final double[] C = new double[SIZE + 1];
    private static final double[] INV_C = new double[SIZE + 1];
    /** log c for m < 1.5 at [i], log(c/2) for m >= 1.5 at [SIZE + 1 + i]. */
    private static final double[] LOG_C = new double[2 * (SIZE + 1)];

    private static final double LN2 = StrictMath.log(2.0);
    private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    private static final long ONE_EXPONENT = 0x3FF0_0000_0000_0000L;
    private static final int SHIFT = 52 - TABLE_BITS;

    static {
        for (int i = 0; i <= SIZE; i++) {
            double c = 1.0 + (double) i / SIZE;
            C[i] = c;
            INV_C[i] = 1.0 / c;
            LOG_C[i] = StrictMath.log(c);
            LOG_C[SIZE + 1 + i] = StrictMath.log(c / 2);
        }
    }

    private Ln() {}

    /** ln x; NaN for x < 0 or NaN, -infinity for +-0, +infinity for +infinity. */
    public static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52) - 1023; // a set sign bit puts e out of range: special()
        if (e < -1022 || e > 1023) {
            return special(x);
        }
        long mantissa = bits & MANTISSA;
        int i = (int) ((mantissa + (1L << (SHIFT - 1))) >>> SHIFT); // nearest point, 0..128
        int upper = (int) (mantissa >>> 51); // 1 when m >= 1.5
        double m = Double.longBitsToDouble(mantissa | ONE_EXPONENT);
        double r = (m - C[i]) * INV_C[i];
        // log(1 + r) = r + r^2 * (-1/2 + r/3 - r^2/4 + r^3/5 - r^4/6 + r^5/7 - r^6/8): r is added last
        // so that the rounding of the small correction hardly shows; terms grouped in pairs to
        // shorten the dependency chain
        double r2 = r * r;
        double r4 = r2 * r2;
        double q = ((-0.5 + r * (1.0 / 3)) + r2 * (-0.25 + r * 0.2)) + r4 * ((-1.0 / 6 + r * (1.0 / 7)) - r2 * 0.125);
        double log1p = r + r2 * q;
        return (e + upper) * LN2 + (LOG_C[upper * (SIZE + 1) + i] + log1p);
    }

    private static double special(double x) {
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        // subnormal: scale into the normal range (exact) and correct the exponent
        return log(x * 0x1p54) - 54 * LN2;
    }
}
