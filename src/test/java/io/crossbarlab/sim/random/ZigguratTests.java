package io.crossbarlab.sim.random;

import static io.crossbarlab.sim.Tolerances.Z_FAIL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The ziggurat samplers against their exact distributions: tail probabilities at points that fall
 * in the fast rectangles, the wedges and the tail beyond the last layer, and the first two moments.
 */
class ZigguratTests {

    static final int N = 2_000_000;

    /** |observed - expected| in standard errors of a binomial proportion. */
    static double z(long hits, double p) {
        return Math.abs(hits - N * p) / Math.sqrt(N * p * (1 - p));
    }

    @Test
    void exponentialTailProbabilitiesAreExp() {
        SplitMix64 rng = new SplitMix64(11);
        double[] t = {0.1, 0.5, 1, 2, 4, 7.5, 8.5}; // 7.7 is the edge of the ziggurat's tail
        long[] above = new long[t.length];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double e = Ziggurat.exponential(rng);
            assertThat(e).isGreaterThanOrEqualTo(0);
            sum += e;
            sumSq += e * e;
            for (int k = 0; k < t.length; k++) {
                above[k] += e > t[k] ? 1 : 0;
            }
        }
        for (int k = 0; k < t.length; k++) {
            assertThat(z(above[k], Math.exp(-t[k]))).as("P(E > %s)", t[k]).isLessThan(Z_FAIL);
        }
        double mean = sum / N;
        // mean 1 and variance 1: the sample mean has standard error 1/sqrt(N)
        assertThat(Math.abs(mean - 1) * Math.sqrt(N)).isLessThan(Z_FAIL);
        // the variance estimate of an exponential has standard error sqrt(8/N)
        assertThat(Math.abs(sumSq / N - mean * mean - 1) / Math.sqrt(8.0 / N)).isLessThan(Z_FAIL);
    }

    @Test
    void normalTailProbabilitiesAreGaussian() {
        SplitMix64 rng = new SplitMix64(12);
        double[] t = {0.0, 0.5, 1, 2, 3, 3.3, 3.6, 4}; // 3.44 is the edge of the ziggurat's tail
        // P(Z > t) from the complementary error function, tabulated values
        double[] p = {0.5, 0.3085375387, 0.1586552539, 0.0227501319, 0.0013498980, 4.834241e-4, 1.591086e-4, 3.167124e-5
        };
        long[] above = new long[t.length];
        long[] below = new long[t.length];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double g = Ziggurat.normal(rng);
            sum += g;
            sumSq += g * g;
            for (int k = 0; k < t.length; k++) {
                above[k] += g > t[k] ? 1 : 0;
                below[k] += g < -t[k] ? 1 : 0;
            }
        }
        for (int k = 0; k < t.length; k++) {
            assertThat(z(above[k], p[k])).as("P(Z > %s)", t[k]).isLessThan(Z_FAIL);
            assertThat(z(below[k], p[k])).as("P(Z < -%s)", t[k]).isLessThan(Z_FAIL);
        }
        double mean = sum / N;
        assertThat(Math.abs(mean) * Math.sqrt(N)).isLessThan(Z_FAIL);
        assertThat(Math.abs(sumSq / N - mean * mean - 1) / Math.sqrt(2.0 / N)).isLessThan(Z_FAIL);
    }
}
