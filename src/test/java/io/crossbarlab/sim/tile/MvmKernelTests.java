package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.random.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The unrolled MVM kernels must give the bits of the plain definitions: forward sums x[r]*W[r][c]
 * over ascending non-zero rows, backward sums W[r][c]*delta[c] over ascending columns, in float.
 */
class MvmKernelTests {

    @Property(tries = 200)
    void forwardAndBackwardEqualThePlainLoopsBitForBit(
            @ForAll @IntRange(min = 1, max = 70) int rows,
            @ForAll @IntRange(min = 1, max = 40) int cols,
            @ForAll @IntRange(min = 0, max = 100) int zeroPercent,
            @ForAll long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int rowOffset = 3;
        int colOffset = 2;
        FloatingPointTile tile =
                new FloatingPointTile(rowOffset, rows, colOffset, cols, TileParameters.DEFAULT, new EventCounters());
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * 0.1);
        }
        tile.initialise(w, null, null);
        float[] x = new float[rowOffset + rows];
        for (int r = rowOffset; r < x.length; r++) {
            x[r] = rng.nextInt(100) < zeroPercent ? 0f : (float) rng.nextGaussian();
        }
        float[] delta = new float[colOffset + cols];
        for (int c = colOffset; c < delta.length; c++) {
            delta[c] = (float) rng.nextGaussian();
        }

        RowBlockInput in = new RowBlockInput(rowOffset, rowOffset + rows);
        in.load(x, false);
        float[] out = new float[colOffset + cols];
        tile.forward(in, x, out);
        for (int c = 0; c < cols; c++) {
            float y = 0f;
            for (int r = 0; r < rows; r++) {
                if (x[rowOffset + r] != 0f) {
                    y += x[rowOffset + r] * w[r * cols + c];
                }
            }
            assertThat(out[colOffset + c]).as("forward column %d", c).isEqualTo(0f + y);
        }

        float[] back = new float[rowOffset + rows];
        tile.backward(delta, back);
        for (int r = 0; r < rows; r++) {
            float acc = 0f;
            for (int c = 0; c < cols; c++) {
                acc += w[r * cols + c] * delta[colOffset + c];
            }
            assertThat(back[rowOffset + r]).as("backward row %d", r).isEqualTo(0f + acc);
        }
    }
}
