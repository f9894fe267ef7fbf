package io.crossbarlab.sim.tile;

import static io.crossbarlab.sim.Tolerances.Z_FAIL;
import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.random.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The pulse coder of {@link PulsedTile}, through a tile that only records the pulses it is asked to
 * apply: stochastic rounding must be unbiased in each of its three regions (several pulses, one
 * uniform per input, thinned geometric gaps), and no error magnitude may break it.
 */
class PulseCoderTests {

    /** Records pulses per cell; weightPerPulse 1, so a requested change v is v pulses. */
    static final class RecordingTile extends PulsedTile {
        final long[] sum;
        int maxAbs;
        int calls;

        RecordingTile(int rows, int cols, boolean stochastic, int cap, long seed) {
            super(
                    0,
                    rows,
                    0,
                    cols,
                    TileParameters.DEFAULT,
                    new EventCounters(),
                    new SplitMix64(seed),
                    stochastic,
                    cap,
                    0);
            sum = new long[rows * cols];
        }

        @Override
        protected double weightPerPulse() {
            return 1.0;
        }

        @Override
        protected void applyPulses(int col, int[] rows, int[] counts, int n) {
            calls++;
            for (int k = 0; k < n; k++) {
                assertThat(counts[k]).as("recorded pulses are non-zero").isNotZero();
                sum[rows[k] * cols + col] += counts[k];
                maxAbs = Math.max(maxAbs, Math.abs(counts[k]));
            }
        }

        @Override
        public void initialise(float[] w, SplitMix64 deviceRng, SplitMix64 noiseRng) {}
    }

    @Test
    void stochasticRoundingIsUnbiasedInEveryRegion() {
        // requested pulses per row from 0.002 (thinned tail) over 0.2..1 (one draw each) to 3.7 (several)
        float[] requested = {3.7f, 2.25f, 1.0f, 0.9f, 0.55f, 0.2f, 0.19f, 0.1f, 0.05f, 0.02f, 0.01f, 0.002f};
        int rows = requested.length;
        RecordingTile t = new RecordingTile(rows, 1, true, 100, 7);
        float[] x = requested.clone();
        RowBlockInput in = new RowBlockInput(0, rows);
        in.load(x, true);
        float[] delta = {-1f}; // requested change -lr * x * delta = +x pulses
        int trials = 200_000;
        for (int i = 0; i < trials; i++) {
            t.update(in, x, delta, 1f);
        }
        for (int r = 0; r < rows; r++) {
            double v = requested[r];
            double frac = v - Math.floor(v);
            double sd = Math.sqrt(frac * (1 - frac) / trials);
            double mean = (double) t.sum[r] / trials;
            if (sd == 0) {
                assertThat(mean).as("row %d", r).isEqualTo(v);
            } else {
                assertThat(Math.abs(mean - v) / sd)
                        .as("row %d: mean %s for %s", r, mean, v)
                        .isLessThan(Z_FAIL);
            }
        }
    }

    @Test
    void deterministicRoundingGivesTheNearestCountAndStopsBelowHalfAPulse() {
        float[] x = {2.6f, 1.4f, 0.6f, 0.4f, 0f};
        RecordingTile t = new RecordingTile(x.length, 1, false, 100, 1);
        RowBlockInput in = new RowBlockInput(0, x.length);
        in.load(x, true);
        t.update(in, x, new float[] {1f}, 1f); // change -x: negative pulses
        assertThat(t.sum).containsExactly(-3, -1, -1, 0, 0);
    }

    @Property(tries = 300)
    void anyErrorMagnitudeGivesCappedPulsesOnNonZeroInputsOnly(
            @ForAll @DoubleRange(min = -30, max = 4) double log10Error,
            @ForAll boolean negative,
            @ForAll @IntRange(min = 1, max = 50) int cap,
            @ForAll long seed) {
        int rows = 64;
        int cols = 8;
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[rows];
        for (int r = 0; r < rows; r++) {
            x[r] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextDouble();
        }
        float[] delta = new float[cols];
        for (int c = 0; c < cols; c++) {
            delta[c] = (float) ((negative ? -1 : 1) * Math.pow(10, log10Error) * (0.5 + rng.nextDouble()));
        }
        RecordingTile t = new RecordingTile(rows, cols, true, cap, seed);
        RowBlockInput in = new RowBlockInput(0, rows);
        in.load(x, true);
        t.update(in, x, delta, 0.1f);
        assertThat(t.maxAbs).isLessThanOrEqualTo(cap);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                long s = t.sum[r * cols + c];
                if (x[r] == 0f) {
                    assertThat(s).isZero();
                } else if (s != 0) {
                    // requested change -lr * x * delta: opposite sign to delta for x > 0
                    assertThat(Long.signum(s)).isEqualTo(negative ? 1 : -1);
                }
            }
        }
    }

    @Test
    void rarePulsesOverManyInputsStayUnbiased() {
        // 400 inputs asking 1e-4..2e-4 pulses each: most updates end after the first geometric gap,
        // many of them by the bound that skips the logarithm; the total must still be unbiased
        int rows = 400;
        float[] x = new float[rows];
        double expectedPerUpdate = 0;
        for (int r = 0; r < rows; r++) {
            x[r] = (float) (2e-4 - 1e-4 * r / rows);
            expectedPerUpdate += x[r];
        }
        RecordingTile t = new RecordingTile(rows, 1, true, 100, 11);
        RowBlockInput in = new RowBlockInput(0, rows);
        in.load(x, true);
        float[] delta = {-1f};
        int trials = 200_000;
        for (int i = 0; i < trials; i++) {
            t.update(in, x, delta, 1f);
        }
        long total = 0;
        for (long v : t.sum) {
            total += v;
        }
        double expected = expectedPerUpdate * trials; // about 12,000 pulses; Poisson-like spread
        assertThat(Math.abs(total - expected) / Math.sqrt(expected))
                .as("total %d against %s", total, expected)
                .isLessThan(Z_FAIL);
    }
}
