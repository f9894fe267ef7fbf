package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.Dataset;
import io.crossbarlab.sim.tile.RowBlockInput;
import io.crossbarlab.sim.tile.Tile;

/**
 * A fully connected layer of {@code inputs} (+1 bias row) x {@code outputs} cells, cut into a grid of
 * tiles. Owns its buffers: {@link #input} (with the constant 1 of the bias in its last slot), the
 * pre-activations, the errors and the backward output.
 */
final class Layer implements java.io.Serializable {

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

    /**
     * The non-zero rows of {@link #input}, ascending, the bias row last, as {@link #loadInput} left
     * them: {@code knownCount} of them, or -1 when the input was written some other way.
     */
    private int[] knownRows;

    private int knownCount = -1;
    /** The same for the batch inputs, example b's in {@code batchKnownRows[b]}; null until used. */
    private int[][] batchKnownRows;

    private int[] batchKnownCount;

    /** {@link #input}, to be written by the caller: its non-zero rows are no longer known. */
    float[] writableInput() {
        knownCount = -1;
        return input;
    }

    /**
     * Writes example {@code i} of {@code data} to {@link #input} through the dataset's mask of non-zero
     * pixels ({@link Dataset#loadNonZero}), keeping the list of its non-zero rows for the forward
     * pass, which then need not scan the input. The input then holds what {@code copyFeatures} writes.
     */
    void loadInput(Dataset data, int i) {
        if (knownRows == null) {
            knownRows = new int[inputs + 1];
        }
        knownCount = load(data, i, input, knownRows, knownCount);
    }

    /** Example b of the batch inputs of {@code capacity}, to be written by the caller (see above). */
    float[] writableBatchInput(int b, int capacity) {
        float[] x = batchInput(capacity)[b];
        if (batchKnownCount != null) {
            batchKnownCount[b] = -1;
        }
        return x;
    }

    /** {@link #loadInput} for example b of the batch inputs of {@code capacity}. */
    void loadBatchInput(int b, int capacity, Dataset data, int i) {
        float[] x = batchInput(capacity)[b];
        if (batchKnownCount == null) {
            batchKnownRows = new int[batchInput.length][inputs + 1];
            batchKnownCount = new int[batchInput.length];
            java.util.Arrays.fill(batchKnownCount, -1);
        }
        batchKnownCount[b] = load(data, i, x, batchKnownRows[b], batchKnownCount[b]);
    }

    /**
     * Loads example i into input buffer x whose non-zero rows are {@code rows[0..known)} (bias
     * included), or unknown if {@code known < 0}; returns the new count, bias included.
     */
    private int load(Dataset data, int i, float[] x, int[] rows, int known) {
        if (known < 0) {
            java.util.Arrays.fill(x, 0, inputs, 0f);
            known = 1; // no pixels to clear, only the bias row
        }
        int n = data.loadNonZero(i, x, rows, known - 1);
        rows[n] = inputs; // the bias row: always 1, and last in ascending order
        return n + 1;
    }

    /** preActivation = forward MVM of {@link #input} over all tiles. */
    void forward(boolean training) {
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
                t.forward(in, input, preActivation);
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
            batchKnownRows = null; // new buffers: nothing is known about them
            batchKnownCount = null;
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

    /** Inference of {@code count} examples from {@link #batchInput}. */
    void forwardBatch(int count) {
        for (int b = 0; b < count; b++) {
            java.util.Arrays.fill(batchPre[b], 0f);
        }
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                t.forwardBatch(batchInput, count, batchPre, batchKnownRows, batchKnownCount);
            }
        }
        counters.evalMacs += (long) (inputs + 1) * outputs * count;
    }

    /** backward = W * delta over all tiles (for the previous layer's error). */
    void backward() {
        java.util.Arrays.fill(backward, 0f);
        counters.backwardMacs += (long) (inputs + 1) * outputs;
        counters.backwardConversions += (long) (inputs + 1) * tiles[0].length;
        counters.backwardLineDrives += (long) outputs * tiles.length;
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                t.backward(delta, backward);
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
