package io.crossbarlab.sim.device;

import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.Ln;
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

    /** Relative conductances below this count as this (no device is exactly at 0 for the fits). */
    static final double MIN_RELATIVE = 1e-7;

    /** Mean drift exponent mu(G) of a device programmed to {@code g} uS. */
    public static double driftMean(double g, PcmParameters p) {
        double l = Ln.log(Math.max(MIN_RELATIVE, Math.abs(g) / p.gMaxMicrosiemens()));
        return Math.min(p.nuMax(), Math.max(p.nuMin(), p.nuIntercept() - p.nuLogSlope() * l));
    }

    /** Device-to-device spread s(G) of the drift exponent at {@code g} uS. */
    public static double driftSpread(double g, PcmParameters p) {
        double l = Ln.log(Math.max(MIN_RELATIVE, Math.abs(g) / p.gMaxMicrosiemens()));
        return Math.min(p.nuSpreadMax(), Math.max(p.nuSpreadMin(), p.nuSpreadIntercept() - p.nuSpreadLogSlope() * l));
    }

    /**
     * The drift exponent of a device just programmed to {@code g} uS: |mu(G) + s(G)*z|, scaled by
     * {@code driftScale}; 0 for a RESET device.
     */
    public static double drawNu(double g, PcmParameters p, SplitMix64 rng) {
        if (g <= 0 || p.driftScale() == 0) {
            return 0;
        }
        return Math.abs(driftMean(g, p) + driftSpread(g, p) * rng.nextGaussian()) * p.driftScale();
    }

    /** Q(G): relative 1/f read noise of a device at {@code g} uS, before the time factor. */
    public static double readNoiseRelative(double g, PcmParameters p) {
        double rel = Math.max(1e-3, Math.abs(g) / p.gMaxMicrosiemens());
        return Math.min(p.readNoiseMaxRelative(), p.readNoiseCoefficient() * Exp.pow(rel, -p.readNoiseExponent()));
    }

    /**
     * sqrt(ln((t + t_read) / (2 t_read))): growth of the 1/f read noise with the time since programming;
     * 0 while t is under t_read.
     */
    public static double readNoiseTimeFactor(double seconds, PcmParameters p) {
        double tr = p.readNoiseTimeSeconds();
        double x = (seconds + tr) / (2 * tr);
        return x <= 1 ? 0 : Math.sqrt(Ln.log(x));
    }
}
