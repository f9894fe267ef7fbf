package io.crossbarlab.sim.device;

import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.Ln;

/**
 * The three curves of a nominal 3T1C cell, sampled on one uniform voltage grid: the read-transistor
 * conductance g(V), and the voltage change of one charge pulse ΔV_up(V) and of one discharge pulse
 * ΔV_down(V) at capacitor voltage V. They come either from the compact model below or from a measured
 * {@link CapacitorTable}; the simulation interpolates them linearly and never knows which.
 *
 * <p>Compact model (the parameters are in {@link CapacitorParameters}):
 *
 * <ul>
 *   <li>g(V) = k·s·ln(1 + exp(V_ov/s)): the read transistor is read as a conductance at a small
 *       drain voltage (the array's read voltage), i.e. in its linear (triode) region, where the channel
 *       conductance grows linearly with the gate overdrive above threshold and exponentially below
 *       it; the EKV form joins the two smoothly. s = n·kT/q, V_ov = V − Vth (g rising with V) or
 *       supply − V − Vth (falling); k so that g = span at the full-on end.
 *   <li>a pulse drives its transistor with a fixed gate overdrive o; its drain current, and so the
 *       step, follows the square law h(vds) = o·m − m²/2, m = min(vds, o): constant while |V_ds| ≥ o,
 *       falling to 0 as the capacitor reaches the rail it is pulled to. ΔV_up(V) = step·h(supply −
 *       V)/h(supply − V_init) (the pull-up weakens toward the supply), ΔV_down(V) = step·h(V)/h(V_init)
 *       (the pull-down weakens toward ground).
 * </ul>
 *
 * <p>A cell's own transistors differ from the nominal by threshold shifts δ (see {@code
 * Pcm3T1CTile}): its read curve is g(V − d·δ_r) (d = +1 when g rises with V), its steps are scaled by
 * ((o − δ)/o)², the saturation current of the shifted transistor, and its leakage rate by the mean of
 * exp(−δ/s) of its two switches. Those apply to a measured table as well.
 */
public final class CapacitorCurves implements java.io.Serializable {

    /** Grid intervals per supply range: 1 mV at a 1 V supply. */
    static final int INTERVALS_PER_SUPPLY = 1000;

    private final double lo;
    private final double step;
    private final float[] read;
    private final float[] up;
    private final float[] down;

    private CapacitorCurves(double lo, double step, float[] read, float[] up, float[] down) {
        this.lo = lo;
        this.step = step;
        this.read = read;
        this.up = up;
        this.down = down;
    }

    /** The grid: from −0.25·supply to 1.25·supply, so that threshold shifts never run off it. */
    private static double[] grid(double supply) {
        int n = INTERVALS_PER_SUPPLY * 3 / 2;
        double[] v = new double[n + 1];
        double lo = -0.25 * supply;
        double h = supply / INTERVALS_PER_SUPPLY;
        for (int i = 0; i <= n; i++) {
            v[i] = lo + i * h;
        }
        return v;
    }

    /** The compact model of {@code p}. */
    public static CapacitorCurves compact(CapacitorParameters p) {
        double[] v = grid(p.supplyVolts());
        float[] g = new float[v.length];
        float[] u = new float[v.length];
        float[] d = new float[v.length];
        double s = p.subthresholdSlopeVolts();
        double top = ekv(p.supplyVolts() - p.readThresholdVolts(), s);
        double k = p.readSpanMicrosiemens() / top;
        double o = p.pulseOverdriveVolts();
        double upInit = pulseCurrent(o, p.supplyVolts() - p.initVolts());
        double downInit = pulseCurrent(o, p.initVolts());
        for (int i = 0; i < v.length; i++) {
            double ov = p.readRisesWithVoltage()
                    ? v[i] - p.readThresholdVolts()
                    : p.supplyVolts() - v[i] - p.readThresholdVolts();
            double e = ekv(ov, s);
            g[i] = (float) (k * e);
            u[i] = (float) (upInit > 0 ? p.stepVolts() * pulseCurrent(o, p.supplyVolts() - v[i]) / upInit : 0);
            d[i] = (float) (downInit > 0 ? p.stepVolts() * pulseCurrent(o, v[i]) / downInit : 0);
        }
        return new CapacitorCurves(v[0], p.supplyVolts() / INTERVALS_PER_SUPPLY, g, u, d);
    }

