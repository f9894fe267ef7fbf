package io.crossbarlab.sim.cell;

import io.crossbarlab.sim.device.CapacitorParameters;
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
 */
public record DeviceConfig(Scheme scheme, CellParameters cell, PcmParameters pcm, CapacitorParameters capacitor) {

    public static DeviceConfig of(Scheme scheme, ParameterValues<DeviceParameter> values) {
        return new DeviceConfig(
                scheme, CellParameters.from(values), PcmParameters.from(values), CapacitorParameters.from(values));
    }
}
