package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.random.Exp;

/** Hidden-layer activation functions; the output layer is always softmax with cross-entropy. */
public enum Activation {
    SIGMOID,
    TANH,
    RELU;

    /** Applies the activation to {@code z[0..n)} in place of {@code a}. */
    void apply(float[] z, float[] a, int n) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (1.0 / (1.0 + Exp.exp(-z[i])));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) Exp.tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = z[i] > 0f ? z[i] : 0f;
                }
            }
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
