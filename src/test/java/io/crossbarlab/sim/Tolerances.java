package io.crossbarlab.sim;

/** Numeric tolerances of the simulator tests, in one place. */
public final class Tolerances {

    /** z-score beyond which a statistical test fails: two-sided false-failure rate about 1e-6. */
    public static final double Z_FAIL = 4.9;

    /** Relative tolerance of floating-point sums compared with an independent computation. */
    public static final double FLOAT_RELATIVE = 1e-5;

    private Tolerances() {}
}
