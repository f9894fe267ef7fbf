package io.crossbarlab.sim.data;

import io.crossbarlab.sim.random.SplitMix64;

/**
 * MNIST-backrand (Larochelle et al., ICML 2007) re-created from MNIST: every pixel becomes max(pixel,
 * u) with u uniform on [0, 1], drawn per pixel from a fixed seed. Pixels stay 8-bit: u is drawn as a
 * uniform integer 0..255, i.e. the recipe on the 8-bit grid of the source images.
 */
public final class Backrand {

    /** Seed of the background noise: fixed, so that mnist-backrand is one dataset, not one per run. */
    public static final long DEFAULT_SEED = 20070620L;

    private Backrand() {}

    public static Dataset apply(Dataset source, String name, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        byte[] out = new byte[source.count() * source.features()];
        byte[] in = source.pixels();
        for (int i = 0; i < out.length; i++) {
            int u = rng.nextInt(256);
            int p = in[i] & 0xff;
            out[i] = (byte) Math.max(p, u);
        }
        return new Dataset(
                name,
                out,
                java.util.Arrays.copyOf(source.labels(), source.count()),
                source.count(),
                source.features(),
                source.classes());
    }
}
