package io.crossbarlab.app.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Student's t and the per-point summary against published table values and hand computations. */
class StatisticsTests {

    /** Two-sided 95 % critical values t(0.975, ν), as printed in standard tables (e.g. NIST/SEMATECH). */
    @Test
    void quantilesMatchTheTable() {
        double[][] table = {
            {1, 12.706204736},
            {2, 4.302652730},
            {3, 3.182446305},
            {4, 2.776445105},
            {5, 2.570581836},
            {10, 2.228138852},
            {30, 2.042272456},
            {100, 1.983971519},
            {1000, 1.962339081}
        };
        for (double[] row : table) {
            assertThat(StudentT.quantile(0.975, row[0])).as("nu = %s", row[0]).isCloseTo(row[1], within(1e-8));
        }
        assertThat(StudentT.quantile(0.025, 4)).isCloseTo(-2.776445105, within(1e-8));
    }

    @Test
    void cdfOfOneDegreeOfFreedomIsTheCauchyLaw() {
        for (double t : new double[] {-5, -1, 0, 0.3, 2, 40}) {
            assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-13));
        }
    }

    @Property(tries = 200)
    void quantileInvertsTheCdf(
            @ForAll @DoubleRange(min = 0.51, max = 0.999) @net.jqwik.api.constraints.Scale(4) double p,
            @ForAll @IntRange(min = 1, max = 500) int df) {
        assertThat(StudentT.cdf(StudentT.quantile(p, df), df)).isCloseTo(p, within(1e-11));
    }

    @Test
    void aSummaryIsTheMeanTheSampleStdAndTheStudentInterval() {
        double[] v = {0.91, 0.93, 0.95};
        Summary s = Summary.of(v, 3);
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(0.93, within(1e-15));
        assertThat(s.std()).isCloseTo(0.02, within(1e-15)); // sqrt((0.02² + 0 + 0.02²) / 2)
        double half = 4.302652730 * 0.02 / Math.sqrt(3);
        assertThat(s.ci95Low()).isCloseTo(0.93 - half, within(1e-9));
        assertThat(s.ci95High()).isCloseTo(0.93 + half, within(1e-9));
    }

    @Test
    void missingValuesAreNotCountedAndOneValueHasNoSpread() {
        Summary one = Summary.of(new double[] {Double.NaN, 0.5, Double.NaN}, 3);
        assertThat(one.n()).isEqualTo(1);
        assertThat(one.mean()).isEqualTo(0.5);
        assertThat(one.std()).isNull();
        assertThat(one.ci95Low()).isNull();
        assertThat(Summary.of(new double[] {Double.NaN}, 1)).isEqualTo(Summary.EMPTY);
        assertThat(Summary.of(new double[0], 0).mean()).isNull();
    }
}
