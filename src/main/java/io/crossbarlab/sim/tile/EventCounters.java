package io.crossbarlab.sim.tile;

/**
 * What the hardware did during a run, counted as it happens: the input of the energy, area and time
 * estimator. Counts are of physical events (a crossbar MVM drives every cell of every tile it uses,
 * so MACs are counted densely; the active MACs are those whose input was non-zero).
 *
 * <p>Mutable and not thread safe: one instance per run, written by the run's thread only.
 */
public final class EventCounters {

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
    /** Analog-to-digital conversions (one per tile column or row read out). */
    public long adcConversions;
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
    /** Transfers of the 3T1C pair into the PCM pair (counted per tile). */
    public long transfers;
    /** Occasional RESET-and-reprogram events of saturated PCM pairs (PCM_PAIR). */
    public long pcmOccasionalResets;
    /** Weight updates (synapse, example) that hit the per-update pulse cap. */
    public long clippedUpdates;

    /** All pulses applied as updates, of every device kind. */
    public long updatePulses() {
        return capChargePulses + capDischargePulses + pcmSetPulses;
    }

    /** Adds another set of counts to this one. */
    public void add(EventCounters o) {
        trainExamples += o.trainExamples;
        evalExamples += o.evalExamples;
        forwardMacs += o.forwardMacs;
        forwardActiveMacs += o.forwardActiveMacs;
        backwardMacs += o.backwardMacs;
        updateMacs += o.updateMacs;
        evalMacs += o.evalMacs;
        adcConversions += o.adcConversions;
        capChargePulses += o.capChargePulses;
        capDischargePulses += o.capDischargePulses;
        pcmSetPulses += o.pcmSetPulses;
        pcmResetPulses += o.pcmResetPulses;
        pcmProgramIterations += o.pcmProgramIterations;
        transfers += o.transfers;
        pcmOccasionalResets += o.pcmOccasionalResets;
        clippedUpdates += o.clippedUpdates;
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
                adcConversions,
                capChargePulses,
                capDischargePulses,
                pcmSetPulses,
                pcmResetPulses,
                pcmProgramIterations,
                transfers,
                pcmOccasionalResets,
                clippedUpdates);
    }

    /** Immutable event counts of a run; field meanings as in {@link EventCounters}. */
    public record Snapshot(
            long trainExamples,
            long evalExamples,
            long forwardMacs,
            long forwardActiveMacs,
            long backwardMacs,
            long updateMacs,
            long evalMacs,
            long adcConversions,
            long capChargePulses,
            long capDischargePulses,
            long pcmSetPulses,
            long pcmResetPulses,
            long pcmProgramIterations,
            long transfers,
            long pcmOccasionalResets,
            long clippedUpdates) {

        /** All pulses applied as updates, of every device kind. */
        public long updatePulses() {
            return capChargePulses + capDischargePulses + pcmSetPulses;
        }
    }
}
