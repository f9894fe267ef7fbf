package io.crossbarlab.sim.cell;

import io.crossbarlab.sim.device.CapacitorCurves;
import io.crossbarlab.sim.device.CapacitorParameters;
import io.crossbarlab.sim.device.CapacitorTable;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.ParameterValues;

/**
 * Everything a tile needs to know about its cells: the scheme and the typed device parameters.
 *
 * @param scheme the unit-cell scheme
 * @param cell weight mapping, transfer and pulse coding
 * @param pcm PCM device parameters
 * @param capacitor 3T1C parameters
 * @param curves the 3T1C cell's read and step curves: the compact model, or a measured table
 */
public record DeviceConfig(
        Scheme scheme, CellParameters cell, PcmParameters pcm, CapacitorParameters capacitor, CapacitorCurves curves) {

    /** With the compact 3T1C curves. */
    public static DeviceConfig of(Scheme scheme, ParameterValues<DeviceParameter> values) {
        return of(scheme, values, null);
    }

    /** With the 3T1C curves of {@code table}, or the compact ones when it is null. */
    public static DeviceConfig of(Scheme scheme, ParameterValues<DeviceParameter> values, CapacitorTable table) {
        CapacitorParameters cap = CapacitorParameters.from(values);
        return new DeviceConfig(
                scheme,
                CellParameters.from(values),
                PcmParameters.from(values),
                cap,
                table == null ? CapacitorCurves.compact(cap) : CapacitorCurves.tabulated(cap, table));
    }
}
