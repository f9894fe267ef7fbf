package io.crossbarlab.sim.random;

/**
 * Exponential (and {@code expm1}, {@code tanh}, {@code pow}) from IEEE-754 additions and
 * multiplications only, so that the result is the same bit pattern on every JVM, JIT and CPU. {@link
 * Math#exp} and {@link Math#pow} are HotSpot intrinsics on x86-64 whose results differ from the
 * fdlibm values of {@link StrictMath} in about one case in ten (measured on JDK 17 and 25), and
 * other CPUs or {@code -XX:-UseLibmIntrinsic} give the fdlibm values: the same seed could then give
 * another run on another machine. Activations, softmax, capacitor leakage and the PCM SET curve use
 * this class; {@link Ln} is its counterpart for logarithms.
 *
 * <p>Method: x = (64k + j) ln2/64 + r with integers k, j (0 <= j < 64) and |r| <= ln2/128, so exp x =
 * 2^k * 2^(j/64) * e^r. The product n*ln2/64 is subtracted in two parts (Cody and Waite) so that r
 * is exact to well below an ulp; e^r - 1 is its Taylor series to r^6, whose first neglected term is
 * below 2^-57 r; 2^(j/64) comes from a 64-entry table of {@link StrictMath#pow} values (fixed bit for
 * bit by the Java specification); 2^k is put into the exponent field. Error against {@code
 * StrictMath.exp} is checked in {@code ExpTests}.
 */
public final class Exp {

    private static final int TABLE_BITS = 6;
    private static final int SIZE = 1 << TABLE_BITS;
    private static final double[] TWO_TO_J = new double[SIZE];

    /** 64/ln 2, and ln2/64 in a high part with trailing zero bits (exact times n) plus the rest. */
    private static final double INV_STEP = SIZE * 1.4426950408889634; // only picks n; r is exact

    private static final double STEP_HI = 0.6931471803691238 / SIZE;
    private static final double STEP_LO = 1.9082149292705877e-10 / SIZE;
    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer. */
    private static final double ROUND_SHIFT = 0x1.8p52;

    /** Arguments in (-LIMIT, LIMIT) take the fast path: 2^k stays a normal double. */
    private static final double LIMIT = 700.0;

    static {
        for (int j = 0; j < SIZE; j++) {
            TWO_TO_J[j] = StrictMath.pow(2.0, (double) j / SIZE);
        }
    }

    private Exp() {}

    /** e^x; 0 for -infinity, +infinity for +infinity, NaN for NaN. */
    public static double exp(double x) {
        if (!(x > -LIMIT && x < LIMIT)) {
            return StrictMath.exp(x); // NaN, infinities, overflow and subnormal results: rare
        }
        // n = rint(x * 64/ln2) by adding and subtracting 1.5 * 2^52: at that magnitude a double's ulp
        // is 1, so the addition rounds to the nearest integer, ties to even, exactly as Math.rint
        // does for |x * 64/ln2| < 2^51 (here below 2^16), and n sits in the low bits of the sum.
        // Not Math.rint, whose instruction, like the scalar conversions (see Activation#apply), can
        // wait on an unrelated earlier result; the same n.
        double shifted = x * INV_STEP + ROUND_SHIFT;
        int n = (int) Double.doubleToRawLongBits(shifted);
        double nf = shifted - ROUND_SHIFT;
        double r = (x - nf * STEP_HI) - nf * STEP_LO;
        double t = TWO_TO_J[n & (SIZE - 1)];
        double scale = Double.longBitsToDouble((long) ((n >> TABLE_BITS) + 1023) << 52);
        return (t + t * expm1Small(r)) * scale;
    }

    /**
     * e^x - 1 with relative accuracy also for small x (where {@code exp(x) - 1} would lose it): the
     * series directly for |x| <= ln2/128, otherwise {@code exp(x) - 1}, which then loses at most 8
     * bits to cancellation.
     */
    public static double expm1(double x) {
        if (Math.abs(x) <= 0.5 * STEP_HI) {
            return expm1Small(x);
        }
        return exp(x) - 1.0;
    }

    /** tanh x = (e^2x - 1) / (e^2x + 1), evaluated on |x| through {@link #expm1}. */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a > 20) {
            return Math.copySign(1.0, x); // tanh 20 rounds to 1 in double
        }
        double e = expm1(2 * a);
        return Math.copySign(e / (e + 2.0), x);
    }

    /**
     * x^y for x >= 0 as e^(y ln x), through {@link Ln#log}: 1 for y = 0, 0 for x = 0 and y > 0, NaN
     * for x < 0. The relative error grows with |y ln x| (about |y ln x| * 2^-53 besides the ulps of
     * exp and log), ample for device curves, whose results are stored as floats.
     */
    public static double pow(double x, double y) {
        if (y == 0.0) {
            return 1.0;
        }
        if (x == 0.0 && y > 0) {
            return 0.0;
        }
        return exp(y * Ln.log(x));
    }

    /** e^r - 1 for |r| <= ln2/128 (a little more is harmless): Taylor series to r^6. */
    private static double expm1Small(double r) {
        double r2 = r * r;
        double q = (0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720));
        return r + r2 * q;
    }
}
