package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.random.SplitMix64;

/** Software baseline: FP32 weights, exact SGD update {@code W -= lr * x * delta}, no device noise. */
public final class FloatingPointTile extends Tile implements java.io.Serializable {

    /** This tile's slice of the errors, copied so the update loop indexes both arrays alike. */
    private final float[] deltaBlock;

    public FloatingPointTile(int rowOffset, int rows, int colOffset, int cols, TileParameters tp, EventCounters c) {
        super(rowOffset, rows, colOffset, cols, tp, c);
        this.deltaBlock = new float[cols];
    }

    @Override
    public void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(initialWeights, r * cols, weights[r], 0, cols);
        }
    }

    @Override
    public void update(RowBlockInput in, float[] x, float[] delta, float learningRate) {
        final int n = cols;
        final float[] d = deltaBlock;
        System.arraycopy(delta, colOffset, d, 0, n);
        for (int k = 0; k < in.nonZeroCount; k++) {
            int r = in.nonZeroRows[k];
            float a = -learningRate * x[r];
            float[] w = weights[r - rowOffset];
            for (int c = 0; c < n; c++) {
                w[c] += a * d[c];
            }
        }
    }
}
