package io.crossbarlab.app.spec;

import io.crossbarlab.sim.tile.EventCounters;
import io.swagger.v3.oas.annotations.media.Schema;

/** Hardware event counts of a run, as JSON. */
@Schema(description = "What the simulated hardware did during the run (input of the energy estimate)")
public record CounterSnapshot(
        @Schema(description = "Training examples presented", example = "160000")
        long trainExamples,

        @Schema(description = "Test examples evaluated (all epochs)", example = "40000")
        long evalExamples,

        @Schema(
                description = "Cell reads of forward MVMs in training: rows x columns of every tile used, per example",
                example = "31440000000")
        long forwardMacs,

        @Schema(
                description = "Forward cell reads whose input row was non-zero (rows actually driven)",
                example = "6400000000")
        long forwardActiveMacs,

        @Schema(description = "Cell reads of backward (transposed) MVMs", example = "401600000")
        long backwardMacs,

        @Schema(description = "Cells addressed by the parallel outer-product updates", example = "31440000000")
        long updateMacs,

        @Schema(description = "Cell reads of forward MVMs during evaluation", example = "7860000000")
        long evalMacs,

        @Schema(description = "Column read-outs (integrator + ADC) of forward MVMs in training", example = "83200000")
        long forwardConversions,

        @Schema(description = "Row read-outs of backward MVMs", example = "40160000")
        long backwardConversions,

        @Schema(description = "Row lines driven in forward MVMs (non-zero inputs, per tile)", example = "30000000")
        long forwardLineDrives,

        @Schema(description = "Column lines driven in backward MVMs (per tile)", example = "1600000")
        long backwardLineDrives,

        @Schema(description = "Row and column lines driven by outer-product updates (per tile)", example = "170000000")
        long updateLineDrives,

        @Schema(
                description = "Digital neuron operations of forward passes (activations, softmax)",
                example = "41600000")
        long neuronForwardOps,

        @Schema(
                description = "Digital neuron operations of backward passes (activation derivatives)",
                example = "40000000")
        long neuronBackwardOps,

        @Schema(description = "3T1C charge pulses (PMOS pull-up), pulses", example = "120000000")
        long capChargePulses,

        @Schema(description = "3T1C discharge pulses (NMOS pull-down), pulses", example = "110000000")
        long capDischargePulses,

        @Schema(description = "PCM partial-SET pulses applied as updates (PCM_PAIR), pulses", example = "0")
        long pcmSetPulses,

        @Schema(description = "PCM RESET pulses, pulses", example = "3900000")
        long pcmResetPulses,

        @Schema(description = "PCM program-and-verify iterations", example = "5200000")
        long pcmProgramIterations,

        @Schema(
                description = "Program-and-verify iterations of transfers as time: per transfer, the slowest tile's "
                        + "sum over rows of each row's slowest cell (rows program one at a time, tiles in parallel)",
                example = "140000")
        long pcmTransferRowIterations,

        @Schema(description = "Transfers of the 3T1C pair into the PCM pair, counted per tile", example = "57")
        long transfers,

        @Schema(description = "Occasional RESET-and-reprogram events of saturated PCM pairs (PCM_PAIR)", example = "0")
        long pcmOccasionalResets,

        @Schema(description = "Synapse updates that hit the per-update pulse cap", example = "12000")
        long clippedUpdates) {

    public static CounterSnapshot from(EventCounters.Snapshot s) {
        return new CounterSnapshot(
                s.trainExamples(),
                s.evalExamples(),
                s.forwardMacs(),
                s.forwardActiveMacs(),
                s.backwardMacs(),
                s.updateMacs(),
                s.evalMacs(),
                s.forwardConversions(),
                s.backwardConversions(),
                s.forwardLineDrives(),
                s.backwardLineDrives(),
                s.updateLineDrives(),
                s.neuronForwardOps(),
                s.neuronBackwardOps(),
                s.capChargePulses(),
                s.capDischargePulses(),
                s.pcmSetPulses(),
                s.pcmResetPulses(),
                s.pcmProgramIterations(),
                s.pcmTransferRowIterations(),
                s.transfers(),
                s.pcmOccasionalResets(),
                s.clippedUpdates());
    }
}
