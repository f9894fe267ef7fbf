package io.crossbarlab.sim;

/** Identity of the simulator's physics, stored with every run. */
public final class Simulator {

    /**
     * Version of the simulated physics and numerics. Bumped whenever a change alters the results of an
     * existing (spec, seed) pair; the golden-run test pins it.
     */
    public static final String VERSION = "2.2.0";

    private Simulator() {}
}
