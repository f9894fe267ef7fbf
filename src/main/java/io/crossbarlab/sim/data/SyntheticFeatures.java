package io.crossbarlab.sim.data;

import io.crossbarlab.sim.random.SplitMix64;

/**
 * A stand-in for the paper's transfer-learning input (2048 features of a pretrained image network
 * per CIFAR image, 100 classes, trained by one 2048+1 → 100 layer) until a real feature file is
 * uploaded: class-conditional features shaped like pooled post-ReLU activations.
 *
 * <p>Each feature j has a base level b_j (half-normal of scale 0.5, shared by all classes); each class c moves it
 * by a class-specific amount, so its prototype is μ_cj = max(0, b_j + {@value #CLASS_SPREAD}·z_cj);
 * an example of class c is x_j = max(0, μ_cj + {@value #NOISE}·ε_j). Prototypes and noise are
 * independent standard normals z, ε from a fixed seed, so the data set is one data set, not one per
 * run. Values are stored on the 8-bit grid of the other data sets: x·255/{@value #FULL_SCALE},
 * clipped at 255. Non-negative, about half the features of an example non-zero, and classes that
 * overlap: a linear classifier does not separate them perfectly (docs/reproduction.md gives the
 * floating-point accuracy).
 */
public final class SyntheticFeatures {

    public static final int FEATURES = 2048;
    public static final int CLASSES = 100;
    public static final int TRAIN_PER_CLASS = 200;
    public static final int TEST_PER_CLASS = 50;
    public static final long SEED = 20180607L; // Nature 558, published 7 June 2018

    static final double CLASS_SPREAD = 0.1;
    static final double NOISE = 1.0;
    static final double FULL_SCALE = 4.0;

    private SyntheticFeatures() {}

    /** Generates the training and test sets (the same bytes on every call, JDK and CPU). */
    public static TrainTestSplit generate(String name) {
        SplitMix64 rng = new SplitMix64(SEED);
        double[] base = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            base[j] = Math.abs(rng.nextGaussian()) * 0.5;
        }
        double[][] prototype = new double[CLASSES][FEATURES];
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < FEATURES; j++) {
                prototype[c][j] = Math.max(0, base[j] + CLASS_SPREAD * rng.nextGaussian());
            }
        }
        Dataset train = sample(name, prototype, TRAIN_PER_CLASS, rng);
        Dataset test = sample(name, prototype, TEST_PER_CLASS, rng);
        return new TrainTestSplit(train, test);
    }

    private static Dataset sample(String name, double[][] prototype, int perClass, SplitMix64 rng) {
        int count = CLASSES * perClass;
        byte[] pixels = new byte[count * FEATURES];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int c = i % CLASSES; // classes interleaved, so any prefix (trainLimit) is balanced
            labels[i] = (byte) c;
            int off = i * FEATURES;
            for (int j = 0; j < FEATURES; j++) {
                double x = Math.max(0, prototype[c][j] + NOISE * rng.nextGaussian());
                long q = Math.round(x * (255 / FULL_SCALE));
                pixels[off + j] = (byte) Math.min(255, q);
            }
        }
        return new Dataset(name, pixels, labels, count, FEATURES, CLASSES);
    }
}
