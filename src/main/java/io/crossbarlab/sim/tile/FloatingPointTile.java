package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.random.SplitMix64;

/** Software baseline: FP32 weights, exact SGD update {@code W -= lr * x * delta}, no device noise. */
public final class FloatingPointTile extends Tile {

    public FloatingPointTile(int rowOffset, int rows, int colOffset, int cols, TileParameters tp, EventCounters c) {
        super(rowOffset, rows, colOffset, cols, tp, c);
    }

    @Override
    protected double readNoiseSigma() {
        return 0;
    }

    @Override
    public void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng) {
        System.arraycopy(initialWeights, 0, weights, 0, weights.length);
    }

    @Override
    public void update(RowBlockInput in, float[] x, float[] delta, float learningRate) {
        final float[] w = weights;
        final int n = cols;
        for (int k = 0; k < in.nonZeroCount; k++) {
            int r = in.nonZeroRows[k];
            float a = -learningRate * x[r];
            int base = (r - rowOffset) * n;
            for (int c = 0; c < n; c++) {
                w[base + c] += a * delta[colOffset + c];
            }
        }
    }
}
