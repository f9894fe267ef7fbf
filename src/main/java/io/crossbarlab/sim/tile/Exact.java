package io.crossbarlab.sim.tile;

/**
 * Integer-to-floating-point conversions written as bit operations and one subtraction, for the
 * pulse loops. The value is the one the conversion instruction gives (exact in range); the
 * instruction itself is avoided because on JDK 17 it can chain independent loop iterations through
 * a partly written register (measurements in docs/speed-attempts.md, "Conversions").
 */
final class Exact {

    private Exact() {}

    /** 1.5 * 2^52: its ulp is 1, and adding an integer of magnitude below 2^51 stays in its binade. */
    private static final double D_MAGIC = 0x1.8p52;

    private static final long D_MAGIC_BITS = Double.doubleToRawLongBits(D_MAGIC);

    /** 1.5 * 2^23, the same for float and integers of magnitude below 2^22. */
    private static final float F_MAGIC = 0x1.8p23f;

    private static final int F_MAGIC_BITS = Float.floatToRawIntBits(F_MAGIC);

    /** {@code (double) i}, exactly. */
    static double toDouble(int i) {
        return Double.longBitsToDouble(D_MAGIC_BITS + i) - D_MAGIC;
    }

    /** {@code (float) i} for |i| < 2^22, exactly. */
    static float toFloat(int i) {
        return Float.intBitsToFloat(F_MAGIC_BITS + i) - F_MAGIC;
    }
}
