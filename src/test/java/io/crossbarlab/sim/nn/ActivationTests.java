package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

class ActivationTests {

    /** Pre-activations from the ordinary range out to saturation, with zeros and signed zeros. */
    static float[] preActivations(long seed, int n) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = switch (i % 5) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> (float) ((rng.nextDouble() - 0.5) * 400);
                default -> (float) (rng.nextGaussian() * 3);
            };
        }
        return z;
    }

    /** The split loops of {@link Activation#apply} give the floats of the one-line formulas. */
    @Test
    void sigmoidAndTanhEqualTheirFormulasBitForBit() {
        for (long seed = 1; seed <= 20; seed++) {
            float[] z = preActivations(seed, 257);
            float[] a = new float[z.length];
            double[] scratch = new double[z.length];
            Activation.SIGMOID.apply(z, a, z.length, scratch);
            for (int i = 0; i < z.length; i++) {
                assertThat(Float.floatToRawIntBits(a[i]))
                        .as("sigmoid(%s)", z[i])
                        .isEqualTo(Float.floatToRawIntBits((float) (1.0 / (1.0 + Exp.exp(-z[i])))));
            }
            Activation.TANH.apply(z, a, z.length, scratch);
            for (int i = 0; i < z.length; i++) {
                assertThat(Float.floatToRawIntBits(a[i])).as("tanh(%s)", z[i]).isEqualTo(Float.floatToRawIntBits((float)
                        Exp.tanh(z[i])));
            }
            Activation.RELU.apply(z, a, z.length, scratch);
            for (int i = 0; i < z.length; i++) {
                assertThat(a[i]).isEqualTo(z[i] > 0f ? z[i] : 0f);
            }
        }
    }

    @Test
    void onlyTheFirstNEntriesAreWritten() {
        float[] z = preActivations(3, 16);
        float[] a = new float[16];
        java.util.Arrays.fill(a, 7f);
        Activation.SIGMOID.apply(z, a, 10, new double[10]);
        for (int i = 10; i < 16; i++) {
            assertThat(a[i]).isEqualTo(7f);
        }
    }
}
