package io.crossbarlab.sim.device;

import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.ParameterValues;

/**
 * 3T1C cell parameters: a capacitor on the gate of a read transistor, charged by a PMOS and
 * discharged by an NMOS. Sources and ranges: {@link DeviceParameter}.
 *
 * @param readSpanMicrosiemens g at V_C = supply, uS [assumed]
 * @param readNonlinearity kappa of the read curve, 0..1 [assumed]
 * @param stepVolts nominal voltage step of one pulse, V [assumed]
 * @param stepVariationUp relative device-to-device spread of the charge step [assumed]
 * @param stepVariationDown relative device-to-device spread of the discharge step [assumed]
 * @param readOffsetMicrosiemens spread of the fixed read-transistor offset, uS [assumed]
 * @param initVolts voltage after re-initialisation, V [paper: 0.5 V]
 * @param leakTargetVolts voltage the capacitor leaks toward, V [paper: about 0.8 V]
 * @param leakTimeConstantExamples leakage time constant, training examples [assumed]
 * @param supplyVolts the capacitor voltage stays in [0, supply], V [assumed]
 */
public record CapacitorParameters(
        double readSpanMicrosiemens,
        double readNonlinearity,
        double stepVolts,
        double stepVariationUp,
        double stepVariationDown,
        double readOffsetMicrosiemens,
        double initVolts,
        double leakTargetVolts,
        double leakTimeConstantExamples,
        double supplyVolts) {

    public static CapacitorParameters from(ParameterValues<DeviceParameter> v) {
        return new CapacitorParameters(
                v.get(DeviceParameter.CAP_READ_SPAN),
                v.get(DeviceParameter.CAP_READ_NONLINEARITY),
                v.get(DeviceParameter.CAP_STEP),
                v.get(DeviceParameter.CAP_STEP_VARIATION_UP),
                v.get(DeviceParameter.CAP_STEP_VARIATION_DOWN),
                v.get(DeviceParameter.CAP_READ_OFFSET),
                v.get(DeviceParameter.CAP_INIT_VOLTS),
                v.get(DeviceParameter.CAP_LEAK_TARGET_VOLTS),
                v.get(DeviceParameter.CAP_LEAK_TIME_CONSTANT),
                v.get(DeviceParameter.CAP_SUPPLY_VOLTS));
    }

    /**
     * Read-transistor conductance at capacitor voltage {@code volts}, without the device's offset: g =
     * span*((1-kappa)*v + kappa*v^2) with v = V/supply clamped to [0, 1]. Monotone non-decreasing for
     * kappa in [0, 1].
     */
    public double readMicrosiemens(double volts) {
        double v = Math.min(1.0, Math.max(0.0, volts / supplyVolts));
        return readSpanMicrosiemens * ((1.0 - readNonlinearity) * v + readNonlinearity * v * v);
    }

    /** dg/dV at {@code volts}, uS per V. */
    public double slopeMicrosiemensPerVolt(double volts) {
        double v = Math.min(1.0, Math.max(0.0, volts / supplyVolts));
        return readSpanMicrosiemens * ((1.0 - readNonlinearity) + 2.0 * readNonlinearity * v) / supplyVolts;
    }
}
