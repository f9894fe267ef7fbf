package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.random.SplitMix64;
import io.crossbarlab.sim.tile.RowBlockInput;
import io.crossbarlab.sim.tile.Tile;

/**
 * A fully connected layer of {@code inputs} (+1 bias row) x {@code outputs} cells, cut into a grid of
 * tiles. Owns its buffers: {@link #input} (with the constant 1 of the bias in its last slot), the
 * pre-activations, the errors and the backward output.
 */
final class Layer {

    final int inputs;
    final int outputs;
    final Tile[][] tiles; // [rowBlock][colBlock]
    final RowBlockInput[] blocks;
    final float[] input;
    final float[] preActivation;
    final float[] delta;
    final float[] backward;
    final boolean sortedUpdates;

    private final io.crossbarlab.sim.tile.EventCounters counters;

    Layer(
            int inputs,
            int outputs,
            Tile[][] tiles,
            RowBlockInput[] blocks,
            io.crossbarlab.sim.tile.EventCounters counters) {
        this.counters = counters;
        this.inputs = inputs;
        this.outputs = outputs;
        this.tiles = tiles;
        this.blocks = blocks;
        this.input = new float[inputs + 1];
        this.input[inputs] = 1f;
        this.preActivation = new float[outputs];
        this.delta = new float[outputs];
        this.backward = new float[inputs + 1];
        this.sortedUpdates = tiles[0][0].needsSortedInput();
    }

    int tileCount() {
        return tiles.length * tiles[0].length;
    }

    /** The non-zero rows of {@link #input}, ascending, when known ({@code knownCount >= 0}). */
    private int[] knownRows;

    private int knownCount = -1;
    /** The same per example of the batch inputs, when known (count >= 0; arrays null if never). */
    private int[][] batchKnownRows;

    private int[] batchKnownCount;

    /**
     * Declares {@code rows[0..count)} the non-zero rows of {@link #input} (ascending, bias row
     * included), so that the forward pass need not look for them; a negative count withdraws it.
     */
    void knownInputRows(int[] rows, int count) {
        knownRows = rows;
        knownCount = count;
    }

    /**
     * The same for the batch inputs: example b's rows are {@code rows[b][0..count[b])}, unknown while
     * {@code count[b]} is negative. The arrays stay the caller's, which updates them in place.
     */
    void knownBatchRows(int[][] rows, int[] count) {
        batchKnownRows = rows;
        batchKnownCount = count;
    }

    /** preActivation = forward MVM of {@link #input} over all tiles. */
    void forward(SplitMix64 rng, boolean training) {
        java.util.Arrays.fill(preActivation, 0f);
        long dense = (long) (inputs + 1) * outputs;
        long active = 0;
        for (int b = 0; b < blocks.length; b++) {
            RowBlockInput in = blocks[b];
            if (knownCount >= 0) {
                in.loadIndexed(knownRows, knownCount, input, training && sortedUpdates);
            } else {
                in.load(input, training && sortedUpdates);
            }
            active += (long) in.nonZeroCount() * outputs;
            for (Tile t : tiles[b]) {
                t.forward(in, input, preActivation, rng);
            }
        }
        if (training) {
            int colBlocks = tiles[0].length;
            counters.forwardMacs += dense;
            counters.forwardActiveMacs += active;
            counters.forwardConversions += (long) outputs * blocks.length;
            long driven = 0;
            for (RowBlockInput in : blocks) {
                driven += in.nonZeroCount();
            }
            counters.forwardLineDrives += driven * colBlocks;
        } else {
            counters.evalMacs += dense;
        }
    }

    private float[][] batchInput = new float[0][];
    private float[][] batchPre = new float[0][];

    /** Input buffers of a batch of {@code count} examples (bias slot set to 1). */
    float[][] batchInput(int count) {
        if (batchInput.length < count) {
            batchInput = new float[count][inputs + 1];
            batchPre = new float[count][outputs];
            for (float[] x : batchInput) {
                x[inputs] = 1f;
            }
        }
        return batchInput;
    }

    /** Pre-activations of the batch after {@link #forwardBatch}. */
    float[][] batchPreActivation() {
        return batchPre;
    }

    /** Inference of {@code count} examples from {@link #batchInput}; example b's noise from rng[b]. */
    void forwardBatch(int count, SplitMix64[] rng) {
        for (int b = 0; b < count; b++) {
            java.util.Arrays.fill(batchPre[b], 0f);
        }
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                t.forwardBatch(batchInput, count, batchPre, rng, batchKnownRows, batchKnownCount);
            }
        }
        counters.evalMacs += (long) (inputs + 1) * outputs * count;
    }

    /** backward = W * delta over all tiles (for the previous layer's error). */
    void backward(SplitMix64 rng) {
        java.util.Arrays.fill(backward, 0f);
        counters.backwardMacs += (long) (inputs + 1) * outputs;
        counters.backwardConversions += (long) (inputs + 1) * tiles[0].length;
        counters.backwardLineDrives += (long) outputs * tiles.length;
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                t.backward(delta, backward, rng);
            }
        }
    }

    void update(float learningRate) {
        counters.updateMacs += (long) (inputs + 1) * outputs;
        counters.updateLineDrives += (long) (inputs + 1) * tiles[0].length + (long) outputs * tiles.length;
        for (int b = 0; b < blocks.length; b++) {
            for (Tile t : tiles[b]) {
                t.update(blocks[b], input, delta, learningRate);
            }
        }
    }

    void beforeExample(long examplesDone) {
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                t.beforeExample(examplesDone);
            }
        }
    }

    void afterExample(long examplesDone) {
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                t.afterExample(examplesDone);
            }
        }
    }
}
