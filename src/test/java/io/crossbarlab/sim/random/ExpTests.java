package io.crossbarlab.sim.random;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ExpTests {

    @Test
    void withinTwoUlpsOfStrictMathOverTheActivationRangeAndBeyond() {
        SplitMix64 rng = new SplitMix64(11);
        long worst = 0;
        long exact = 0;
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            double x = switch (i % 4) {
                case 0 -> (rng.nextDouble() - 0.5) * 40; // sigmoid arguments
                case 1 -> (rng.nextDouble() - 0.5) * 1e-3; // near zero
                case 2 -> (rng.nextDouble() - 0.5) * 1400; // the whole fast path and past it
                default -> -rng.nextDouble() * 745; // down to subnormal results
            };
            long u = LnTests.ulps(Exp.exp(x), StrictMath.exp(x));
            worst = Math.max(worst, u);
            exact += u == 0 ? 1 : 0;
        }
        assertThat(worst).isLessThanOrEqualTo(2);
        assertThat((double) exact / n).as("share equal to fdlibm").isGreaterThan(0.7);
    }

    /**
     * The reduction by adding 1.5 * 2^52 must pick the n that {@code Math.rint} picked in simulator 1.5.0
     * (results may not move): the 1.5.0 algorithm, written out here, gives the same bits everywhere.
     */
    @Test
    void sameBitsAsTheRintBasedReductionOfVersion150() {
        double[] table = new double[64];
        for (int j = 0; j < 64; j++) {
            table[j] = StrictMath.pow(2.0, (double) j / 64);
        }
        SplitMix64 rng = new SplitMix64(12);
        for (int i = 0; i < 1_000_000; i++) {
            double x = switch (i % 3) {
                case 0 -> (rng.nextDouble() - 0.5) * 40;
                case 1 -> (rng.nextDouble() - 0.5) * 1400;
                // next to the midpoints between reduction points, where the rounding decides
                default -> ((rng.nextLong() % 40_000) + 0.5) * (0.6931471803691238 / 64) / (1 + 0x1p-40);
            };
            assertThat(Double.doubleToRawLongBits(Exp.exp(x)))
                    .as("x = %s", x)
                    .isEqualTo(Double.doubleToRawLongBits(expVersion150(x, table)));
        }
    }

    private static double expVersion150(double x, double[] table) {
        if (!(x > -700.0 && x < 700.0)) {
            return StrictMath.exp(x);
        }
        double nf = Math.rint(x * (64 * 1.4426950408889634));
        int n = (int) nf;
        double r = (x - nf * (0.6931471803691238 / 64)) - nf * (1.9082149292705877e-10 / 64);
        double t = table[n & 63];
        double scale = Double.longBitsToDouble((long) ((n >> 6) + 1023) << 52);
        double r2 = r * r;
        double q = (0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720));
        return (t + t * (r + r2 * q)) * scale;
    }

    @Property(tries = 2000)
    void tanhAndExpm1KeepRelativeAccuracyNearZero(@ForAll @DoubleRange(min = -1, max = 1) double d) {
        double x = d * 1e-3;
        assertThat(Math.abs(Exp.expm1(x) - StrictMath.expm1(x))).isLessThanOrEqualTo(4 * Math.ulp(StrictMath.expm1(x)));
        assertThat(Math.abs(Exp.tanh(x) - StrictMath.tanh(x))).isLessThanOrEqualTo(4 * Math.ulp(StrictMath.tanh(x)));
    }

    @Property(tries = 2000)
    void tanhMatchesFdlibmToAFewUlpsEverywhere(@ForAll @DoubleRange(min = -30, max = 30) double x) {
        // expm1 through exp loses up to 8 bits to cancellation just above ln2/128: still far below a float ulp
        assertThat(Math.abs(Exp.tanh(x) - StrictMath.tanh(x))).isLessThanOrEqualTo(512 * Math.ulp(StrictMath.tanh(x)));
    }

    @Property(tries = 2000)
    void powMatchesFdlibmForDeviceCurves(
            @ForAll @DoubleRange(min = 0, max = 1) double headroom,
            @ForAll @DoubleRange(min = 0.1, max = 4) double gamma) {
        double expected = StrictMath.pow(headroom, gamma);
        assertThat(Math.abs(Exp.pow(headroom, gamma) - expected))
                .isLessThanOrEqualTo(1e-14 * expected + Double.MIN_VALUE);
    }

    @Test
    void specialValues() {
        assertThat(Exp.exp(0.0)).isEqualTo(1.0);
        assertThat(Exp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Exp.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.exp(Double.NaN)).isNaN();
        assertThat(Exp.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.exp(-746)).isEqualTo(0.0);
        assertThat(Exp.tanh(0.0)).isEqualTo(0.0);
        assertThat(Exp.tanh(50)).isEqualTo(1.0);
        assertThat(Exp.tanh(-50)).isEqualTo(-1.0);
        assertThat(Exp.pow(0.0, 1.5)).isEqualTo(0.0);
        assertThat(Exp.pow(0.3, 0.0)).isEqualTo(1.0);
        assertThat(Exp.pow(2.0, 10.0)).isCloseTo(1024.0, org.assertj.core.data.Offset.offset(1e-12));
    }
}
