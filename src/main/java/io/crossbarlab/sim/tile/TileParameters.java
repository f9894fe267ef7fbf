package io.crossbarlab.sim.tile;

/**
 * Tile geometry and read-out periphery used by the simulation.
 *
 * @param tileRows rows (inputs) of one crossbar tile [assumed: 512]
 * @param tileCols columns (outputs) of one crossbar tile [assumed: 512]
 * @param adcBits resolution of the column/row read-out; 0 = ideal read-out [assumed: 0]
 * @param adcForwardFullScale ADC full scale of forward outputs, weight x input units [assumed]
 * @param adcBackwardFullScale ADC full scale of backward outputs, weight x error units [assumed]
 * @param secondsPerExample time one training example takes on the hardware, s: the clock of leakage,
 *     drift and read noise, the same the estimator reports (docs/estimates.md)
 * @param secondsPerProgramIteration one program-and-verify iteration of a tile row (SET ramp plus verify
 *     read), s: the clock of a transfer, the estimator's {@code pcmIterationSeconds}
 */
public record TileParameters(
        int tileRows,
        int tileCols,
        int adcBits,
        double adcForwardFullScale,
        double adcBackwardFullScale,
        double secondsPerExample,
        double secondsPerProgramIteration)
        implements java.io.Serializable {

    /**
     * 512 x 512 tiles, an ideal read-out, and the ambrogio-2018 hardware's 200 ns per example and 1 µs
     * per program-and-verify iteration.
     */
    public static final TileParameters DEFAULT = new TileParameters(512, 512, 0, 16.0, 1.0, 2e-7, 1e-6);
}