    /**
     * A measured table resampled on the grid (linear interpolation; held constant beyond its ends).
     * The table must cover [0, supply]: {@link CapacitorTable#check}.
     */
    public static CapacitorCurves tabulated(CapacitorParameters p, CapacitorTable t) {
        double[] v = grid(p.supplyVolts());
        float[] g = new float[v.length];
        float[] u = new float[v.length];
        float[] d = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            g[i] = (float) interpolate(t.volts(), t.readMicrosiemens(), v[i]);
            u[i] = (float) interpolate(t.volts(), t.upVolts(), v[i]);
            d[i] = (float) interpolate(t.volts(), t.downVolts(), v[i]);
        }
        return new CapacitorCurves(v[0], p.supplyVolts() / INTERVALS_PER_SUPPLY, g, u, d);
    }

    /** These curves as a table on their own grid (a measured table made from the compact model). */
    public CapacitorTable toTable() {
        double[] v = new double[read.length];
        double[] g = new double[read.length];
        double[] u = new double[read.length];
        double[] d = new double[read.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + i * step;
            g[i] = read[i];
            u[i] = up[i];
            d[i] = down[i];
        }
        return new CapacitorTable(v, g, u, d);
    }

    /** s·ln(1 + exp(x/s)), computed without overflow. */
    static double ekv(double x, double s) {
        double z = x / s;
        if (z > 40) {
            return x;
        }
        return s * Ln.log(1.0 + Exp.exp(z));
    }

    /** Square-law drain current at gate overdrive o and drain-source voltage vds, in units of k. */
    static double pulseCurrent(double o, double vds) {
        if (vds <= 0 || o <= 0) {
            return 0;
        }
        double m = Math.min(vds, o);
        return o * m - 0.5 * m * m;
    }

    private static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) {
            return y[0];
        }
        int last = x.length - 1;
        if (at >= x[last]) {
            return y[last];
        }
        int i = 0;
        int j = last;
        while (j - i > 1) {
            int m = (i + j) >>> 1;
            if (x[m] <= at) {
                i = m;
            } else {
                j = m;
            }
        }
        double f = (at - x[i]) / (x[j] - x[i]);
        return y[i] + f * (y[j] - y[i]);
    }

    /** Voltage of the first grid point, V. */
    public double gridStartVolts() {
        return lo;
    }

    /** Spacing of the grid, V. */
    public double gridStepVolts() {
        return step;
    }

    /** g on the grid, uS (shared, do not modify). */
    public float[] readGrid() {
        return read;
    }

    /** ΔV of a charge pulse on the grid, V (shared, do not modify). */
    public float[] upGrid() {
        return up;
    }

    /** ΔV of a discharge pulse on the grid, V (shared, do not modify). */
    public float[] downGrid() {
        return down;
    }

    /** g(V) of the nominal device, uS. */
    public double read(double volts) {
        return at(read, volts);
    }

    /** ΔV of one charge pulse of the nominal device at V. */
    public double up(double volts) {
        return at(up, volts);
    }

    /** ΔV of one discharge pulse of the nominal device at V. */
    public double down(double volts) {
        return at(down, volts);
    }

    /** dg/dV of the nominal device at V, uS per V (central difference on the grid). */
    public double readSlope(double volts) {
        return (read(volts + step) - read(volts - step)) / (2 * step);
    }

    private double at(float[] t, double volts) {
        double x = (volts - lo) / step;
        int i = (int) Math.floor(x);
        if (i < 0) {
            return t[0];
        }
        if (i >= t.length - 1) {
            return t[t.length - 1];
        }
        double f = x - i;
        return t[i] + f * (t[i + 1] - t[i]);
    }
}
