package io.crossbarlab.sim.tile;

/**
 * Integer-to-floating-point conversions written as bit operations and one subtraction, for the
 * pulse loops. The value is the one the conversion instruction gives (exact in range), but on
 * x86-64 the scalar conversion instructions that JDK 17 emits write only the low part of their
 * destination register, so each waits for whatever last wrote that register; when the register
 * allocator hands them the register of the previous iteration's last result, a loop of independent
 * iterations runs as one dependency chain. Measured on PCM_3T1C training (JDK 17, warm, 2 epochs of
 * 784-250-10, µs per example): 133-141 with the conversion instructions in the pulse loops and
 * 122-127 with only the input magnitudes widened beforehand; the same two builds with {@code
 * -XX:+UseXmmI2D -XX:+UseXmmI2F} (full-register conversions) 108-119 and 103-108; 106-119 without
 * flags once the loops use these methods. JDK 25 is unaffected (102-109 either way).
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
