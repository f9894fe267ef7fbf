package io.crossbarlab.sim.estimate;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.ParameterValues;

/**
 * The documented reference workload against which the hardware preset reproduces the paper's headline
 * figures (28,065 GOP/s/W and 3.6 TOP/s/mm²): one fully used 512 x 512 tile training a hidden layer
 * (forward, backward and update for every example, all input rows driven), with the paper's update
 * statistics.
 */
public final class Reference {

    /** Rows and columns of the reference tile. */
    public static final int TILE = 512;

    /**
     * Pulses per synapse per training example [derived]: the paper reports about 1,000 pulses per
     * synapse over 16,000 images.
     */
    public static final double PULSES_PER_SYNAPSE_PER_EXAMPLE = 1000.0 / 16000.0;

    /** The paper's headline energy efficiency, GOP/s/W. */
    public static final double PAPER_GOPS_PER_WATT = 28_065;

    /** The paper's headline throughput per area, TOP/s/mm². */
    public static final double PAPER_TOPS_PER_MM2 = 3.6;

    private Reference() {}

    public static Workload workload(DeviceConfig device) {
        return Workload.referenceTile(
                TILE,
                TILE,
                PULSES_PER_SYNAPSE_PER_EXAMPLE,
                device.cell().transferIntervalExamples(),
                meanProgramIterations(device.pcm()),
                slowestOfRow(device.pcm(), TILE));
    }

    public static Estimate estimate(ParameterValues<HardwareParameter> hw, DeviceConfig device) {
        return Estimator.estimate(workload(device), hw, device);
    }

    /**
     * Expected program-and-verify iterations of one device under our closed-loop model [derived]: each
     * attempt lands within the tolerance with probability p = erf(tol / (sigma*sqrt 2)); the count is
     * geometric, truncated at the iteration limit: (1 - (1-p)^K) / p.
     */
    public static double meanProgramIterations(PcmParameters pcm) {
        if (pcm.programNoiseMicrosiemens() == 0) {
            return 1;
        }
        double p = erf(pcm.programToleranceMicrosiemens() / (pcm.programNoiseMicrosiemens() * Math.sqrt(2)));
        return (1 - StrictMath.pow(1 - p, pcm.programMaxIterations())) / p;
    }

    /**
     * Expected iterations of the slowest of {@code cells} devices programmed in parallel [derived]: with
     * P(N ≥ k) = (1-p)^(k-1) for one device (k ≤ K), E[max] = sum over k = 1..K of 1 - (1 - (1-p)^(k-1))^cells.
     * For the preset (p = 0.38, K = 20) and a row of 512 cells this is about 14.5, against a mean of 2.6.
     */
    public static double slowestOfRow(PcmParameters pcm, int cells) {
        if (pcm.programNoiseMicrosiemens() == 0) {
            return 1;
        }
        double p = erf(pcm.programToleranceMicrosiemens() / (pcm.programNoiseMicrosiemens() * Math.sqrt(2)));
        double sum = 0;
        for (int k = 1; k <= pcm.programMaxIterations(); k++) {
            double allBelow = StrictMath.pow(1 - StrictMath.pow(1 - p, k - 1), cells);
            sum += 1 - allBelow;
        }
        return sum;
    }

    /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        double t = 1.0 / (1.0 + 0.3275911 * Math.abs(x));
        double y = 1
                - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                        * t
                        * StrictMath.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
