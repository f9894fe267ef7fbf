package io.crossbarlab.sim.cell;

import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.ParameterValues;

/**
 * Unit-cell and update-coding parameters. Sources and ranges: {@link DeviceParameter}.
 *
 * @param weightScaleMicrosiemens effective conductance per unit network weight, uS [assumed]
 * @param gainFactor F, gain of the PCM pair over the 3T1C pair [paper: F &gt; 1; 3 assumed]
 * @param transferIntervalExamples examples between transfers [derived: 8,000]
 * @param transferOffsetMicrosiemens offset subtracted from the transfer target, uS [paper: 2]
 * @param polarityInversion flip p at each transfer [paper]
 * @param offsetFollowsPolarity subtract p*offset instead of offset [assumed]
 * @param offsetToCapacitor restore the transfer offset in g by a common pulse count [assumed]
 * @param residualToCapacitor write the post-transfer residual into g by open-loop pulses [assumed]
 * @param resetResidualToCapacitor write the weight of a cell left RESET into g by open-loop pulses [paper: "g
 *     absorbs the residual"]
 * @param stochasticRounding stochastic rather than nearest-integer pulse rounding [assumed]
 * @param maxPulsesPerUpdate cap on pulses per synapse per example [assumed]
 * @param pulseTrainLength 0: per-cell pulse coding; BL in 1..64: row and column pulse trains [assumed]
 * @param slowProcessIntervalExamples longest step of leakage and drift, examples [assumed]
 */
public record CellParameters(
        double weightScaleMicrosiemens,
        double gainFactor,
        int transferIntervalExamples,
        double transferOffsetMicrosiemens,
        boolean polarityInversion,
        boolean offsetFollowsPolarity,
        boolean offsetToCapacitor,
        boolean residualToCapacitor,
        boolean resetResidualToCapacitor,
        boolean stochasticRounding,
        int maxPulsesPerUpdate,
        int pulseTrainLength,
        int slowProcessIntervalExamples)
        implements java.io.Serializable {

    public static CellParameters from(ParameterValues<DeviceParameter> v) {
        return new CellParameters(
                v.get(DeviceParameter.WEIGHT_SCALE),
                v.get(DeviceParameter.GAIN_FACTOR),
                v.getInt(DeviceParameter.TRANSFER_INTERVAL),
                v.get(DeviceParameter.TRANSFER_OFFSET),
                v.getBoolean(DeviceParameter.POLARITY_INVERSION),
                v.getBoolean(DeviceParameter.OFFSET_FOLLOWS_POLARITY),
                v.getBoolean(DeviceParameter.OFFSET_TO_CAPACITOR),
                v.getBoolean(DeviceParameter.RESIDUAL_TO_CAPACITOR),
                v.getBoolean(DeviceParameter.RESET_RESIDUAL_TO_CAPACITOR),
                v.getBoolean(DeviceParameter.STOCHASTIC_ROUNDING),
                v.getInt(DeviceParameter.MAX_PULSES),
                v.getInt(DeviceParameter.PULSE_TRAIN_LENGTH),
                v.getInt(DeviceParameter.SLOW_PROCESS_INTERVAL));
    }
}
