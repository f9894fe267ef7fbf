package io.crossbarlab.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PcmTests {

    static final PcmParameters PCM = io.crossbarlab.sim.cell.DeviceConfig.pcm(
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

    /**
     * The drift exponents follow the fit they come from (Nandakumar et al. 2019, as in aihwkit): at least
     * 0.049 everywhere, larger for low conductances, with a spread that also grows as G falls.
     */
    @Test
    void driftExponentsFollowTheMeasuredFit() {
        assertThat(Pcm.driftMean(20, PCM)).isEqualTo(0.049);
        assertThat(Pcm.driftMean(0.2, PCM)).isCloseTo(0.0244 - 0.0155 * Math.log(0.01), within(1e-9));
        assertThat(Pcm.driftMean(1e-6, PCM)).isEqualTo(0.1);
        assertThat(Pcm.driftSpread(20, PCM)).isEqualTo(0.008);
        assertThat(Pcm.driftSpread(0.2, PCM)).isGreaterThan(Pcm.driftSpread(2, PCM));
        SplitMix64 rng = new SplitMix64(5);
        double sum = 0;
        double sumSq = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double nu = Pcm.drawNu(2.0, PCM, rng);
            sum += nu;
            sumSq += nu * nu;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertThat(mean).isCloseTo(Pcm.driftMean(2.0, PCM), within(0.002));
        assertThat(sd).isCloseTo(Pcm.driftSpread(2.0, PCM), within(0.002));
        assertThat(Pcm.drawNu(0.0, PCM, rng))
                .as("a RESET device does not drift")
                .isZero();
    }

    /** 1/f read noise: relative noise falls as G rises (capped for small G), and grows with log time. */
    @Test
    void readNoiseDependsOnTheStateAndGrowsWithTime() {
        assertThat(Pcm.readNoiseRelative(20, PCM)).isCloseTo(0.0088, within(1e-12));
        assertThat(Pcm.readNoiseRelative(2, PCM)).isGreaterThan(Pcm.readNoiseRelative(10, PCM));
        assertThat(Pcm.readNoiseRelative(1e-4, PCM)).isEqualTo(0.2);
        assertThat(Pcm.readNoiseTimeFactor(1e-7, PCM))
                .as("under t_read: nothing")
                .isZero();
        assertThat(Pcm.readNoiseTimeFactor(1.6e-3, PCM))
                .isCloseTo(Math.sqrt(Math.log((1.6e-3 + 250e-9) / 500e-9)), within(1e-9));
        assertThat(Pcm.readNoiseTimeFactor(3.15e7, PCM)).isGreaterThan(Pcm.readNoiseTimeFactor(1.0, PCM));
    }
}
