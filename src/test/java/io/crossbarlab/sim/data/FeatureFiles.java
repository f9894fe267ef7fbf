package io.crossbarlab.sim.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates an .npz shaped like the features a pretrained network gives for images (the paper's
 * CIFAR transfer learning): non-negative float32 features, each class a prototype of base levels moved
 * by a class-specific amount, each example its prototype plus noise, cut at zero (as after a ReLU).
 */
public final class FeatureFiles {

    private FeatureFiles() {}

    /** x_train, y_train, x_test, y_test as .npy files, ready for {@link NpyFiles#zip}. */
    public static Map<String, byte[]> npz(int train, int test, int features, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] base = new double[features];
        for (int j = 0; j < features; j++) {
            base[j] = Math.abs(r.nextGaussian()) * 0.5;
        }
        double[][] prototype = new double[classes][features];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < features; j++) {
                prototype[c][j] = base[j] + 0.3 * r.nextGaussian();
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        int[] counts = {train, test};
        String[] parts = {"train", "test"};
        for (int p = 0; p < 2; p++) {
            float[] x = new float[counts[p] * features];
            long[] y = new long[counts[p]];
            for (int i = 0; i < counts[p]; i++) {
                int c = i % classes;
                y[i] = c;
                for (int j = 0; j < features; j++) {
                    x[i * features + j] = (float) Math.max(0, prototype[c][j] + 0.5 * r.nextGaussian());
                }
            }
            files.put("x_" + parts[p] + ".npy", NpyFiles.float32(x, counts[p], features));
            files.put("y_" + parts[p] + ".npy", NpyFiles.int64(y, counts[p]));
        }
        return files;
    }
}
