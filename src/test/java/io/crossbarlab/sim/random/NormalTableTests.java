package io.crossbarlab.sim.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalTableTests {

    @Test
    void tableHasUnitVarianceZeroMeanAndNormalQuantiles() {
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < NormalTable.SIZE; k++) {
            sum += NormalTable.entry(k);
            sumSq += (double) NormalTable.entry(k) * NormalTable.entry(k);
            assertThat(NormalTable.entry(k)).isCloseTo(-NormalTable.entry(NormalTable.SIZE - 1 - k), within(1e-6f));
        }
        assertThat(sum / NormalTable.SIZE).isCloseTo(0, within(1e-7));
        assertThat(sumSq / NormalTable.SIZE).isCloseTo(1, within(1e-6));
        // the median entry pair straddles 0 and the 97.5 % quantile is near 1.96 (slightly widened)
        assertThat(NormalTable.quantile(0.975)).isCloseTo(1.959964, within(1e-5));
        assertThat(NormalTable.entry((int) (0.975 * NormalTable.SIZE))).isBetween(1.95f, 1.99f);
    }

    @Test
    void drawsFiveVariatesPerOutputAndMatchTheMoments() {
        NormalTable t = new NormalTable(new SplitMix64(3));
        int n = 500_000;
        double sum = 0;
        double sumSq = 0;
        double fourth = 0;
        for (int i = 0; i < n; i++) {
            double z = t.next();
            sum += z;
            sumSq += z * z;
            fourth += z * z * z * z;
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(sumSq / n).isCloseTo(1, within(0.01));
        assertThat(fourth / n)
                .as("kurtosis of a normal, tails cut at 3.5 sigma")
                .isCloseTo(3, within(0.1));
        SplitMix64 a = new SplitMix64(9);
        NormalTable b = new NormalTable(a);
        for (int i = 0; i < 5; i++) {
            b.next();
        }
        SplitMix64 reference = new SplitMix64(9);
        reference.nextLong();
        assertThat(a.nextLong()).as("five variates use one output").isEqualTo(reference.nextLong());
    }
}
