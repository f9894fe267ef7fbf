package io.crossbarlab.sim.cell;

import io.crossbarlab.sim.device.CapacitorCurves;
import io.crossbarlab.sim.device.CapacitorParameters;
import io.crossbarlab.sim.device.CapacitorTable;
import io.crossbarlab.sim.device.PcmJumpTable;
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
 * @param pcmJumps a measured PCM partial-SET response replacing the compact one (PCM_PAIR), or null
 */
public record DeviceConfig(
        Scheme scheme,
        CellParameters cell,
        PcmParameters pcm,
        CapacitorParameters capacitor,
        CapacitorCurves curves,
        PcmJumpTable pcmJumps) {

    /** With the compact 3T1C curves. */
    public static DeviceConfig of(Scheme scheme, ParameterValues<DeviceParameter> values) {
        return of(scheme, values, null);
    }

    /** With the 3T1C curves of {@code table}, or the compact ones when it is null. */
    public static DeviceConfig of(Scheme scheme, ParameterValues<DeviceParameter> values, CapacitorTable table) {
        return of(scheme, values, table, null);
    }

    /**
     * With the 3T1C curves of {@code table} and the PCM jumps of {@code jumps}, or the compact models
     * where they are null.
     */
    public static DeviceConfig of(
            Scheme scheme, ParameterValues<DeviceParameter> values, CapacitorTable table, PcmJumpTable jumps) {
        CapacitorParameters cap = capacitor(values);
        return new DeviceConfig(
                scheme,
                CellParameters.from(values),
                pcm(values),
                cap,
                table == null ? CapacitorCurves.compact(cap) : CapacitorCurves.tabulated(cap, table),
                jumps);
    }

    /** The PCM parameters among {@code v}. */
    public static PcmParameters pcm(ParameterValues<DeviceParameter> v) {
        return new PcmParameters(
                v.get(DeviceParameter.PCM_G_MAX),
                v.get(DeviceParameter.PCM_PROGRAM_NOISE),
                v.get(DeviceParameter.PCM_PROGRAM_TOLERANCE),
                v.getInt(DeviceParameter.PCM_PROGRAM_MAX_ITERATIONS),
                v.get(DeviceParameter.PCM_READ_NOISE_COEFFICIENT),
                v.get(DeviceParameter.PCM_READ_NOISE_EXPONENT),
                v.get(DeviceParameter.PCM_READ_NOISE_MAX),
                v.get(DeviceParameter.PCM_READ_NOISE_TIME),
                v.get(DeviceParameter.PCM_DRIFT_SCALE),
                v.getBoolean(DeviceParameter.PCM_DRIFT_COMPENSATION),
                v.get(DeviceParameter.PCM_DRIFT_T0),
                v.getBoolean(DeviceParameter.PCM_INTERLEAVED_VERIFY),
                v.get(DeviceParameter.PCM_DRIFT_NU_INTERCEPT),
                v.get(DeviceParameter.PCM_DRIFT_NU_LOG_SLOPE),
                v.get(DeviceParameter.PCM_DRIFT_NU_MIN),
                v.get(DeviceParameter.PCM_DRIFT_NU_MAX),
                v.get(DeviceParameter.PCM_DRIFT_SPREAD_INTERCEPT),
                v.get(DeviceParameter.PCM_DRIFT_SPREAD_LOG_SLOPE),
                v.get(DeviceParameter.PCM_DRIFT_SPREAD_MIN),
                v.get(DeviceParameter.PCM_DRIFT_SPREAD_MAX),
                v.get(DeviceParameter.PCM_FAILED_FRACTION),
                v.get(DeviceParameter.PCM_STUCK_AT_SET_SHARE),
                v.get(DeviceParameter.PCM_SET_STEP),
                v.get(DeviceParameter.PCM_SET_NONLINEARITY),
                v.get(DeviceParameter.PCM_SET_CYCLE_NOISE),
                v.get(DeviceParameter.PCM_SET_DEVICE_VARIATION),
                v.get(DeviceParameter.PCM_RESET_THRESHOLD));
    }

    /** The 3T1C parameters among {@code v}. */
    public static CapacitorParameters capacitor(ParameterValues<DeviceParameter> v) {
        return new CapacitorParameters(
                v.get(DeviceParameter.CAP_READ_SPAN),
                v.get(DeviceParameter.CAP_READ_THRESHOLD),
                v.getBoolean(DeviceParameter.CAP_READ_RISES_WITH_VOLTAGE),
                v.get(DeviceParameter.CAP_SUBTHRESHOLD_SLOPE),
                v.get(DeviceParameter.CAP_STEP),
                v.get(DeviceParameter.CAP_PULSE_OVERDRIVE),
                v.get(DeviceParameter.CAP_THRESHOLD_VARIATION),
                v.get(DeviceParameter.CAP_PULSE_NOISE),
                v.get(DeviceParameter.CAP_INIT_VOLTS),
                v.get(DeviceParameter.CAP_LEAK_TARGET_VOLTS),
                v.get(DeviceParameter.CAP_LEAK_TIME_CONSTANT),
                v.get(DeviceParameter.CAP_LEAK_SUBTHRESHOLD_FRACTION),
                v.get(DeviceParameter.CAP_SUPPLY_VOLTS));
    }
}
