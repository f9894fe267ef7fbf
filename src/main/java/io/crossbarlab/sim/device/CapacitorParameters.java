package io.crossbarlab.sim.device;

/**
 * 3T1C cell parameters: a capacitor on the gate of a read transistor, charged by a PMOS pull-up and
 * discharged by an NMOS pull-down. Sources and ranges: the preset catalogue ({@code sim.preset.DeviceParameter}); the curves they define:
 * {@link CapacitorCurves}.
 *
 * @param readSpanMicrosiemens g at the full-on end of the voltage range, uS [assumed]
 * @param readThresholdVolts threshold voltage of the read transistor, V [assumed]
 * @param readRisesWithVoltage g rises with V_C (NMOS read) or falls (PMOS read) [assumed]
 * @param subthresholdSlopeVolts n*kT/q, V [assumed]
 * @param stepVolts voltage change of one pulse of a nominal device at {@link #initVolts}, V [assumed]
 * @param pulseOverdriveVolts gate overdrive of the pull-up and pull-down during a pulse, V [assumed]
 * @param thresholdVariationVolts device-to-device sigma of each transistor's threshold, V [assumed]
 * @param pulseNoise relative pulse-to-pulse sigma of a step [derived]
 * @param initVolts voltage after re-initialisation, V [paper: 0.5 V]
 * @param leakTargetVolts voltage the capacitor leaks toward, V [paper: about 0.8 V]
 * @param leakTimeConstantSeconds leakage time constant of a nominal cell, s [assumed]
 * @param leakSubthresholdFraction share of a nominal cell's leakage that follows its switches'
 *     threshold draws; the rest is the same in every cell [assumed]
 * @param supplyVolts the capacitor voltage stays in [0, supply], V [assumed]
 */
public record CapacitorParameters(
        double readSpanMicrosiemens,
        double readThresholdVolts,
        boolean readRisesWithVoltage,
        double subthresholdSlopeVolts,
        double stepVolts,
        double pulseOverdriveVolts,
        double thresholdVariationVolts,
        double pulseNoise,
        double initVolts,
        double leakTargetVolts,
        double leakTimeConstantSeconds,
        double leakSubthresholdFraction,
        double supplyVolts)
        implements java.io.Serializable {

    /** +1 when g rises with V_C, -1 when it falls. */
    public int readDirection() {
        return readRisesWithVoltage ? 1 : -1;
    }
}
