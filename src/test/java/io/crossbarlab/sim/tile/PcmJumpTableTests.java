package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmJumpTable;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A measured PCM jump table, generated from the compact partial-SET model, reproduces that model: the
 * same jump statistics at every conductance, and the same device trajectories pulse for pulse in a
 * tile when both draw the same noise; a different table changes them.
 */
class PcmJumpTableTests {

    static final PcmParameters PCM =
            TileFixtures.config(Scheme.PCM_PAIR, Map.of()).pcm();

    /** Four standard errors: a false failure of the mean comparison about once in 16,000 runs. */
    static final double SE_LIMIT = 4.0;

    /**
     * Compares 40,000 jumps of the compact model and of {@code table} at each conductance of {@code at}:
     * means within {@link #SE_LIMIT} standard errors (plus {@code meanSlack}), variances within a
     * factor {@code 1 ± varianceTolerance}.
     */
    static void assertSameJumpStatistics(
            PcmJumpTable table, double[] at, long seed, double meanSlack, double varianceTolerance) {
        int n = 40_000;
        for (double g : at) {
            SplitMix64 a = new SplitMix64(seed);
            SplitMix64 b = new SplitMix64(seed + 1);
            double sumA = 0;
            double sumB = 0;
            double sqA = 0;
            double sqB = 0;
            for (int i = 0; i < n; i++) {
                double da = Pcm.partialSet((float) g, (float) PCM.setStepMicrosiemens(), PCM, a) - g;
                double db = table.partialSet((float) g, 1f, PCM.gMaxMicrosiemens(), b) - g;
                sumA += da;
                sumB += db;
                sqA += da * da;
                sqB += db * db;
            }
            double meanA = sumA / n;
            double meanB = sumB / n;
            double varA = sqA / n - meanA * meanA;
            double varB = sqB / n - meanB * meanB;
            double se = Math.sqrt((varA + varB) / n);
            assertThat(Math.abs(meanA - meanB)).as("mean jump at G = %s uS", g).isLessThan(SE_LIMIT * se + meanSlack);
            if (varA > 1e-6) {
                assertThat(varB / varA)
                        .as("jump variance at G = %s uS", g)
                        .isBetween(1 - varianceTolerance, 1 + varianceTolerance);
            }
        }
    }

    @Test
    void aTableGeneratedFromTheCompactModelHasItsJumpStatisticsAtEveryConductance() {
        assertSameJumpStatistics(PcmJumpTable.compact(PCM, 41), new double[] {0, 3.3, 10, 15.7, 19.5}, 5, 1e-9, 0.05);
    }

    DeviceConfig withTable(PcmJumpTable table) {
        DeviceConfig d = TileFixtures.config(Scheme.PCM_PAIR, Map.of());
        return new DeviceConfig(d.scheme(), d.cell(), d.pcm(), d.capacitor(), d.curves(), table);
    }

