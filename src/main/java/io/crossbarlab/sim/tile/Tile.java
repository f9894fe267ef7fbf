package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.random.SplitMix64;

/**
 * One crossbar tile: a block of {@code rows x cols} cells of a layer, holding its own device state
 * in primitive arrays. The effective weight of every cell is maintained in {@link #weights} (network
 * units, row-major by input row) whenever device state changes, so MVMs read one array whatever the
 * scheme. Reads draw nothing: PCM read noise is low-frequency 1/f noise, kept as part of each
 * pair's state and so already in the weight a read sees (docs/model.md).
 */
public abstract class Tile implements java.io.Serializable {

    protected final int rows;
    protected final int cols;
    protected final int rowOffset;
    protected final int colOffset;
    protected final float[][] weights;
    protected final EventCounters counters;
    protected final TileParameters tileParameters;
    private final float[] partial;
    private final float[] deltaSlice;

    protected Tile(int rowOffset, int rows, int colOffset, int cols, TileParameters tp, EventCounters counters) {
        this.rows = rows;
        this.cols = cols;
        this.rowOffset = rowOffset;
        this.colOffset = colOffset;
        this.weights = new float[rows][cols];
        this.tileParameters = tp;
        this.counters = counters;
        this.partial = new float[Math.max(rows, cols)];
        this.deltaSlice = new float[cols];
    }

