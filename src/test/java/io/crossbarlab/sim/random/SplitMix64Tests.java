package io.crossbarlab.sim.random;

import static io.crossbarlab.sim.Tolerances.Z_FAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Tests {

    @Test
    void firstOutputsOfSeedZeroMatchThePublishedReference() {
        // Reference values of splitmix64.c (Vigna) for state 0.
        SplitMix64 rng = new SplitMix64(0);
        assertThat(rng.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(rng.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
        assertThat(rng.nextLong()).isEqualTo(0x06c45d188009454fL);
    }

    @Test
    void sequenceEqualsTheJdkSplittableRandomForAnySeed() {
        for (long seed : new long[] {1, -7, 123456789L, Long.MIN_VALUE}) {
            SplitMix64 ours = new SplitMix64(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
            }
        }
    }

    @Test
    void boundedIntsStayInRangeAndAreUniform() {
        SplitMix64 rng = new SplitMix64(99);
        int bound = 7;
        int n = 70_000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) {
            int v = rng.nextInt(bound);
            assertThat(v).isBetween(0, bound - 1);
            counts[v]++;
        }
        double expected = (double) n / bound;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 6 degrees of freedom: P(chi2 > 40) is about 5e-7.
        assertThat(chi2).isLessThan(40);
        assertThatThrownBy(() -> rng.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gaussianHasZeroMeanAndUnitVariance() {
        SplitMix64 rng = new SplitMix64(2024);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian();
            sum += z;
            sumSq += z * z;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertThat(Math.abs(mean) * Math.sqrt(n)).isLessThan(Z_FAIL);
        // the variance estimate has standard error sqrt(2/n)
        assertThat(Math.abs(var - 1) / Math.sqrt(2.0 / n)).isLessThan(Z_FAIL);
    }

    @Test
    void outputNIsTheNthDrawOfAFreshGenerator() {
        SplitMix64 rng = new SplitMix64(-99);
        for (long n = 0; n < 1000; n++) {
            assertThat(SplitMix64.output(-99, n)).isEqualTo(rng.nextLong());
        }
    }

    @Test
    void reseedRestartsTheStream() {
        SplitMix64 used = new SplitMix64(1);
        used.nextGaussian();
        used.reseed(42);
        SplitMix64 fresh = new SplitMix64(42);
        for (int i = 0; i < 100; i++) {
            assertThat(used.nextGaussian()).isEqualTo(fresh.nextGaussian());
            assertThat(used.nextLong()).isEqualTo(fresh.nextLong());
        }
    }

    @Test
    void openDoubleIsNeverZero() {
        SplitMix64 rng = new SplitMix64(5);
        for (int i = 0; i < 100_000; i++) {
            double u = rng.nextOpenDouble();
            assertThat(u).isGreaterThan(0).isLessThanOrEqualTo(1);
        }
    }
}
