package io.crossbarlab.sim.device;

import io.crossbarlab.sim.preset.InvalidSpecException.Violation;
import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * A measured PCM device's response to one partial-SET pulse, binned by conductance, in the jump-table
 * formalism of Burr et al. (2015) and Sidler et al. (2016): at conductance {@code
 * conductanceMicrosiemens[k]} one pulse raises G by a jump of mean {@code meanStepMicrosiemens[k]} and
 * standard deviation {@code stdStepMicrosiemens[k]}, for a nominal device. Between points both are
 * interpolated linearly; the jump is drawn Gaussian, cut at zero (SET never lowers G) and G is kept
 * at most Gmax. Device-to-device variation is applied on top, as a per-device factor on the jump (the
 * device's step over the nominal step). Replaces the compact partial-SET model ({@link Pcm#partialSet})
 * in the PCM_PAIR scheme when a run gives one.
 *
 * <p>Only a mean and a spread per bin are kept: a measured distribution with heavy tails or several
 * modes is reduced to its first two moments.
 *
 * @param conductanceMicrosiemens conductances, uS, strictly increasing, from 0 to Gmax
 * @param meanStepMicrosiemens mean jump of one pulse at each conductance, uS, at least 0
 * @param stdStepMicrosiemens standard deviation of the jump at each conductance, uS, at least 0
 */
@SuppressWarnings("ArrayRecordComponent") // primitive curves read in the pulse loop, never compared
public record PcmJumpTable(
        double[] conductanceMicrosiemens, double[] meanStepMicrosiemens, double[] stdStepMicrosiemens)
        implements java.io.Serializable {

    /** The most points a table may have. */
    public static final int MAX_POINTS = 10_000;

    /** What is wrong with this table for devices of the given Gmax, each under {@code prefix}. */
    public List<Violation> check(double gMaxMicrosiemens, String prefix) {
        List<Violation> v = new ArrayList<>();
        if (conductanceMicrosiemens == null || meanStepMicrosiemens == null || stdStepMicrosiemens == null) {
            v.add(new Violation(prefix, "needs conductanceMicrosiemens, meanStepMicrosiemens and stdStepMicrosiemens"));
            return v;
        }
        int n = conductanceMicrosiemens.length;
        if (n < 2 || n > MAX_POINTS) {
            v.add(new Violation(
                    prefix + "conductanceMicrosiemens", "must have 2 to " + MAX_POINTS + " points (was " + n + ")"));
            return v;
        }
        if (meanStepMicrosiemens.length != n || stdStepMicrosiemens.length != n) {
            v.add(new Violation(
                    prefix,
                    "conductanceMicrosiemens, meanStepMicrosiemens and stdStepMicrosiemens must have the same length"));
            return v;
        }
        for (int i = 0; i < n; i++) {
            double g = conductanceMicrosiemens[i];
            if (!Double.isFinite(g) || (i > 0 && g <= conductanceMicrosiemens[i - 1])) {
                v.add(new Violation(
                        prefix + "conductanceMicrosiemens[" + i + "]", "must be finite and strictly increasing"));
                return v;
            }
            range(v, prefix + "meanStepMicrosiemens[" + i + "]", meanStepMicrosiemens[i], gMaxMicrosiemens);
            range(v, prefix + "stdStepMicrosiemens[" + i + "]", stdStepMicrosiemens[i], gMaxMicrosiemens);
        }
        if (v.isEmpty() && !(meanStepMicrosiemens[0] > 0)) {
            v.add(new Violation(
                    prefix + "meanStepMicrosiemens[0]",
                    "must be above 0: a fully RESET device responds to a pulse (the pulse coder's nominal step)"));
        }
        if (conductanceMicrosiemens[0] != 0 || conductanceMicrosiemens[n - 1] != gMaxMicrosiemens) {
            v.add(new Violation(
                    prefix + "conductanceMicrosiemens",
                    "must run from 0 to the devices' Gmax, " + gMaxMicrosiemens + " uS (pcmGMax)"));
        }
        return v;
    }

    private static void range(List<Violation> v, String field, double x, double max) {
        if (!Double.isFinite(x) || x < 0 || x > max) {
            v.add(new Violation(field, "must be between 0 and " + max + " uS (was " + x + ")"));
        }
    }

    /**
     * The compact partial-SET model written as a table of {@code points} equally spaced conductances:
     * mean step·(1 − G/Gmax)^γ, standard deviation that times the cycle-to-cycle spread.
     */
    public static PcmJumpTable compact(PcmParameters p, int points) {
        double[] g = new double[points];
        double[] mean = new double[points];
        double[] std = new double[points];
        for (int k = 0; k < points; k++) {
            g[k] = k == points - 1 ? p.gMaxMicrosiemens() : p.gMaxMicrosiemens() * k / (points - 1);
            double headroom = Math.max(0.0, 1.0 - g[k] / p.gMaxMicrosiemens());
            double shape = p.setNonlinearity() == 1.0 ? headroom : Exp.pow(headroom, p.setNonlinearity());
            mean[k] = p.setStepMicrosiemens() * shape;
            std[k] = mean[k] * p.setCycleNoise();
        }
        return new PcmJumpTable(g, mean, std);
    }

    /**
     * Conductance after one partial-SET pulse of a device whose jumps are {@code deviceFactor} times
     * the table's.
     */
    public float partialSet(float g, float deviceFactor, double gMaxMicrosiemens, SplitMix64 rng) {
        double[] x = conductanceMicrosiemens;
        int hi = 1;
        int lo = 0;
        if (g >= x[x.length - 1]) {
            lo = x.length - 2;
            hi = x.length - 1;
        } else if (g > x[0]) {
            int a = 0;
            int b = x.length - 1;
            while (b - a > 1) {
                int m = (a + b) >>> 1;
                if (x[m] <= g) {
                    a = m;
                } else {
                    b = m;
                }
            }
            lo = a;
            hi = b;
        }
        double t = Math.max(0.0, Math.min(1.0, (g - x[lo]) / (x[hi] - x[lo])));
        double mean = meanStepMicrosiemens[lo] + t * (meanStepMicrosiemens[hi] - meanStepMicrosiemens[lo]);
        double std = stdStepMicrosiemens[lo] + t * (stdStepMicrosiemens[hi] - stdStepMicrosiemens[lo]);
        double dg = deviceFactor * (mean + std * rng.nextGaussian());
        if (dg < 0) {
            dg = 0;
        }
        return (float) Math.min(gMaxMicrosiemens, g + dg);
    }
}
