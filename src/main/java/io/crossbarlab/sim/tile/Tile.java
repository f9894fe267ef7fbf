package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.random.SplitMix64;

/**
 * One crossbar tile: a block of {@code rows x cols} cells of a layer, holding its own device state
 * in primitive arrays. The effective weight of every cell is maintained in {@link #weights} (network
 * units, row-major by input row) whenever device state changes, so MVMs read one array whatever the
 * scheme.
 *
 * <p>Forward and backward reads add output-referred Gaussian noise equivalent to independent read
 * noise of sigma on every cell: the sum of n independent cell errors x_r*e_r is exactly Gaussian with
 * standard deviation sigma*||x||, so one draw per output replaces one per cell.
 */
public abstract class Tile {

    protected final int rows;
    protected final int cols;
    protected final int rowOffset;
    protected final int colOffset;
    protected final float[][] weights;
    protected final EventCounters counters;
    protected final TileParameters tileParameters;
    private final float[] partial;

    protected Tile(int rowOffset, int rows, int colOffset, int cols, TileParameters tp, EventCounters counters) {
        this.rows = rows;
        this.cols = cols;
        this.rowOffset = rowOffset;
        this.colOffset = colOffset;
        this.weights = new float[rows][cols];
        this.tileParameters = tp;
        this.counters = counters;
        this.partial = new float[Math.max(rows, cols)];
    }

    /** Standard deviation of the read error of one cell, in network weight units. */
    protected abstract double readNoiseSigma();

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

    /** Whether {@link #update} needs the block's inputs sorted by magnitude. */
    public boolean needsSortedInput() {
        return false;
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
     * Forward MVM of this tile's block: {@code out[colOffset + c] += sum_r x[r] * W[r][c]}, with read
     * noise from {@code rng} (none if null) and ADC quantisation of the tile's partial sums.
     */
    public final void forward(RowBlockInput in, float[] x, float[] out, SplitMix64 rng) {
        float[] y = partial;
        java.util.Arrays.fill(y, 0, cols, 0f);
        final int n = cols;
        for (int k = 0; k < in.nonZeroCount; k++) {
            int r = in.nonZeroRows[k];
            float xr = x[r];
            float[] w = weights[r - rowOffset];
            for (int c = 0; c < n; c++) {
                y[c] += xr * w[c];
            }
        }
        readOut(y, in.sumSquares, rng, out);
    }

    /**
     * The read-out of a forward MVM's partial sums {@code y}: output-referred read noise for an input
     * of squared norm {@code sumSquares} (none if rng is null), ADC quantisation, then accumulation
     * into this tile's columns of {@code out}.
     */
    private void readOut(float[] y, double sumSquares, SplitMix64 rng, float[] out) {
        final int n = cols;
        double sigma = readNoiseSigma();
        if (rng != null && sigma > 0 && sumSquares > 0) {
            double s = sigma * Math.sqrt(sumSquares);
            for (int c = 0; c < n; c++) {
                y[c] += (float) (s * rng.nextGaussian());
            }
        }
        quantise(y, n, tileParameters.adcForwardFullScale());
        for (int c = 0; c < n; c++) {
            out[colOffset + c] += y[c];
        }
    }

    /** Backward (transposed) MVM: {@code out[rowOffset + r] += sum_c W[r][c] * delta[colOffset + c]}. */
    public final void backward(float[] delta, float[] out, SplitMix64 rng) {
        final int n = cols;
        float[] y = partial;
        double ss = 0;
        for (int c = 0; c < n; c++) {
            float d = delta[colOffset + c];
            ss += (double) d * d;
        }
        for (int r = 0; r < rows; r++) {
            float[] w = weights[r];
            float acc = 0f;
            for (int c = 0; c < n; c++) {
                acc += w[c] * delta[colOffset + c];
            }
            y[r] = acc;
        }
        double sigma = readNoiseSigma();
        if (rng != null && sigma > 0 && ss > 0) {
            double s = sigma * Math.sqrt(ss);
            for (int r = 0; r < rows; r++) {
                y[r] += (float) (s * rng.nextGaussian());
            }
        }
        quantise(y, rows, tileParameters.adcBackwardFullScale());
        for (int r = 0; r < rows; r++) {
            out[rowOffset + r] += y[r];
        }
    }

    private float[][] batchPartial = new float[0][];
    private double[] batchSumSquares = new double[0];

    /**
     * Forward MVM of {@code count} examples at once, for inference: {@code out[b][colOffset + c] +=
     * sum_r x[b][r] * W[r][c]}. Each weight row is read once for the whole batch instead of once per
     * example. For every example the products are summed over ascending rows, as {@link #forward}
     * does, and its read noise comes from its own {@code rng[b]} in the same order, so each example's
     * result is bit for bit what {@link #forward} gives with that generator.
     */
    public final void forwardBatch(float[][] x, int count, float[][] out, SplitMix64[] rng) {
        if (batchPartial.length < count) {
            batchPartial = new float[count][cols];
            batchSumSquares = new double[count];
        }
        final int n = cols;
        for (int b = 0; b < count; b++) {
            java.util.Arrays.fill(batchPartial[b], 0f);
            batchSumSquares[b] = 0;
        }
        for (int r = 0; r < rows; r++) {
            float[] w = weights[r];
            int row = rowOffset + r;
            for (int b = 0; b < count; b++) {
                float xr = x[b][row];
                if (xr == 0f) {
                    continue;
                }
                batchSumSquares[b] += (double) xr * xr;
                float[] y = batchPartial[b];
                for (int c = 0; c < n; c++) {
                    y[c] += xr * w[c];
                }
            }
        }
        for (int b = 0; b < count; b++) {
            readOut(batchPartial[b], batchSumSquares[b], rng == null ? null : rng[b], out[b]);
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
