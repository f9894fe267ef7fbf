package io.crossbarlab.sim.device;

import io.crossbarlab.sim.preset.InvalidSpecException.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A measured 3T1C cell, point by point: at capacitor voltage {@code volts[i]}, the read conductance and
 * the voltage change of one charge and one discharge pulse of a nominal cell (per-device variation is
 * applied on top, see {@link CapacitorCurves}). Replaces the compact curves when a run gives one.
 *
 * @param volts capacitor voltages, V, strictly increasing, covering [0, supply]
 * @param readMicrosiemens read-transistor conductance g at each voltage, uS, at least 0
 * @param upVolts voltage change of one charge pulse at each voltage, V, at least 0
 * @param downVolts voltage change of one discharge pulse at each voltage, V, at least 0 (a magnitude)
 */
@SuppressWarnings("ArrayRecordComponent") // primitive curves read in the pulse loop, never compared
public record CapacitorTable(double[] volts, double[] readMicrosiemens, double[] upVolts, double[] downVolts) {

    /** The most points a table may have. */
    public static final int MAX_POINTS = 10_000;

    /** What is wrong with this table for a cell with the given supply, each under {@code prefix}. */
    public List<Violation> check(double supplyVolts, String prefix) {
        List<Violation> v = new ArrayList<>();
        if (volts == null || readMicrosiemens == null || upVolts == null || downVolts == null) {
            v.add(new Violation(prefix, "needs volts, readMicrosiemens, upVolts and downVolts"));
            return v;
        }
        int n = volts.length;
        if (n < 2 || n > MAX_POINTS) {
            v.add(new Violation(prefix + "volts", "must have 2 to " + MAX_POINTS + " points (was " + n + ")"));
            return v;
        }
        if (readMicrosiemens.length != n || upVolts.length != n || downVolts.length != n) {
            v.add(new Violation(prefix, "volts, readMicrosiemens, upVolts and downVolts must have the same length"));
            return v;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(volts[i]) || (i > 0 && volts[i] <= volts[i - 1])) {
                v.add(new Violation(prefix + "volts[" + i + "]", "must be finite and strictly increasing"));
                return v;
            }
            check(v, prefix + "readMicrosiemens[" + i + "]", readMicrosiemens[i], 1e4);
            check(v, prefix + "upVolts[" + i + "]", upVolts[i], supplyVolts);
            check(v, prefix + "downVolts[" + i + "]", downVolts[i], supplyVolts);
        }
        if (volts[0] > 0 || volts[n - 1] < supplyVolts) {
            v.add(new Violation(
                    prefix + "volts", "must cover the capacitor range 0 to " + supplyVolts + " V (capSupplyVolts)"));
        }
        return v;
    }

    private static void check(List<Violation> v, String field, double x, double max) {
        if (!Double.isFinite(x) || x < 0 || x > max) {
            v.add(new Violation(field, "must be between 0 and " + max + " (was " + x + ")"));
        }
    }
}
