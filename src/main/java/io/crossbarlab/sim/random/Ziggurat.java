package io.crossbarlab.sim.random;

/**
 * Exponential and normal deviates by the ziggurat method (G. Marsaglia and W. W. Tsang, "The Ziggurat
 * Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000; layer constants from that
 * paper): the density is covered by equal-area horizontal layers, and a draw that falls inside the
 * rectangle of its layer, about 99 % of them, costs one 64-bit draw, a table lookup and a multiply.
 * Only the rare wedge and tail cases evaluate an exponential or a logarithm. Exact in distribution
 * up to the 32-bit resolution of the value within a layer.
 *
 * <p>The layer index comes from the low bits and the value from the high 32 bits of the same 64-bit
 * draw, so the two are independent (the original used overlapping bits; J. A. Doornik, 2005, showed
 * the correlation this causes). Tables are computed once from {@link StrictMath#exp} and {@link
 * Ln#log}, and the wedge tests use {@link Exp#exp}: all exact functions of their input, so the
 * deviates are the same bits on every JDK.
 */
public final class Ziggurat {

    private static final int EXP_LAYERS = 256;
    private static final double EXP_R = 7.69711747013105;
    private static final double EXP_V = 3.949659822581572e-3;
    private static final long[] KE = new long[EXP_LAYERS];
    private static final double[] WE = new double[EXP_LAYERS];
    private static final double[] FE = new double[EXP_LAYERS];

    private static final int NORM_LAYERS = 128;
    private static final double NORM_R = 3.442619855899;
    private static final double NORM_V = 9.91256303526217e-3;
    private static final long[] KN = new long[NORM_LAYERS];
    private static final double[] WN = new double[NORM_LAYERS];
    private static final double[] FN = new double[NORM_LAYERS];

    private static final double TWO_32 = 4294967296.0;
    private static final double TWO_31 = 2147483648.0;

    static {
        // layer edges from the outermost inward, every layer of area v (the recurrences of the paper)
        double de = EXP_R;
        double te = de;
        double q = EXP_V / StrictMath.exp(-de);
        KE[0] = (long) ((de / q) * TWO_32);
        KE[1] = 0;
        WE[0] = q / TWO_32;
        WE[EXP_LAYERS - 1] = de / TWO_32;
        FE[0] = 1.0;
        FE[EXP_LAYERS - 1] = StrictMath.exp(-de);
        for (int i = EXP_LAYERS - 2; i >= 1; i--) {
            de = -Ln.log(EXP_V / de + StrictMath.exp(-de));
            KE[i + 1] = (long) ((de / te) * TWO_32);
            te = de;
            FE[i] = StrictMath.exp(-de);
            WE[i] = de / TWO_32;
        }
        double dn = NORM_R;
        double tn = dn;
        q = NORM_V / StrictMath.exp(-0.5 * dn * dn);
        KN[0] = (long) ((dn / q) * TWO_31);
        KN[1] = 0;
        WN[0] = q / TWO_31;
        WN[NORM_LAYERS - 1] = dn / TWO_31;
        FN[0] = 1.0;
        FN[NORM_LAYERS - 1] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = NORM_LAYERS - 2; i >= 1; i--) {
            dn = Math.sqrt(-2.0 * Ln.log(NORM_V / dn + StrictMath.exp(-0.5 * dn * dn)));
            KN[i + 1] = (long) ((dn / tn) * TWO_31);
            tn = dn;
            FN[i] = StrictMath.exp(-0.5 * dn * dn);
            WN[i] = dn / TWO_31;
        }
    }

    private Ziggurat() {}

    /** A standard exponential deviate (mean 1) from {@code rng}. */
    public static double exponential(SplitMix64 rng) {
        while (true) {
            long z = rng.nextLong();
            int i = (int) z & (EXP_LAYERS - 1);
            long u = z >>> 32; // 0 .. 2^32 - 1
            double x = u * WE[i];
            if (u < KE[i]) {
                return x;
            }
            if (i == 0) { // the tail beyond r: r plus an exponential, by memorylessness
                return EXP_R - Ln.log(rng.nextOpenDouble());
            }
            if (FE[i] + rng.nextDouble() * (FE[i - 1] - FE[i]) < Exp.exp(-x)) {
                return x;
            }
        }
    }

    /** A standard normal deviate from {@code rng}. */
    public static double normal(SplitMix64 rng) {
        while (true) {
            long z = rng.nextLong();
            int i = (int) z & (NORM_LAYERS - 1);
            long h = z >> 32; // signed, -2^31 .. 2^31 - 1
            double x = h * WN[i];
            if (Math.abs(h) < KN[i]) {
                return x;
            }
            if (i == 0) { // the tail beyond r (Marsaglia's method for the normal tail)
                double t;
                double y;
                do {
                    t = -Ln.log(rng.nextOpenDouble()) / NORM_R;
                    y = -Ln.log(rng.nextOpenDouble());
                } while (y + y < t * t);
                return h > 0 ? NORM_R + t : -NORM_R - t;
            }
            if (FN[i] + rng.nextDouble() * (FN[i - 1] - FN[i]) < Exp.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }
}
