package io.crossbarlab.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PcmTests {

    static final PcmParameters PCM = PcmParameters.from(
            DevicePresets.byName(DevicePresets.AMBROGIO_2018).orElseThrow().resolve(Map.of(), ""));

    @Property(tries = 200)
    void closedLoopProgrammingStaysInRangeAndWithinToleranceWhenItConverges(
            @ForAll @DoubleRange(min = -5, max = 30) double target, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        long[] iterations = new long[1];
        double g = Pcm.program(target, PCM, new SplitMix64(seed), iterations);
        assertThat(g).isBetween(0.0, PCM.gMaxMicrosiemens());
        assertThat(iterations[0]).isBetween(1L, (long) PCM.programMaxIterations());
        if (iterations[0] < PCM.programMaxIterations()) {
            double clipped = Math.min(PCM.gMaxMicrosiemens(), Math.max(0, target));
            assertThat(Math.abs(g - clipped)).isLessThanOrEqualTo(PCM.programToleranceMicrosiemens());
        }
    }

    @Property(tries = 200)
    void partialSetNeverLowersConductanceNorExceedsGmax(
            @ForAll @DoubleRange(min = 0, max = 20) double g0, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float g = (float) g0;
        for (int i = 0; i < 50; i++) {
            float next = Pcm.partialSet(g, (float) PCM.setStepMicrosiemens(), PCM, rng);
            assertThat(next).isGreaterThanOrEqualTo(g).isLessThanOrEqualTo((float) PCM.gMaxMicrosiemens());
            g = next;
        }
    }

    @Test
    void meanSetStepShrinksAsConductanceGrows() {
        SplitMix64 rng = new SplitMix64(1);
        double previous = Double.MAX_VALUE;
        for (double g = 0; g < 20; g += 4) {
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                sum += Pcm.partialSet((float) g, (float) PCM.setStepMicrosiemens(), PCM, rng) - g;
            }
            double mean = sum / n;
            assertThat(mean).isLessThan(previous);
            previous = mean;
        }
    }

    @Property(tries = 100)
    void driftNeverRaisesConductanceAndIsMonotoneInTime(@ForAll @DoubleRange(min = 0, max = 1e6) double t) {
        double f1 = Pcm.driftFactor(t, PCM);
        double f2 = Pcm.driftFactor(t * 2 + 1, PCM);
        assertThat(f1).isBetween(0.0, 1.0);
        assertThat(f2).isLessThanOrEqualTo(f1);
    }

    @Property(tries = 200)
    void capacitorReadCurveIsMonotone(
            @ForAll @DoubleRange(min = -0.5, max = 1.5) double v,
            @ForAll @DoubleRange(min = 0, max = 0.1) double dv,
            @ForAll @DoubleRange(min = 0, max = 1) double kappa) {
        CapacitorParameters c = new CapacitorParameters(20, kappa, 0.002, 0.2, 0.2, 0.5, 0.5, 0.8, 1e5, 1.0);
        assertThat(c.readMicrosiemens(v + dv)).isGreaterThanOrEqualTo(c.readMicrosiemens(v));
        assertThat(c.slopeMicrosiemensPerVolt(v)).isGreaterThanOrEqualTo(0);
    }
}
