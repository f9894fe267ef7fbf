package io.crossbarlab.sim.preset;

/** Where a parameter value comes from; every preset value carries one. */
public enum Source {
    /** Stated in Ambrogio et al. 2018 (text, figures or Extended Data). */
    PAPER,
    /** Arithmetic from stated facts. */
    DERIVED,
    /** Our default where the paper is silent; overridable. */
    ASSUMED,
    /** Chosen so that a documented reference reproduces a published figure. */
    CALIBRATED,
    /** Measured or fitted in another cited work on the same kind of device. */
    LITERATURE
}