    /** Sets the initial weights (network units, [r*cols + c]) by programming the devices. */
    public abstract void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng);

    /** Applies the update for one example. */
    public abstract void update(RowBlockInput input, float[] x, float[] delta, float learningRate);

    /** Called after every training example with the number of examples done so far. */
    public void afterExample(long examplesDone) {}

    /**
     * Called before every training example with the number of examples done so far. Periodic
     * transfers run here, so that a run's last example is followed by evaluation of the trained
     * weights, not of a fresh transfer.
     */
    public void beforeExample(long examplesDone) {}

    /**
     * Inference after training on the non-volatile devices alone: programs the trained weights into
     * them. Returns false (and changes nothing) when the tile has no such devices.
     */
    public boolean programForInference(SplitMix64 rng) {
        return false;
    }

    /**
     * After {@link #programForInference}: sets the weights the array reads {@code seconds} after that
     * programming, with or without global drift compensation. Times must not decrease.
     */
    public void inferenceAt(double seconds, boolean compensate) {
        throw new IllegalStateException("no inference on this tile");
    }

    /** Whether {@link #update} needs the block's inputs sorted by magnitude. */
    public boolean needsSortedInput() {
        return false;
    }

    /** First network row (input index, bias row last) of this tile. */
    public int rowOffset() {
        return rowOffset;
    }

    /** First network column (output index) of this tile. */
    public int colOffset() {
        return colOffset;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The effective weight of cell (r, c) in network units (tile-local indices). */
    public float weight(int r, int c) {
        return weights[r][c];
    }

    /**
     * Forward MVM of this tile's block: {@code out[colOffset + c] += sum_r x[r] * W[r][c]}, with ADC
     * quantisation of the tile's partial sums.
     */
    public final void forward(RowBlockInput in, float[] x, float[] out) {
        float[] y = partial;
        java.util.Arrays.fill(y, 0, cols, 0f);
        accumulateRows(in.nonZeroRows, in.nonZeroCount, x, y);
        readOut(y, out);
    }

    /**
     * {@code y[c] += x[r] * W[r][c]} for the {@code count} (tile-absolute, ascending) rows in {@code
     * nonZero}, summed over the rows in that order. Four rows go through each pass over y, so y is
     * loaded and stored once per four rows instead of once per row; every y[c] still receives its
     * products one at a time in ascending row order, so the floats are exactly those of the one-row
     * loop (Java does not reassociate or fuse them).
     */
    private void accumulateRows(int[] nonZero, int count, float[] x, float[] y) {
        final int n = cols;
        int k = 0;
        for (; k + 4 <= count; k += 4) {
            int r0 = nonZero[k];
            int r1 = nonZero[k + 1];
            int r2 = nonZero[k + 2];
            int r3 = nonZero[k + 3];
            float x0 = x[r0];
            float x1 = x[r1];
            float x2 = x[r2];
            float x3 = x[r3];
            float[] w0 = weights[r0 - rowOffset];
            float[] w1 = weights[r1 - rowOffset];
            float[] w2 = weights[r2 - rowOffset];
            float[] w3 = weights[r3 - rowOffset];
            for (int c = 0; c < n; c++) {
                y[c] = y[c] + x0 * w0[c] + x1 * w1[c] + x2 * w2[c] + x3 * w3[c];
            }
        }
        for (; k < count; k++) {
            int r = nonZero[k];
            float xr = x[r];
            float[] w = weights[r - rowOffset];
            for (int c = 0; c < n; c++) {
                y[c] += xr * w[c];
            }
        }
    }

    /** The read-out of a forward MVM's partial sums {@code y}: ADC quantisation, then accumulation into
     * this tile's columns of {@code out}. */
    private void readOut(float[] y, float[] out) {
        final int n = cols;
        quantise(y, n, tileParameters.adcForwardFullScale());
        for (int c = 0; c < n; c++) {
            out[colOffset + c] += y[c];
        }
    }

    /** Backward (transposed) MVM: {@code out[rowOffset + r] += sum_c W[r][c] * delta[colOffset + c]}. */
    public final void backward(float[] delta, float[] out) {
        final int n = cols;
        float[] y = partial;
        final float[] d = deltaSlice;
        System.arraycopy(delta, colOffset, d, 0, n);
        // Four rows at a time: four independent sums in flight instead of one chain of dependent
        // additions; each row still adds its products in ascending column order.
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float[] w0 = weights[r];
            float[] w1 = weights[r + 1];
            float[] w2 = weights[r + 2];
            float[] w3 = weights[r + 3];
            float a0 = 0f;
            float a1 = 0f;
            float a2 = 0f;
            float a3 = 0f;
            for (int c = 0; c < n; c++) {
                float dc = d[c];
                a0 += w0[c] * dc;
                a1 += w1[c] * dc;
                a2 += w2[c] * dc;
                a3 += w3[c] * dc;
            }
            y[r] = a0;
            y[r + 1] = a1;
            y[r + 2] = a2;
            y[r + 3] = a3;
        }
        for (; r < rows; r++) {
            float[] w = weights[r];
            float acc = 0f;
            for (int c = 0; c < n; c++) {
                acc += w[c] * d[c];
            }
            y[r] = acc;
        }
        quantise(y, rows, tileParameters.adcBackwardFullScale());
        for (int k = 0; k < rows; k++) {
            out[rowOffset + k] += y[k];
        }
    }

    /** Tiles at most this wide use the example-parallel kernel in {@link #forwardBatch}. */
    static final int NARROW_COLS = 32;

    private RowBlockInput batchRows;
    private float[][] laneInput = new float[0][];
    private float[][] laneOutput = new float[0][];

    /**
     * Forward MVM of {@code count} examples, for inference: {@code out[b][colOffset + c] += sum_r
     * x[b][r] * W[r][c]}. The result of every example is bit for bit what {@link #forward} gives it.
     *
     * <p>Wide tiles run {@link #forward}'s own kernel example by example, skipping each example's
     * zero inputs: {@code nonZeroRows[b][0..nonZeroCount[b])} when the caller knows them
     * (ascending, over the whole layer input, as {@link RowBlockInput#loadIndexed} takes them),
     * else, when the arrays are null or the count is negative, found by scanning. Narrow tiles (an
     * output layer of 10 columns, say) are too short for a loop over columns to vectorise, so they
     * run the batch as the vector dimension: for every weight (r, c), {@code y[c][b] += x[b][r] *
     * W[r][c]} over all b at once. That visits the rows densely, but adding the product of a zero
     * input leaves a sum unchanged (sums start at +0 and weights are finite), and every example
     * still sums its products in ascending row order, so the floats are the same.
     */
    public final void forwardBatch(float[][] x, int count, float[][] out, int[][] nonZeroRows, int[] nonZeroCount) {
        if (cols <= NARROW_COLS) {
            forwardBatchNarrow(x, count, out);
            return;
        }
        if (batchRows == null) {
            batchRows = new RowBlockInput(rowOffset, rowOffset + rows);
        }
        for (int b = 0; b < count; b++) {
            if (nonZeroCount != null && nonZeroCount[b] >= 0) {
                batchRows.loadIndexed(nonZeroRows[b], nonZeroCount[b], x[b], false);
            } else {
                batchRows.load(x[b], false);
            }
            forward(batchRows, x[b], out[b]);
        }
    }

    private void forwardBatchNarrow(float[][] x, int count, float[][] out) {
        if (laneInput.length < rows || laneInput[0].length < count) {
            laneInput = new float[rows][count];
            laneOutput = new float[cols][count];
        }
        final float[][] xt = laneInput;
        final float[][] yt = laneOutput;
        for (int b = 0; b < count; b++) {
            float[] xb = x[b];
            for (int r = 0; r < rows; r++) {
                xt[r][b] = xb[rowOffset + r];
            }
        }
        for (int c = 0; c < cols; c++) {
            java.util.Arrays.fill(yt[c], 0, count, 0f);
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float[] w0 = weights[r];
            float[] w1 = weights[r + 1];
            float[] w2 = weights[r + 2];
            float[] w3 = weights[r + 3];
            float[] x0 = xt[r];
            float[] x1 = xt[r + 1];
            float[] x2 = xt[r + 2];
            float[] x3 = xt[r + 3];
            for (int c = 0; c < cols; c++) {
                float a0 = w0[c];
                float a1 = w1[c];
                float a2 = w2[c];
                float a3 = w3[c];
                float[] y = yt[c];
                for (int b = 0; b < count; b++) {
                    y[b] = y[b] + x0[b] * a0 + x1[b] * a1 + x2[b] * a2 + x3[b] * a3;
                }
            }
        }
        for (; r < rows; r++) {
            float[] w = weights[r];
            float[] xr = xt[r];
            for (int c = 0; c < cols; c++) {
                float a = w[c];
                float[] y = yt[c];
                for (int b = 0; b < count; b++) {
                    y[b] += xr[b] * a;
                }
            }
        }
        float[] y = partial;
        for (int b = 0; b < count; b++) {
            for (int c = 0; c < cols; c++) {
                y[c] = yt[c][b];
            }
            readOut(y, out[b]);
        }
    }

    private void quantise(float[] y, int n, double fullScale) {
        int bits = tileParameters.adcBits();
        if (bits <= 0) {
            return;
        }
        double step = 2.0 * fullScale / ((1L << bits) - 1);
        float lo = (float) -fullScale;
        float hi = (float) fullScale;
        for (int i = 0; i < n; i++) {
            float q = (float) (Math.rint(y[i] / step) * step);
            y[i] = q < lo ? lo : (q > hi ? hi : q);
        }
    }
}