    float[] afterPulses(DeviceConfig d) {
        int rows = 8;
        int cols = 4;
        PcmPairTile t = TileFixtures.pcmPair(rows, cols, d, new EventCounters(), 1);
        t.initialise(new float[rows * cols], new SplitMix64(2), new SplitMix64(3));
        int[] rowIdx = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] counts = {1, -1, 2, -2, 3, 1, -1, 1};
        for (int k = 0; k < 60; k++) {
            for (int c = 0; c < cols; c++) {
                t.applyPulses(c, rowIdx, counts, rows);
            }
        }
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = t.weight(r, c);
            }
        }
        return w;
    }

    @Test
    void inATileTheCompactTableFollowsTheCompactModelPulseForPulse() {
        float[] compact = afterPulses(withTable(null));
        float[] tabulated = afterPulses(withTable(PcmJumpTable.compact(PCM, 41)));
        // the same noise draws: only rounding differs (the compact step shrinks linearly, which the
        // table's linear interpolation represents exactly)
        for (int i = 0; i < compact.length; i++) {
            assertThat(tabulated[i])
                    .as("weight %d", i)
                    .isCloseTo(compact[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        // a device whose jumps are half as large ends elsewhere
        PcmJumpTable half = PcmJumpTable.compact(PCM, 41);
        for (int k = 0; k < half.meanStepMicrosiemens().length; k++) {
            half.meanStepMicrosiemens()[k] *= k == 0 ? 1 : 0.5;
            half.stdStepMicrosiemens()[k] *= 0.5;
        }
        float[] slower = afterPulses(withTable(half));
        double diff = 0;
        for (int i = 0; i < compact.length; i++) {
            diff += Math.abs(slower[i] - compact[i]);
        }
        assertThat(diff / compact.length).isGreaterThan(0.01);
    }

    @Test
    void aTrainingRunWithTheCompactTableMatchesTheCompactModel() throws java.io.IOException {
        io.crossbarlab.sim.nn.TrainerTestsAccess runs = new io.crossbarlab.sim.nn.TrainerTestsAccess();
        double[] compact = runs.testAccuracies(null);
        double[] tabulated = runs.testAccuracies(PcmJumpTable.compact(PCM, 41));
        for (int e = 0; e < compact.length; e++) {
            assertThat(tabulated[e])
                    .as("epoch %d", e + 1)
                    .isCloseTo(compact[e], org.assertj.core.data.Offset.offset(0.01));
        }
    }

    /**
     * A table of measured distributions: at each conductance the quantiles of 100,000 jumps of the
     * compact model (as a measurement would record them). Drawn from, it has the compact model's mean
     * and variance at every conductance, including between the table's points.
     */
    @Test
    void aQuantileTableOfMeasuredJumpsReproducesTheirMeanAndSpread() {
        int points = 11;
        int q = 201;
        double[] g = new double[points];
        double[][] quantiles = new double[points][q];
        SplitMix64 measure = new SplitMix64(9);
        double[] sample = new double[100_000];
        for (int k = 0; k < points; k++) {
            g[k] = PCM.gMaxMicrosiemens() * k / (points - 1);
            for (int i = 0; i < sample.length; i++) {
                sample[i] =
                        Pcm.partialSet((float) g[k], (float) PCM.setStepMicrosiemens(), PCM, measure) - (float) g[k];
            }
            java.util.Arrays.sort(sample);
            for (int j = 0; j < q; j++) {
                quantiles[k][j] = sample[(int) Math.round((double) j / (q - 1) * (sample.length - 1))];
            }
        }
        PcmJumpTable table = new PcmJumpTable(g, null, null, quantiles);
        assertThat(table.check(PCM.gMaxMicrosiemens(), "t.")).isEmpty();
        assertThat(table.nominalStep()).isCloseTo(PCM.setStepMicrosiemens(), org.assertj.core.data.Offset.offset(0.01));
        assertSameJumpStatistics(table, new double[] {0, 5, 11.3, 19}, 15, 1e-3, 0.07);
    }

    /** A skewed measured distribution keeps its skew: the median jump well below the mean. */
    @Test
    void aSkewedDistributionIsDrawnAsMeasured() {
        int q = 101;
        double[] g = {0, PCM.gMaxMicrosiemens()};
        double[][] quantiles = new double[2][q];
        for (int j = 0; j < q; j++) {
            double p = 0.99 * j / (q - 1);
            quantiles[0][j] = -0.5 * Math.log(1 - p); // exponential jumps of mean 0.5 uS, cut at its 99th percentile
            quantiles[1][j] = 0;
        }
        PcmJumpTable table = new PcmJumpTable(g, null, null, quantiles);
        assertThat(table.check(PCM.gMaxMicrosiemens(), "t.")).isEmpty();
        SplitMix64 rng = new SplitMix64(3);
        int n = 50_000;
        double[] jumps = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            jumps[i] = table.partialSet(0f, 1f, PCM.gMaxMicrosiemens(), rng);
            sum += jumps[i];
        }
        java.util.Arrays.sort(jumps);
        double mean = sum / n;
        assertThat(mean).isCloseTo(table.nominalStep(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(jumps[n / 2]).isCloseTo(0.5 * Math.log(2), org.assertj.core.data.Offset.offset(0.02));
        assertThat(jumps[n / 2]).isLessThan(0.8 * mean);
    }

    @Test
    void aQuantileTableIsValidatedPerRowAndColumn() {
        double[] g = {0, 10, 20};
        double[][] ok = {{0, 0.5, 1}, {0, 0.3, 0.6}, {0, 0, 0}};
        assertThat(new PcmJumpTable(g, null, null, ok).check(20, "d.")).isEmpty();
        double[][] unordered = {{0, 0.5, 1}, {0, 0.7, 0.6}, {0, 0, 0}};
        assertThat(new PcmJumpTable(g, null, null, unordered).check(20, "d."))
                .extracting(v -> v.field())
                .containsExactly("d.jumpQuantilesMicrosiemens[1][2]");
        double[][] ragged = {{0, 0.5, 1}, {0, 0.3}, {0, 0, 0}};
        assertThat(new PcmJumpTable(g, null, null, ragged).check(20, "d."))
                .extracting(v -> v.field())
                .containsExactly("d.jumpQuantilesMicrosiemens[1]");
        double[][] dead = {{-1, 0, 0}, {0, 0.3, 0.6}, {0, 0, 0}};
        assertThat(new PcmJumpTable(g, null, null, dead).check(20, "d."))
                .extracting(v -> v.field())
                .containsExactly("d.jumpQuantilesMicrosiemens[0]");
        assertThat(new PcmJumpTable(g, new double[] {1, 1, 1}, new double[] {0, 0, 0}, ok).check(20, "d."))
                .extracting(v -> v.field())
                .containsExactly("d.");
    }
}
