package io.crossbarlab.sim.tile;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the hardware did during a run, counted as it happens: the input of the energy, area and time
 * estimator. Counts are of physical events. A crossbar MVM drives every cell of every tile it uses,
 * so MACs are counted densely; the active MACs are those whose input row was non-zero. Evaluation is
 * counted apart from training.
 *
 * <p>Mutable and not thread safe: one instance per run, written by the run's thread only.
 */
public final class EventCounters implements java.io.Serializable {

    /** Training examples presented. */
    public long trainExamples;
    /** Test examples evaluated. */
    public long evalExamples;
    /** Cell reads of forward MVMs during training (rows x columns of every tile used). */
    public long forwardMacs;
    /** Forward cell reads whose input row was non-zero (the rows actually driven). */
    public long forwardActiveMacs;
    /** Cell reads of backward (transposed) MVMs. */
    public long backwardMacs;
    /** Cells addressed by the parallel outer-product update (rows x columns of every tile updated). */
    public long updateMacs;
    /** Cell reads of forward MVMs during evaluation. */
    public long evalMacs;
    /** Column read-outs (integrator + ADC conversions) of forward MVMs in training. */
    public long forwardConversions;
    /** Row read-outs of backward MVMs. */
    public long backwardConversions;
    /** Row lines driven in forward MVMs in training (non-zero inputs, per tile). */
    public long forwardLineDrives;
    /** Column lines driven in backward MVMs (per tile). */
    public long backwardLineDrives;
    /** Row and column lines driven by the outer-product update (per tile). */
    public long updateLineDrives;
    /** Digital neuron operations of the forward pass: activations and softmax outputs. */
    public long neuronForwardOps;
    /** Digital neuron operations of the backward pass: activation derivatives of hidden units. */
    public long neuronBackwardOps;
    /** 3T1C charge pulses (PMOS pull-up). */
    public long capChargePulses;
    /** 3T1C discharge pulses (NMOS pull-down). */
    public long capDischargePulses;
    /** PCM partial-SET pulses applied as weight updates (PCM_PAIR). */
    public long pcmSetPulses;
    /** PCM RESET pulses (at transfers and occasional RESETs). */
    public long pcmResetPulses;
    /** PCM program-and-verify iterations (each one SET ramp plus one verify read). */
    public long pcmProgramIterations;
    /**
     * Program-and-verify iterations of transfers as time: a tile programs one row at a time, all of its
     * cells in parallel, so a row takes as many iterations as its slowest cell; the tiles of a network
     * transfer at the same example and in parallel, so a transfer takes as long as its slowest tile.
     * This is the sum over transfers of that slowest tile's sum over rows ({@link #recordTransfer}).
     */
    public long pcmTransferRowIterations;

    private long transferRoundExample = -1;
    private long transferRoundMax;
    /** Transfers of the 3T1C pair into the PCM pair (counted per tile). */
    public long transfers;
    /** Occasional RESET-and-reprogram events of saturated PCM pairs (PCM_PAIR). */
    public long pcmOccasionalResets;
    /** Weight updates (synapse, example) that hit the per-update pulse cap. */
    public long clippedUpdates;

    /**
     * A tile transferred at {@code example}, its rows taking {@code rowIterations} iterations in all;
     * tiles transferring at the same example share one round, whose time is their maximum.
     */
    public void recordTransfer(long example, long rowIterations) {
        if (example != transferRoundExample) {
            transferRoundExample = example;
            transferRoundMax = rowIterations;
            pcmTransferRowIterations += rowIterations;
        } else if (rowIterations > transferRoundMax) {
            pcmTransferRowIterations += rowIterations - transferRoundMax;
            transferRoundMax = rowIterations;
        }
    }

    /** An immutable copy. */
    public Snapshot snapshot() {
        return new Snapshot(
                trainExamples,
                evalExamples,
                forwardMacs,
                forwardActiveMacs,
                backwardMacs,
                updateMacs,
                evalMacs,
                forwardConversions,
                backwardConversions,
                forwardLineDrives,
                backwardLineDrives,
                updateLineDrives,
                neuronForwardOps,
                neuronBackwardOps,
                capChargePulses,
                capDischargePulses,
                pcmSetPulses,
                pcmResetPulses,
                pcmProgramIterations,
                pcmTransferRowIterations,
                transfers,
                pcmOccasionalResets,
                clippedUpdates);
    }

    /**
     * Immutable event counts of a run; field meanings as in {@link EventCounters}. This record is also
     * the API's document for them (its OpenAPI name is {@code CounterSnapshot}).
     */
    @Schema(
            name = "CounterSnapshot",
            description = "What the simulated hardware did during the run (input of the energy estimate)")
    public record Snapshot(
            @Schema(description = "Training examples presented", example = "160000")
            long trainExamples,

            @Schema(description = "Test examples evaluated (all epochs)", example = "40000")
            long evalExamples,

            @Schema(
                    description =
                            "Cell reads of forward MVMs in training: rows x columns of every tile used, per example",
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

            @Schema(
                    description = "Column read-outs (integrator + ADC) of forward MVMs in training",
                    example = "83200000")
            long forwardConversions,

            @Schema(description = "Row read-outs of backward MVMs", example = "40160000")
            long backwardConversions,

            @Schema(description = "Row lines driven in forward MVMs (non-zero inputs, per tile)", example = "30000000")
            long forwardLineDrives,

            @Schema(description = "Column lines driven in backward MVMs (per tile)", example = "1600000")
            long backwardLineDrives,

            @Schema(
                    description = "Row and column lines driven by outer-product updates (per tile)",
                    example = "170000000")
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
                    description =
                            "Program-and-verify iterations of transfers as time: per transfer, the slowest tile's "
                                    + "sum over rows of each row's slowest cell (rows program one at a time, tiles in parallel)",
                    example = "140000")
            long pcmTransferRowIterations,

            @Schema(description = "Transfers of the 3T1C pair into the PCM pair, counted per tile", example = "57")
            long transfers,

            @Schema(
                    description = "Occasional RESET-and-reprogram events of saturated PCM pairs (PCM_PAIR)",
                    example = "0")
            long pcmOccasionalResets,

            @Schema(description = "Synapse updates that hit the per-update pulse cap", example = "12000")
            long clippedUpdates) {

        /** All pulses applied as updates, of every device kind. */
        public long updatePulses() {
            return capChargePulses + capDischargePulses + pcmSetPulses;
        }
    }
}
