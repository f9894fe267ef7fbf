package io.crossbarlab.sim.random;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class LnTests {

    static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    @Test
    void withinTwoUlpsOfStrictMathOnUniformsAroundOneAndTheWholeRange() {
        SplitMix64 rng = new SplitMix64(7);
        long worst = 0;
        long exact = 0;
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            double x = switch (i % 4) {
                case 0 -> rng.nextOpenDouble(); // what the samplers feed it
                case 1 -> 1 + (rng.nextDouble() - 0.5) * 1e-3; // results near zero
                case 2 -> Double.longBitsToDouble(rng.nextLong() >>> 1); // any positive double
                default -> 0.5 + 1.5 * rng.nextDouble();
            };
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                continue;
            }
            long u = ulps(Ln.log(x), StrictMath.log(x));
            worst = Math.max(worst, u);
            exact += u == 0 ? 1 : 0;
        }
        assertThat(worst).isLessThanOrEqualTo(2);
        assertThat((double) exact / n).as("share correctly rounded").isGreaterThan(0.7);
    }

    @Property(tries = 2000)
    void closeToOneFromEitherSideKeepsRelativeAccuracy(
            @ForAll @DoubleRange(min = -1e-6, max = 1e-6) @Scale(15) double d) {
        double x = 1 + d;
        assertThat(ulps(Ln.log(x), StrictMath.log(x))).isLessThanOrEqualTo(2);
    }

    @Test
    void specialValuesFollowMathLog() {
        assertThat(Ln.log(1.0)).isEqualTo(0.0);
        assertThat(Ln.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Ln.log(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Ln.log(-1.0)).isNaN();
        assertThat(Ln.log(Double.NaN)).isNaN();
        assertThat(Ln.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ulps(Ln.log(Double.MIN_VALUE), StrictMath.log(Double.MIN_VALUE)))
                .isLessThanOrEqualTo(2);
        assertThat(ulps(Ln.log(Double.MAX_VALUE), StrictMath.log(Double.MAX_VALUE)))
                .isLessThanOrEqualTo(2);
        assertThat(Ln.log(Math.nextDown(1.0))).isNegative();
    }
}
