package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.random.Exp;

/** Hidden-layer activation functions; the output layer is always softmax with cross-entropy. */
public enum Activation {
    SIGMOID,
    TANH,
    RELU;

    /**
     * Writes the activation of {@code z[0..n)} to {@code a}, using {@code t[0..n)} as scratch.
     *
     * <p>The float-to-double and double-to-float conversions run in loops of their own, not in the
     * loop of exponentials, so that no exponential waits on a conversion of the previous iteration
     * (docs/speed-attempts.md, "Conversions"). The values are those of the fused loop, bit for bit.
     */
    void apply(float[] z, float[] a, int n, double[] t) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    t[i] = -(double) z[i];
                }
                for (int i = 0; i < n; i++) {
                    t[i] = 1.0 / (1.0 + Exp.exp(t[i]));
                }
                toFloat(t, a, n);
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    t[i] = z[i];
                }
                for (int i = 0; i < n; i++) {
                    t[i] = Exp.tanh(t[i]);
                }
                toFloat(t, a, n);
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = z[i] > 0f ? z[i] : 0f;
                }
            }
        }
    }

    private static void toFloat(double[] t, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = (float) t[i];
        }
    }

    /** Multiplies {@code g[0..n)} by the derivative, expressed through the activation values a. */
    void multiplyDerivative(float[] g, float[] a, int n) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    g[i] *= a[i] * (1f - a[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    g[i] *= 1f - a[i] * a[i];
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (a[i] <= 0f) {
                        g[i] = 0f;
                    }
                }
            }
        }
    }
}
