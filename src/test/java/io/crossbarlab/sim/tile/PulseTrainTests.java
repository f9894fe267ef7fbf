package io.crossbarlab.sim.tile;

import static io.crossbarlab.sim.Tolerances.Z_FAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The crossbar-compatible pulse-train update: rows and columns fire trains of BL slots and a cell is
 * pulsed once per slot where both fire. For row probability p and column probability q the pulses of
 * one cell are Binomial(BL, p·q): mean BL·p·q, variance BL·p·q·(1 − p·q).
 */
class PulseTrainTests {

    /** Records the pulses of each cell for one update at a time; weightPerPulse 1. */
    static final class TrainTile extends PulsedTile {
        final int[] last;

        TrainTile(int rows, int cols, int bl, long seed) {
            super(0, rows, 0, cols, TileParameters.DEFAULT, new EventCounters(), new SplitMix64(seed), true, 1000, bl);
            last = new int[rows * cols];
        }

        @Override
        protected double weightPerPulse() {
            return 1.0;
        }

        @Override
        protected void applyPulses(int col, int[] rows, int[] counts, int n) {
            for (int k = 0; k < n; k++) {
                assertThat(counts[k]).isNotZero();
                last[rows[k] * cols + col] += counts[k];
            }
        }

        @Override
        public void initialise(float[] w, SplitMix64 deviceRng, SplitMix64 noiseRng) {}
    }

    /** Mean and variance of each cell's pulses over {@code trials} updates with x, delta and lr. */
    static double[][] moments(int bl, float[] x, float[] delta, float lr, int trials) {
        TrainTile t = new TrainTile(x.length, delta.length, bl, 17);
        RowBlockInput in = new RowBlockInput(0, x.length);
        in.load(x.clone(), true);
        int cells = x.length * delta.length;
        double[] sum = new double[cells];
        double[] sumSq = new double[cells];
        for (int i = 0; i < trials; i++) {
            java.util.Arrays.fill(t.last, 0);
            t.update(in, x, delta, lr);
            for (int c = 0; c < cells; c++) {
                sum[c] += t.last[c];
                sumSq[c] += (double) t.last[c] * t.last[c];
            }
        }
        double[][] m = new double[cells][2];
        for (int c = 0; c < cells; c++) {
            m[c][0] = sum[c] / trials;
            m[c][1] = sumSq[c] / trials - m[c][0] * m[c][0];
        }
        return m;
    }

    @Test
    void oneCellFollowsTheBinomialClosedForm() {
        // BL 32, x = 1, delta = -1, lr = 8: p = q = sqrt(8 / 32) = 0.5, pulses ~ Binomial(32, 0.25)
        int trials = 100_000;
        double[][] m = moments(32, new float[] {1f}, new float[] {-1f}, 8f, trials);
        double mean = 32 * 0.25;
        double var = 32 * 0.25 * 0.75;
        assertThat(Math.abs(m[0][0] - mean) / Math.sqrt(var / trials)).isLessThan(Z_FAIL);
        assertThat(m[0][1]).isCloseTo(var, within(0.05 * var));
    }

    @Test
    void everyCellGetsTheRequestedMeanWithBinomialVariance() {
        // BL 64, lr 16: A·B = 0.25, A = B = 0.5 (largest |x| and |delta| are 1): p = (0.5, 0.125),
        // q = (0.5, 0.25); requested pulses lr·|x|·|delta| = 16, 8, 4, 2; the sign is -sign(x·delta)
        float[] x = {1f, -0.25f};
        float[] delta = {-1f, -0.5f};
        int trials = 100_000;
        double[][] m = moments(64, x, delta, 16f, trials);
        double[] p = {0.5, 0.125};
        double[] q = {0.5, 0.25};
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double pq = p[r] * q[c];
                double mean = Math.signum(-x[r] * delta[c]) * 64 * pq;
                double var = 64 * pq * (1 - pq);
                double[] got = m[r * 2 + c];
                assertThat(Math.abs(got[0] - mean) / Math.sqrt(var / trials))
                        .as("cell %d,%d mean %s, expected %s", r, c, got[0], mean)
                        .isLessThan(Z_FAIL);
                assertThat(got[1]).as("cell %d,%d variance", r, c).isCloseTo(var, within(0.05 * var));
                assertThat(Math.abs(mean)).isEqualTo(16.0 * Math.abs(x[r] * delta[c]), within(1e-12));
            }
        }
    }

    @Test
    void bernoulliWordsHaveBitProbabilityKOver256() {
        SplitMix64 rng = new SplitMix64(5);
        for (int k : new int[] {1, 3, 64, 128, 200, 255}) {
            long ones = 0;
            int words = 20_000;
            for (int i = 0; i < words; i++) {
                ones += Long.bitCount(PulsedTile.bernoulliWord(k, rng));
            }
            double n = 64.0 * words;
            double p = k / 256.0;
            assertThat(Math.abs(ones / n - p) / Math.sqrt(p * (1 - p) / n))
                    .as("k=%d", k)
                    .isLessThan(Z_FAIL);
        }
        assertThat(PulsedTile.bernoulliWord(0, rng)).isZero();
        assertThat(PulsedTile.bernoulliWord(256, rng)).isEqualTo(-1L);
    }
}
