package io.crossbarlab.sim.device;

import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.ParameterValues;

/**
 * Phase-change-memory device parameters. Sources and ranges: {@link DeviceParameter}.
 *
 * @param gMaxMicrosiemens top of the usable conductance range, uS [paper: about 20 uS]
 * @param programNoiseMicrosiemens spread of one program-and-verify attempt, uS [assumed]
 * @param programToleranceMicrosiemens verify window of closed-loop tuning, uS [assumed]
 * @param programMaxIterations iteration limit of closed-loop tuning [assumed]
 * @param readNoiseMicrosiemens per-read conductance noise, uS [assumed]
 * @param driftNu drift exponent [assumed]
 * @param driftT0Seconds drift reference time, s [assumed]
 * @param failedFraction fraction of stuck devices [assumed]
 * @param stuckAtSetShare share of stuck devices that sit at Gmax [assumed]
 * @param setStepMicrosiemens mean partial-SET step on a RESET device, uS [assumed]
 * @param setNonlinearity exponent gamma of the saturating SET response [assumed]
 * @param setCycleNoise relative cycle-to-cycle spread of a SET step [assumed]
 * @param setDeviceVariation relative device-to-device spread of the SET step [assumed]
 * @param resetThresholdFraction fraction of Gmax that triggers occasional RESET [assumed]
 */
public record PcmParameters(
        double gMaxMicrosiemens,
        double programNoiseMicrosiemens,
        double programToleranceMicrosiemens,
        int programMaxIterations,
        double readNoiseMicrosiemens,
        double driftNu,
        double driftT0Seconds,
        double failedFraction,
        double stuckAtSetShare,
        double setStepMicrosiemens,
        double setNonlinearity,
        double setCycleNoise,
        double setDeviceVariation,
        double resetThresholdFraction) {

    public static PcmParameters from(ParameterValues<DeviceParameter> v) {
        return new PcmParameters(
                v.get(DeviceParameter.PCM_G_MAX),
                v.get(DeviceParameter.PCM_PROGRAM_NOISE),
                v.get(DeviceParameter.PCM_PROGRAM_TOLERANCE),
                v.getInt(DeviceParameter.PCM_PROGRAM_MAX_ITERATIONS),
                v.get(DeviceParameter.PCM_READ_NOISE),
                v.get(DeviceParameter.PCM_DRIFT_NU),
                v.get(DeviceParameter.PCM_DRIFT_T0),
                v.get(DeviceParameter.PCM_FAILED_FRACTION),
                v.get(DeviceParameter.PCM_STUCK_AT_SET_SHARE),
                v.get(DeviceParameter.PCM_SET_STEP),
                v.get(DeviceParameter.PCM_SET_NONLINEARITY),
                v.get(DeviceParameter.PCM_SET_CYCLE_NOISE),
                v.get(DeviceParameter.PCM_SET_DEVICE_VARIATION),
                v.get(DeviceParameter.PCM_RESET_THRESHOLD));
    }
}
