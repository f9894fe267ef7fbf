package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ExactTests {

    @Property(tries = 5000)
    void toDoubleIsTheConversion(@ForAll int i) {
        assertThat(Double.doubleToRawLongBits(Exact.toDouble(i))).isEqualTo(Double.doubleToRawLongBits(i));
    }

    @Property(tries = 5000)
    void toFloatIsTheConversionBelow2To22(@ForAll @IntRange(min = -(1 << 22) + 1, max = (1 << 22) - 1) int i) {
        assertThat(Float.floatToRawIntBits(Exact.toFloat(i))).isEqualTo(Float.floatToRawIntBits(i));
    }

    @Test
    void edgesAndTheRangeOfPulseCounts() {
        for (int i : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1}) {
            assertThat(Exact.toDouble(i)).isEqualTo((double) i);
        }
        for (int i = -1000; i <= 1000; i++) {
            assertThat(Exact.toFloat(i)).isEqualTo((float) i);
        }
        // +0, not -0, for zero: the sum of a pulse count of zero with a voltage keeps its sign
        assertThat(Float.floatToRawIntBits(Exact.toFloat(0))).isZero();
        assertThat(Double.doubleToRawLongBits(Exact.toDouble(0))).isZero();
    }
}
