package io.crossbarlab.sim.random;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a 64-bit state advanced by the golden gamma and
 * finalised by the MurmurHash3-style mixer. Its output for a given seed equals that of {@link
 * java.util.SplittableRandom} with the same seed, which the golden tests use as a cross-check.
 *
 * <p>Not thread safe: every simulation stream owns its instance. Chosen for the hot loops because
 * one output costs one add and a few multiply/xor-shift steps, with no allocation.
 */
public final class SplitMix64 implements java.io.Serializable, RandomGenerator {

    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    /** A generator whose first output is {@code mix64(seed + GOLDEN_GAMMA)}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * Restarts this generator as if it had just been created with {@code seed}. Lets a loop give
     * every item its own stream without allocating.
     */
    public void reseed(long seed) {
        state = seed;
    }

    /**
     * Output number {@code n} (0-based) of {@code new SplitMix64(seed)}, computed directly: the state
     * after n + 1 steps is seed + (n + 1) * gamma. Gives item n of a sequence its own seed in O(1).
     */
    public static long output(long seed, long n) {
        return mix64(seed + (n + 1) * GOLDEN_GAMMA);
    }

    /** The finaliser of SplitMix64 (variant 13 of Stafford's mixers). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        return mix64(state += GOLDEN_GAMMA);
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1]: safe as the argument of a logarithm. */
    public double nextOpenDouble() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound) by Lemire's multiply-shift with rejection; no modulo bias. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal deviate by the ziggurat method ({@link Ziggurat#normal}). */
    @Override
    public double nextGaussian() {
        return Ziggurat.normal(this);
    }

    /** Standard exponential deviate (mean 1) by the ziggurat method ({@link Ziggurat#exponential}). */
    @Override
    public double nextExponential() {
        return Ziggurat.exponential(this);
    }
}
