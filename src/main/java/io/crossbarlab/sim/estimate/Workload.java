package io.crossbarlab.sim.estimate;

import io.crossbarlab.sim.tile.EventCounters;
import io.crossbarlab.sim.tile.TileShape;

/**
 * What one training example costs in hardware events, averaged over a run, plus the tile mapping.
 * Built from a run's own event counters ({@link #fromRun}) or analytically for a network that has not
 * been trained ({@link #analytic}).
 *
 * @param forwardMacs forward cell reads per example (dense)
 * @param forwardActiveMacs forward cell reads with a non-zero input per example
 * @param backwardMacs backward cell reads per example
 * @param updateMacs cells addressed by the update per example
 * @param forwardConversions forward read-outs per example
 * @param backwardConversions backward read-outs per example
 * @param lineDrives forward, backward and update line drives per example, in that order
 * @param neuronForwardOps forward neuron operations per example
 * @param neuronBackwardOps backward neuron operations per example
 * @param capPulses 3T1C pulses per example
 * @param pcmSetPulses partial-SET pulses per example (PCM_PAIR updates)
 * @param pcmResetPulses PCM RESET pulses per example
 * @param pcmProgramIterations program-and-verify iterations per example (energy)
 * @param transferRowIterations iterations of transfers as time, per example: rows program one at a
 *     time, each as long as its slowest cell, tiles in parallel
 * @param layers number of layers
 * @param backwardLayers layers that run a backward MVM (all but the first)
 * @param tiles tiles used
 * @param tileRows rows per tile
 * @param tileCols columns per tile
 */
@SuppressWarnings("ArrayRecordComponent") // layer sizes read by the estimator, never compared
public record Workload(
        double forwardMacs,
        double forwardActiveMacs,
        double backwardMacs,
        double updateMacs,
        double forwardConversions,
        double backwardConversions,
        double[] lineDrives,
        double neuronForwardOps,
        double neuronBackwardOps,
        double capPulses,
        double pcmSetPulses,
        double pcmResetPulses,
        double pcmProgramIterations,
        double transferRowIterations,
        int layers,
        int backwardLayers,
        int tiles,
        int tileRows,
        int tileCols) {

    /**
     * Operations per training example: every cell of every MVM and of the update performs a multiply
     * and an add (2 operations per cell per phase), counted densely as the hardware performs them.
     */
    public double opsPerExample() {
        return 2.0 * (forwardMacs + backwardMacs + updateMacs);
    }

    /** Per-example averages of a finished run's counters. */
    public static Workload fromRun(EventCounters.Snapshot c, int[] layers, int tiles, int tileRows, int tileCols) {
        double n = Math.max(1, c.trainExamples());
        return new Workload(
                c.forwardMacs() / n,
                c.forwardActiveMacs() / n,
                c.backwardMacs() / n,
                c.updateMacs() / n,
                c.forwardConversions() / n,
                c.backwardConversions() / n,
                new double[] {c.forwardLineDrives() / n, c.backwardLineDrives() / n, c.updateLineDrives() / n},
                c.neuronForwardOps() / n,
                c.neuronBackwardOps() / n,
                (c.capChargePulses() + c.capDischargePulses()) / n,
                c.pcmSetPulses() / n,
                c.pcmResetPulses() / n,
                c.pcmProgramIterations() / n,
                c.pcmTransferRowIterations() / n,
                layers.length - 1,
                layers.length - 2,
                tiles,
                tileRows,
                tileCols);
    }

    /**
     * The reference workload of the hardware preset: one fully used tile of {@code rows x cols} cells
     * inside a network, so that it runs forward, backward and update for every example, every input
     * row driven, with the paper's update statistics (see {@link #analytic}).
     */
    public static Workload referenceTile(
            int rows,
            int cols,
            double pulsesPerSynapsePerExample,
            int transferInterval,
            double iterationsPerCell,
            double iterationsPerRow) {
        double cells = (double) rows * cols;
        return new Workload(
                cells,
                cells,
                cells,
                cells,
                cols,
                rows,
                new double[] {rows, cols, rows + cols},
                cols,
                rows,
                pulsesPerSynapsePerExample * cells,
                0,
                2.0 * cells / transferInterval,
                iterationsPerCell * cells / transferInterval,
                iterationsPerRow * rows / transferInterval,
                1,
                1,
                1,
                rows,
                cols);
    }

    /**
     * The workload of training a network that has not been simulated, with the paper's update
     * statistics: {@code pulsesPerSynapsePerExample} (the paper: about 1,000 pulses per synapse over
     * 16,000 examples, i.e. 0.0625) and, at each transfer every {@code transferInterval} examples, two
     * RESETs and {@code iterationsPerCell} program-and-verify iterations per cell. A fraction {@code
     * activeInputs} of forward input rows is non-zero. A transfer takes, per row of the tallest
     * tile, {@code iterationsPerRow} iterations (the expected slowest of a row's cells).
     */
    public static Workload analytic(
            int[] layers,
            int tileRows,
            int tileCols,
            double activeInputs,
            double pulsesPerSynapsePerExample,
            int transferInterval,
            double iterationsPerCell,
            double iterationsPerRow) {
        double fwd = 0;
        double bwd = 0;
        double fConv = 0;
        double bConv = 0;
        double fDrive = 0;
        double bDrive = 0;
        double uDrive = 0;
        double nf = 0;
        double nb = 0;
        int tiles = 0;
        int tallest = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            int in = layers[l] + 1;
            int out = layers[l + 1];
            int rb = TileShape.rowBlocks(layers[l], tileRows);
            int cb = TileShape.colBlocks(out, tileCols);
            tiles += rb * cb;
            tallest = Math.max(tallest, Math.min(in, tileRows));
            fwd += (double) in * out;
            fConv += (double) out * rb;
            fDrive += activeInputs * in * cb;
            uDrive += (double) in * cb + (double) out * rb;
            nf += out;
            if (l > 0) {
                bwd += (double) in * out;
                bConv += (double) in * cb;
                bDrive += (double) out * rb;
                nb += layers[l];
            }
        }
        double cells = fwd;
        return new Workload(
                fwd,
                activeInputs * fwd,
                bwd,
                fwd,
                fConv,
                bConv,
                new double[] {fDrive, bDrive, uDrive},
                nf,
                nb,
                pulsesPerSynapsePerExample * cells,
                0,
                2.0 * cells / transferInterval,
                iterationsPerCell * cells / transferInterval,
                iterationsPerRow * tallest / transferInterval,
                layers.length - 1,
                layers.length - 2,
                tiles,
                tileRows,
                tileCols);
    }
}
