package io.crossbarlab.sim.random;

import java.nio.charset.StandardCharsets;

/**
 * One root seed, many named and independent streams. The stream called {@code name} is seeded with
 * {@code mix64(rootSeed ^ fnv1a64(name))}, so adding a new stream never shifts an existing one and a
 * run is reproducible from its root seed alone.
 *
 * <p>Stream names used by the simulator are the constants of this class.
 */
public final class RandomStreams {

    /** Initial weights of every layer. */
    public static final String INIT = "init";
    /** Device-to-device variation, drawn once per device (steps, offsets, failures). */
    public static final String DEVICE_VARIATION = "device-variation";
    /** Cycle-to-cycle noise: pulse responses, read noise, programming noise, rounding. */
    public static final String CYCLE_NOISE = "cycle-noise";
    /** Order of training examples in every epoch. */
    public static final String DATA_ORDER = "data-order";
    /** Programming, drift and noise of the inference after training. */
    public static final String INFERENCE = "inference";

    private final long rootSeed;

    public RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    /** A fresh generator for the named stream; two calls with one name give equal sequences. */
    public SplitMix64 stream(String name) {
        return new SplitMix64(SplitMix64.mix64(rootSeed ^ fnv1a64(name)));
    }

    /** A fresh generator for the {@code index}-th member of a family of streams (e.g. one per tile). */
    public SplitMix64 stream(String name, int index) {
        return new SplitMix64(SplitMix64.mix64(SplitMix64.mix64(rootSeed ^ fnv1a64(name)) + index));
    }

    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
