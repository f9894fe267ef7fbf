package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.random.SplitMix64;
import io.crossbarlab.sim.tile.Tile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The floating-point network's backward pass against finite differences of its loss. One SGD step
 * with learning rate 1 changes each weight by minus the analytic gradient of the cross-entropy
 * loss −ln p(label) that the training computes (x·δ, through the softmax, every layer's activation
 * derivative, the bias rows and the tiling); a central difference of the loss, evaluated by the
 * forward pass with that one weight moved by ±h, must give the same number. A wrong derivative, a
 * missing factor, a sign or a mixed-up tile offset shows up as a difference many times the
 * tolerance.
 */
class GradientCheckTests {

    /** Two hidden layers on tiles of 8 × 8, so every layer spans several row and column blocks. */
    private static final List<Integer> SIZES = List.of(784, 12, 9, 10);

    private static final float H = 1e-2f;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backpropagationMatchesCentralDifferencesOfTheLoss(Activation activation) {
        Network net = network(activation);
        float[] x = sparseInput(new SplitMix64(11));
        int label = 7;

        double[][][] before = weights(net);
        loadAndForward(net, x);
        float[][] pre = new float[before.length][];
        for (int l = 0; l < pre.length; l++) {
            pre[l] = net.layers[l].preActivation.clone();
        }
        net.backwardAndUpdate(label, 1f);
        double[][][] after = weights(net);
        restore(net, before);

        int checked = 0;
        int atKink = 0;
        double largest = 0;
        double worst = 0;
        for (int l = 0; l < before.length; l++) {
            for (int r = 0; r < before[l].length; r++) {
                boolean activeRow = l > 0 || r == SIZES.get(0) || x[r] != 0f;
                if (!activeRow && r % 97 != 0) {
                    continue; // rows of zero inputs have zero gradient both ways; a sample of them is checked
                }
                for (int c = 0; c < before[l][r].length; c++) {
                    if (activation == Activation.RELU && l + 1 < before.length && Math.abs(pre[l][c]) < 2 * H) {
                        atKink++; // moving the weight by ±h moves the unit across the kink of max(0, z)
                        continue;
                    }
                    double analytic = before[l][r][c] - after[l][r][c];
                    double numeric = (lossWith(net, x, label, l, r, c, before[l][r][c] + H)
                                    - lossWith(net, x, label, l, r, c, before[l][r][c] - H))
                            / (2 * H);
                    set(net, l, r, c, before[l][r][c]);
                    largest = Math.max(largest, Math.abs(analytic));
                    worst = Math.max(worst, Math.abs(analytic - numeric) - 0.02 * Math.abs(analytic));
                    assertThat(analytic)
                            .as("%s layer %d weight (%d, %d)", activation, l, r, c)
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-4 + 0.02 * Math.abs(numeric)));
                    checked++;
                }
            }
        }
        // the check is not vacuous: many weights, gradients well above the tolerance
        assertThat(checked).isGreaterThan(500);
        assertThat(atKink).isLessThan(checked / 4);
        assertThat(largest).isGreaterThan(0.05);
        assertThat(worst).isLessThan(2e-4);
    }

    private static Network network(Activation activation) {
        RunSpec s = RunSpec.resolve(
                new SimulationSpec(
                        null,
                        new SimulationSpec.NetworkSpec(SIZES, activation.name().toLowerCase(java.util.Locale.ROOT)),
                        null,
                        new SimulationSpec.DeviceSpec("FLOATING_POINT", null, Map.of()),
                        new SimulationSpec.HardwareSpec(null, 8, 8, Map.of()),
                        5L),
                0);
        return BenchmarkSupport.network(s);
    }

    /** About 40 of 784 inputs non-zero, in (0, 1], like pixels. */
    private static float[] sparseInput(SplitMix64 rng) {
        float[] x = new float[SIZES.get(0)];
        for (int i = 0; i < x.length; i++) {
            if (rng.nextDouble() < 0.05) {
                x[i] = (float) (0.05 + 0.95 * rng.nextDouble());
            }
        }
        return x;
    }

    private static void loadAndForward(Network net, float[] x) {
        System.arraycopy(x, 0, net.input(), 0, x.length);
        net.forward(false);
    }

    private static double lossWith(Network net, float[] x, int label, int l, int r, int c, double w) {
        set(net, l, r, c, w);
        loadAndForward(net, x);
        return -Math.log(net.probabilities[label]);
    }

    /** Every layer's weights, [layer][row incl. bias][column], read through the tiles. */
    private static double[][][] weights(Network net) {
        double[][][] w = new double[SIZES.size() - 1][][];
        for (int l = 0; l < w.length; l++) {
            Layer layer = net.layers[l];
            w[l] = new double[layer.inputs + 1][layer.outputs];
            for (Tile[] blockRow : layer.tiles) {
                for (Tile t : blockRow) {
                    for (int r = 0; r < t.rows(); r++) {
                        for (int c = 0; c < t.cols(); c++) {
                            w[l][t.rowOffset() + r][t.colOffset() + c] = t.weight(r, c);
                        }
                    }
                }
            }
        }
        return w;
    }

    private static void restore(Network net, double[][][] w) {
        for (int l = 0; l < w.length; l++) {
            for (int r = 0; r < w[l].length; r++) {
                for (int c = 0; c < w[l][r].length; c++) {
                    set(net, l, r, c, w[l][r][c]);
                }
            }
        }
    }

    private static void set(Network net, int l, int r, int c, double w) {
        for (Tile[] blockRow : net.layers[l].tiles) {
            for (Tile t : blockRow) {
                int tr = r - t.rowOffset();
                int tc = c - t.colOffset();
                if (tr >= 0 && tr < t.rows() && tc >= 0 && tc < t.cols()) {
                    // a floating-point tile's initialise sets its weights to the block as given
                    float[] block = new float[t.rows() * t.cols()];
                    for (int i = 0; i < block.length; i++) {
                        block[i] = t.weight(i / t.cols(), i % t.cols());
                    }
                    block[tr * t.cols() + tc] = (float) w;
                    t.initialise(block, null, null);
                    return;
                }
            }
        }
        throw new IllegalArgumentException("no tile holds (" + r + ", " + c + ")");
    }
}
