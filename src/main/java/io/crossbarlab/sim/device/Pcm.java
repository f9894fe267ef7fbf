package io.crossbarlab.sim.device;

import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * PCM device physics as pure functions of a device's conductance, so that arrays of conductances
 * (never per-device objects) carry the state.
 */
public final class Pcm {

    private Pcm() {}

    /**
     * Closed-loop (program-and-verify) tuning of one device from full RESET toward {@code
     * targetMicrosiemens}. Each iteration applies a SET ramp whose result scatters around the target
     * with the programming noise, then verifies; tuning stops within the tolerance or at the
     * iteration limit, keeping the last result. The target is clipped to [0, Gmax].
     *
     * @param counter {@code counter[0]} is incremented by the number of iterations used
     * @return the conductance reached, uS, in [0, Gmax]
     */
    public static double program(double targetMicrosiemens, PcmParameters p, SplitMix64 rng, long[] counter) {
        double target = Math.min(p.gMaxMicrosiemens(), Math.max(0.0, targetMicrosiemens));
        double g = 0.0;
        int i = 0;
        while (i < p.programMaxIterations()) {
            i++;
            g = target + p.programNoiseMicrosiemens() * rng.nextGaussian();
            g = Math.min(p.gMaxMicrosiemens(), Math.max(0.0, g));
            if (Math.abs(g - target) <= p.programToleranceMicrosiemens()) {
                break;
            }
        }
        counter[0] += i;
        return g;
    }

    /**
     * Conductance after one partial-SET pulse: dG = step*(1 - G/Gmax)^gamma*(1 + c2c*z), never
     * negative (SET only raises G) and never above Gmax.
     *
     * @param deviceStepMicrosiemens this device's mean step (device-to-device variation applied)
     */
    public static float partialSet(float g, float deviceStepMicrosiemens, PcmParameters p, SplitMix64 rng) {
        double gMax = p.gMaxMicrosiemens();
        double headroom = Math.max(0.0, 1.0 - g / gMax);
        double shape = p.setNonlinearity() == 1.0 ? headroom : Exp.pow(headroom, p.setNonlinearity());
        double dg = deviceStepMicrosiemens * shape * (1.0 + p.setCycleNoise() * rng.nextGaussian());
        if (dg < 0) {
            dg = 0;
        }
        return (float) Math.min(gMax, g + dg);
    }

    /** Drift factor (t/t0)^-nu for a device programmed {@code seconds} ago; 1 before t0. */
    public static double driftFactor(double seconds, PcmParameters p) {
        if (p.driftNu() == 0.0 || seconds <= p.driftT0Seconds()) {
            return 1.0;
        }
        return Exp.pow(seconds / p.driftT0Seconds(), -p.driftNu());
    }
}
