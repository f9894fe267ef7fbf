package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.CellParameters;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * A pulsed tile whose non-volatile weight lives in a pair of PCM devices per cell (both analog
 * schemes): the pulse coding the cell parameters ask for, the pairs, and inference on the pairs
 * alone after training.
 */
public abstract class PcmPairsTile extends PulsedTile {

    protected final CellParameters cell;
    protected final PcmParameters pcm;
    protected final PcmPairs pairs;
    private PcmInference inference;

    protected PcmPairsTile(
            int rowOffset,
            int rows,
            int colOffset,
            int cols,
            TileParameters tp,
            EventCounters counters,
            SplitMix64 noise,
            CellParameters cell,
            PcmParameters pcm) {
        super(
                rowOffset,
                rows,
                colOffset,
                cols,
                tp,
                counters,
                noise,
                cell.stochasticRounding(),
                cell.maxPulsesPerUpdate(),
                cell.pulseTrainLength());
        this.cell = cell;
        this.pcm = pcm;
        this.pairs = new PcmPairs(rows, cols, pcm, counters, tp.secondsPerProgramIteration());
    }

    @Override
    public final boolean programForInference(SplitMix64 rng) {
        inference =
                new PcmInference(pairs, pcm, cell.weightScaleMicrosiemens() / cell.gainFactor(), weights, cols, rng);
        return true;
    }

    @Override
    public final void inferenceAt(double seconds, boolean compensate) {
        inference.readAt(seconds, compensate, weights, cols);
    }
}
