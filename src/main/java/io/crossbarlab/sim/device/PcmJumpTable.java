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
 * <p>A bin's distribution is given either by its mean and standard deviation (the jump then drawn
 * Gaussian) or, for measured distributions with tails, skew or several modes, by its quantiles:
 * {@code jumpQuantilesMicrosiemens[k]} holds Q jumps at the probabilities 0, 1/(Q−1), ..., 1 (the
 * smallest to the largest measured), and a jump is drawn from the piecewise-linear inverse CDF they
 * define; between conductance points the draws of the two neighbouring points with the same
 * probability are interpolated. Measured jumps may be negative (read noise in the measurement); a
 * drawn jump is cut at zero either way.
 *
 * @param conductanceMicrosiemens conductances, uS, strictly increasing, from 0 to Gmax
 * @param meanStepMicrosiemens mean jump of one pulse at each conductance, uS, at least 0 (null when
 *     quantiles are given)
 * @param stdStepMicrosiemens standard deviation of the jump at each conductance, uS, at least 0 (null
 *     when quantiles are given)
 * @param jumpQuantilesMicrosiemens per conductance, the jump's quantiles, uS (null when a mean and a
 *     standard deviation are given)
 */
@SuppressWarnings("ArrayRecordComponent") // primitive curves read in the pulse loop, never compared
public record PcmJumpTable(
        double[] conductanceMicrosiemens,
        double[] meanStepMicrosiemens,
        double[] stdStepMicrosiemens,
        double[][] jumpQuantilesMicrosiemens)
        implements java.io.Serializable {

    /** Mean and spread per bin, the jump drawn Gaussian. */
    public PcmJumpTable(double[] conductanceMicrosiemens, double[] meanStepMicrosiemens, double[] stdStepMicrosiemens) {
        this(conductanceMicrosiemens, meanStepMicrosiemens, stdStepMicrosiemens, null);
    }

    /** The most points a table may have. */
    public static final int MAX_POINTS = 10_000;

    /** What is wrong with this table for devices of the given Gmax, each under {@code prefix}. */
    public List<Violation> check(double gMaxMicrosiemens, String prefix) {
        List<Violation> v = new ArrayList<>();
        boolean moments = meanStepMicrosiemens != null || stdStepMicrosiemens != null;
        boolean quantiles = jumpQuantilesMicrosiemens != null;
        if (conductanceMicrosiemens == null
                || moments == quantiles
                || (moments && (meanStepMicrosiemens == null || stdStepMicrosiemens == null))) {
            v.add(new Violation(
                    prefix,
                    "needs conductanceMicrosiemens and either meanStepMicrosiemens with stdStepMicrosiemens, or"
                            + " jumpQuantilesMicrosiemens"));
            return v;
        }
        int n = conductanceMicrosiemens.length;
        if (n < 2 || n > MAX_POINTS) {
            v.add(new Violation(
                    prefix + "conductanceMicrosiemens", "must have 2 to " + MAX_POINTS + " points (was " + n + ")"));
            return v;
        }
        if (quantiles) {
            return checkQuantiles(gMaxMicrosiemens, prefix, v);
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
        checkCover(gMaxMicrosiemens, prefix, v);
        return v;
    }

    private void checkCover(double gMaxMicrosiemens, String prefix, List<Violation> v) {
        int n = conductanceMicrosiemens.length;
        if (conductanceMicrosiemens[0] != 0 || conductanceMicrosiemens[n - 1] != gMaxMicrosiemens) {
            v.add(new Violation(
                    prefix + "conductanceMicrosiemens",
                    "must run from 0 to the devices' Gmax, " + gMaxMicrosiemens + " uS (pcmGMax)"));
        }
    }

    /** The most quantiles per conductance point. */
    public static final int MAX_QUANTILES = 1_000;

    private List<Violation> checkQuantiles(double gMaxMicrosiemens, String prefix, List<Violation> v) {
        int n = conductanceMicrosiemens.length;
        String field = prefix + "jumpQuantilesMicrosiemens";
        if (jumpQuantilesMicrosiemens.length != n) {
            v.add(new Violation(
                    field,
                    "must have one row per conductance (" + n + ", was " + jumpQuantilesMicrosiemens.length + ")"));
            return v;
        }
        int q = jumpQuantilesMicrosiemens[0] == null ? 0 : jumpQuantilesMicrosiemens[0].length;
        if (q < 2 || q > MAX_QUANTILES) {
            v.add(new Violation(field + "[0]", "must have 2 to " + MAX_QUANTILES + " quantiles (was " + q + ")"));
            return v;
        }
        for (int k = 0; k < n; k++) {
            double[] row = jumpQuantilesMicrosiemens[k];
            double g = conductanceMicrosiemens[k];
            if (!Double.isFinite(g) || (k > 0 && g <= conductanceMicrosiemens[k - 1])) {
                v.add(new Violation(
                        prefix + "conductanceMicrosiemens[" + k + "]", "must be finite and strictly increasing"));
                return v;
            }
            if (row == null || row.length != q) {
                v.add(new Violation(field + "[" + k + "]", "must have " + q + " quantiles, as the first row"));
                return v;
            }
            for (int j = 0; j < q; j++) {
                if (!Double.isFinite(row[j]) || Math.abs(row[j]) > gMaxMicrosiemens || (j > 0 && row[j] < row[j - 1])) {
                    v.add(new Violation(
                            field + "[" + k + "][" + j + "]",
                            "must be between -" + gMaxMicrosiemens + " and " + gMaxMicrosiemens
                                    + " uS and not below the quantile before it (was " + row[j] + ")"));
                    return v;
                }
            }
        }
        if (!(nominalStep() > 0)) {
            v.add(new Violation(
                    field + "[0]",
                    "must have a mean above 0: a fully RESET device responds to a pulse (the pulse coder's nominal"
                            + " step)"));
        }
        checkCover(gMaxMicrosiemens, prefix, v);
        return v;
    }

    /**
     * The mean jump of a fully RESET device: the pulse coder's nominal pulse. With quantiles, the mean
     * of the piecewise-linear distribution they define, with draws cut at zero.
     */
    public double nominalStep() {
        if (jumpQuantilesMicrosiemens == null) {
            return meanStepMicrosiemens[0];
        }
        double[] row = jumpQuantilesMicrosiemens[0];
        double sum = 0;
        for (int j = 1; j < row.length; j++) {
            sum += cutMean(row[j - 1], row[j]);
        }
        return sum / (row.length - 1);
    }

    /** Mean of max(0, x) for x uniform on [a, b]. */
    private static double cutMean(double a, double b) {
        if (b <= 0) {
            return 0;
        }
        if (a >= 0 || b == a) {
            return Math.max(0, (a + b) / 2);
        }
        return b * b / (2 * (b - a));
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
        double jump;
        if (jumpQuantilesMicrosiemens == null) {
            double mean = meanStepMicrosiemens[lo] + t * (meanStepMicrosiemens[hi] - meanStepMicrosiemens[lo]);
            double std = stdStepMicrosiemens[lo] + t * (stdStepMicrosiemens[hi] - stdStepMicrosiemens[lo]);
            jump = mean + std * rng.nextGaussian();
        } else {
            int intervals = jumpQuantilesMicrosiemens[0].length - 1;
            double u = rng.nextDouble() * intervals;
            int j = Math.min((int) u, intervals - 1);
            double f = u - j;
            double[] a = jumpQuantilesMicrosiemens[lo];
            double[] b = jumpQuantilesMicrosiemens[hi];
            double atLo = a[j] + f * (a[j + 1] - a[j]);
            double atHi = b[j] + f * (b[j + 1] - b[j]);
            jump = atLo + t * (atHi - atLo);
        }
        double dg = deviceFactor * jump;
        if (dg < 0) {
            dg = 0;
        }
        return (float) Math.min(gMaxMicrosiemens, g + dg);
    }
}
