package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Pcm3T1CTileTests {

    static final int ROWS = 32;
    static final int COLS = 32;
    static final int N = ROWS * COLS;

    /** Requests {@code up} increases and {@code down} decreases of every cell, interleaved. */
    static void pulseEveryCell(Pcm3T1CTile t, int up, int down) {
        int[] rows = new int[ROWS];
        int[] counts = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            rows[r] = r;
        }
        for (int k = 0; k < Math.max(up, down); k++) {
            for (int sign : new int[] {1, -1}) {
                if ((sign > 0 && k >= up) || (sign < 0 && k >= down)) {
                    continue;
                }
                java.util.Arrays.fill(counts, sign);
                for (int c = 0; c < COLS; c++) {
                    t.applyPulses(c, rows, counts, ROWS);
                }
            }
        }
    }

    static float[] weights(Tile t) {
        float[] w = new float[N];
        for (int i = 0; i < N; i++) {
            w[i] = t.weight(i / COLS, i % COLS);
        }
        return w;
    }

    /** Mean |W(after two intervals) - W(start)| when every cell gets as many up as down requests. */
    static double asymmetryDriftOverTwoIntervals(boolean inversion) {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("capStepVariationUp", 0.3);
        o.put("capStepVariationDown", 0.3);
        o.put("polarityInversion", inversion);
        o.put("transferIntervalExamples", 1000);
        o.put("pcmProgramToleranceMicrosiemens", 0.01);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, new EventCounters(), 1);
        t.initialise(TileFixtures.uniformWeights(N, 0.5, 2), new SplitMix64(3), new SplitMix64(4));
        float[] start = weights(t);
        pulseEveryCell(t, 40, 40);
        t.beforeExample(1000);
        pulseEveryCell(t, 40, 40);
        t.beforeExample(2000);
        float[] end = weights(t);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += Math.abs(end[i] - start[i]);
        }
        return sum / N;
    }

    @Test
    void polarityInversionCancelsAFixedUpDownAsymmetryOverTwoIntervals() {
        double without = asymmetryDriftOverTwoIntervals(false);
        double with = asymmetryDriftOverTwoIntervals(true);
        // Without inversion each cell drifts by 2 * 40 * |step_up - step_down| * slope / scale.
        assertThat(without).isGreaterThan(0.01);
        assertThat(with).isLessThan(0.05 * without);
    }

    @Test
    void transferErrorIsSkewedNegativeByTheOffsetAndTheResidualIsChargedIntoG() {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("transferOffsetMicrosiemens", 2.0);
        o.put("pcmProgramNoiseMicrosiemens", 0.3);
        o.put("offsetFollowsPolarity", false);
        o.put("transferIntervalExamples", 1000);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        double scale = d.cell().weightScaleMicrosiemens();
        EventCounters counters = new EventCounters();
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, counters, 5);
        t.initialise(TileFixtures.uniformWeights(N, 1.0, 6), new SplitMix64(7), new SplitMix64(8));
        float[] before = weights(t);
        t.beforeExample(1000);
        float[] after = weights(t);
        int negative = 0;
        int counted = 0;
        double pcmErrorSum = 0;
        double totalErrorSum = 0;
        for (int i = 0; i < N; i++) {
            double wUs = before[i] * scale;
            if (wUs > 0 && wUs < 4.5) {
                continue; // targets W - 2 uS in (0, 2 uS) are left RESET for g to absorb
            }
            double pcmError = (t.pcmWeight(i / COLS, i % COLS) - before[i]) * scale;
            pcmErrorSum += pcmError;
            totalErrorSum += (after[i] - before[i]) * scale;
            counted++;
            if (pcmError < 0) {
                negative++;
            }
        }
        // the PCM pair is programmed to W - 2 uS: its error is skewed negative by the offset ...
        assertThat(pcmErrorSum / counted).isCloseTo(-2.0, within(0.15));
        assertThat((double) negative / counted).isGreaterThan(0.95);
        // ... and the residual, charged into g (p = -1 after the flip, so g must fall), restores W
        assertThat(totalErrorSum / counted).isCloseTo(0.0, within(0.05));
        // the residual (about 2 uS = 50 nominal pulses per cell) was written by capacitor pulses
        assertThat(counters.capChargePulses + counters.capDischargePulses).isGreaterThan(40L * N);
    }

    @Test
    void withoutResidualWriteTheTransferLeavesTheOffsetInW() {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("transferOffsetMicrosiemens", 2.0);
        o.put("offsetFollowsPolarity", false);
        o.put("transferResidualToCapacitor", false);
        o.put("transferIntervalExamples", 1000);
        o.put("pcmProgramToleranceMicrosiemens", 0.01);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        double scale = d.cell().weightScaleMicrosiemens();
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, new EventCounters(), 5);
        t.initialise(TileFixtures.uniformWeights(N, 1.0, 6), new SplitMix64(7), new SplitMix64(8));
        float[] before = weights(t);
        t.beforeExample(1000);
        float[] after = weights(t);
        for (int i = 0; i < N; i++) {
            double wUs = before[i] * scale;
            if (wUs <= 0 || wUs >= 4.5) {
                assertThat((after[i] - before[i]) * scale).isCloseTo(-2.0, within(0.05));
            }
        }
    }

    @Test
    void transferPreservesWeightsOfAnIdealCellAndFlipsPolarity() {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("pcmProgramToleranceMicrosiemens", 0.01);
        o.put("transferIntervalExamples", 10);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        EventCounters c = new EventCounters();
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, c, 9);
        t.initialise(TileFixtures.uniformWeights(N, 1.0, 10), new SplitMix64(11), new SplitMix64(12));
        pulseEveryCell(t, 30, 0);
        float[] before = weights(t);
        assertThat(t.polarity()).isEqualTo(1);
        t.beforeExample(10);
        assertThat(t.polarity()).isEqualTo(-1);
        assertThat(c.transfers).isEqualTo(1);
        float[] after = weights(t);
        for (int i = 0; i < N; i++) {
            assertThat(after[i]).isCloseTo(before[i], within(0.001f));
            assertThat(t.capacitorVolts(i / COLS, i % COLS))
                    .isEqualTo((float) d.capacitor().initVolts());
        }
    }

    /**
     * W = F*(G+ - G-)/scale + p*(g(V) - g(V_shared))/scale, g the non-linear read curve, whichever path
     * wrote the weight last: a pulse, a slow-process refresh, in both polarities.
     */
    @Test
    void weightFollowsTheCellEquationOnEveryWritePathAndPolarity() {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("capReadNonlinearity", 0.35);
        o.put("transferIntervalExamples", 10);
        o.put("slowProcessIntervalExamples", 5);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, new EventCounters(), 31);
        t.initialise(TileFixtures.uniformWeights(N, 1.0, 32), new SplitMix64(33), new SplitMix64(34));
        pulseEveryCell(t, 25, 3);
        assertCellEquation(t, d, 1);
        t.afterExample(5); // refresh path
        assertCellEquation(t, d, 1);
        t.beforeExample(10); // transfer: p = -1
        pulseEveryCell(t, 4, 30);
        assertCellEquation(t, d, -1);
        t.afterExample(15);
        assertCellEquation(t, d, -1);
    }

    static void assertCellEquation(Pcm3T1CTile t, DeviceConfig d, int p) {
        assertThat(t.polarity()).isEqualTo(p);
        double scale = d.cell().weightScaleMicrosiemens();
        // no leakage in the ideal fixture: the shared reference stays at its initial voltage
        double shared = d.capacitor().readMicrosiemens(d.capacitor().initVolts());
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                double g = d.capacitor().readMicrosiemens(t.capacitorVolts(r, c));
                double expected = t.pcmWeight(r, c) + p * (g - shared) / scale;
                assertThat((double) t.weight(r, c)).isCloseTo(expected, within(2e-6));
            }
        }
    }

    @Test
    void leakagePullsCapacitorsTowardTheLeakTarget() {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("capLeakTimeConstantExamples", 1000.0);
        o.put("slowProcessIntervalExamples", 100);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, new EventCounters(), 13);
        t.initialise(TileFixtures.uniformWeights(N, 0.5, 14), new SplitMix64(15), new SplitMix64(16));
        float v0 = t.capacitorVolts(0, 0);
        t.afterExample(100);
        float v1 = t.capacitorVolts(0, 0);
        t.afterExample(200);
        float v2 = t.capacitorVolts(0, 0);
        assertThat(v0).isEqualTo(0.5f);
        assertThat(v1).isGreaterThan(v0).isLessThan(0.8f);
        assertThat(v2).isGreaterThan(v1).isLessThan(0.8f);
        // exact exponential relaxation: 0.8 - 0.3 * exp(-100/1000)
        assertThat((double) v1).isCloseTo(0.8 - 0.3 * Math.exp(-0.1), within(1e-6));
    }

    @Test
    void capacitorVoltageStaysWithinTheSupplyUnderAnyPulseTrain() {
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, Map.of());
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, new EventCounters(), 17);
        t.initialise(TileFixtures.uniformWeights(N, 0.5, 18), new SplitMix64(19), new SplitMix64(20));
        pulseEveryCell(t, 2000, 0);
        for (int i = 0; i < N; i++) {
            assertThat(t.capacitorVolts(i / COLS, i % COLS))
                    .isBetween(0f, (float) d.capacitor().supplyVolts());
        }
        pulseEveryCell(t, 0, 4000);
        for (int i = 0; i < N; i++) {
            assertThat(t.capacitorVolts(i / COLS, i % COLS))
                    .isBetween(0f, (float) d.capacitor().supplyVolts());
        }
    }

    @Test
    void pcmConductancesStayWithinZeroAndGmaxAfterTransfers() {
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, Map.of("transferIntervalExamples", 10));
        Pcm3T1CTile t = TileFixtures.pcm3t1c(ROWS, COLS, d, new EventCounters(), 21);
        t.initialise(TileFixtures.uniformWeights(N, 3.0, 22), new SplitMix64(23), new SplitMix64(24));
        pulseEveryCell(t, 100, 0);
        t.beforeExample(10);
        for (int i = 0; i < N; i++) {
            float[] g = t.pcmConductances(i / COLS, i % COLS);
            assertThat(g[0]).isBetween(0f, (float) d.pcm().gMaxMicrosiemens());
            assertThat(g[1]).isBetween(0f, (float) d.pcm().gMaxMicrosiemens());
            assertThat(g[0] == 0f
                            || g[1] == 0f
                            || g[0] == d.pcm().gMaxMicrosiemens()
                            || g[1] == d.pcm().gMaxMicrosiemens())
                    .as("one device of a pair stays RESET unless stuck")
                    .isTrue();
        }
    }
}
