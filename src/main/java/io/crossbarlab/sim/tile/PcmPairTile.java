package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.CellParameters;
import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * PCM-only baseline (Burr et al. 2015): W = F*(G+ - G-), updated directly by partial SET pulses, SET
 * only: an increase of W sets G+, a decrease sets G-. The response is non-linear and saturating,
 * varies from device to device and from pulse to pulse. When a device of a pair reaches the RESET
 * threshold the pair is read, both devices are RESET and the weight is reprogrammed into one of them
 * by closed-loop tuning ("occasional RESET").
 *
 * <p>Drift is not applied in this scheme: devices are written continuously, so there is no single
 * programming time to drift from. This favours the baseline, never the 3T1C scheme.
 */
public final class PcmPairTile extends PulsedTile {

    private static final byte STUCK_PLUS = 1;
    private static final byte STUCK_MINUS = 2;

    private final CellParameters cell;
    private final PcmParameters pcm;
    private final float[] gPlus;
    private final float[] gMinus;
    private final float[] stepPlus;
    private final float[] stepMinus;
    private final byte[] stuck;
    private final float scale;
    private final float threshold;
    private final long[] iterations = new long[1];

    public PcmPairTile(
            int rowOffset,
            int rows,
            int colOffset,
            int cols,
            TileParameters tp,
            EventCounters counters,
            SplitMix64 noise,
            CellParameters cell,
            PcmParameters pcm) {
        super(
                rowOffset,
                rows,
                colOffset,
                cols,
                tp,
                counters,
                noise,
                cell.stochasticRounding(),
                cell.maxPulsesPerUpdate());
        this.cell = cell;
        this.pcm = pcm;
        int n = rows * cols;
        gPlus = new float[n];
        gMinus = new float[n];
        stepPlus = new float[n];
        stepMinus = new float[n];
        stuck = new byte[n];
        scale = (float) (cell.gainFactor() / cell.weightScaleMicrosiemens());
        threshold = (float) (pcm.resetThresholdFraction() * pcm.gMaxMicrosiemens());
    }

    @Override
    protected double readNoiseSigma() {
        return Math.sqrt(2.0) * cell.gainFactor() * pcm.readNoiseMicrosiemens() / cell.weightScaleMicrosiemens();
    }

    @Override
    protected double weightPerPulse() {
        return cell.gainFactor() * pcm.setStepMicrosiemens() / cell.weightScaleMicrosiemens();
    }

    @Override
    public void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng) {
        int n = rows * cols;
        double step = pcm.setStepMicrosiemens();
        for (int i = 0; i < n; i++) {
            stepPlus[i] = (float) Math.max(0.0, step * (1.0 + pcm.setDeviceVariation() * deviceRng.nextGaussian()));
            stepMinus[i] = (float) Math.max(0.0, step * (1.0 + pcm.setDeviceVariation() * deviceRng.nextGaussian()));
            if (deviceRng.nextDouble() < pcm.failedFraction()) {
                stuck[i] |= STUCK_PLUS;
                gPlus[i] = stuckValue(deviceRng);
            }
            if (deviceRng.nextDouble() < pcm.failedFraction()) {
                stuck[i] |= STUCK_MINUS;
                gMinus[i] = stuckValue(deviceRng);
            }
        }
        for (int i = 0; i < n; i++) {
            reprogram(i, initialWeights[i] * cell.weightScaleMicrosiemens() / cell.gainFactor(), noiseRng);
            weights[i] = (gPlus[i] - gMinus[i]) * scale;
        }
        counters.pcmProgramIterations += iterations[0];
        iterations[0] = 0;
    }

    private float stuckValue(SplitMix64 rng) {
        return rng.nextDouble() < pcm.stuckAtSetShare() ? (float) pcm.gMaxMicrosiemens() : 0f;
    }

    /** RESET both devices and program the difference {@code dgMicrosiemens} into one of them. */
    private void reprogram(int i, double dgMicrosiemens, SplitMix64 rng) {
        if ((stuck[i] & STUCK_PLUS) == 0) {
            gPlus[i] = 0f;
            counters.pcmResetPulses++;
        }
        if ((stuck[i] & STUCK_MINUS) == 0) {
            gMinus[i] = 0f;
            counters.pcmResetPulses++;
        }
        if (dgMicrosiemens > 0 && (stuck[i] & STUCK_PLUS) == 0) {
            gPlus[i] = (float) Pcm.program(dgMicrosiemens, pcm, rng, iterations);
        } else if (dgMicrosiemens < 0 && (stuck[i] & STUCK_MINUS) == 0) {
            gMinus[i] = (float) Pcm.program(-dgMicrosiemens, pcm, rng, iterations);
        }
    }

    @Override
    protected void applyPulses(int col, int[] pulseRows, int[] counts, int n) {
        long pulses = 0;
        for (int k = 0; k < n; k++) {
            int i = pulseRows[k] * cols + col;
            int cnt = counts[k];
            if (cnt > 0) {
                if ((stuck[i] & STUCK_PLUS) == 0) {
                    float g = gPlus[i];
                    for (int j = 0; j < cnt; j++) {
                        g = Pcm.partialSet(g, stepPlus[i], pcm, noise);
                    }
                    gPlus[i] = g;
                }
                pulses += cnt;
            } else {
                if ((stuck[i] & STUCK_MINUS) == 0) {
                    float g = gMinus[i];
                    for (int j = 0; j < -cnt; j++) {
                        g = Pcm.partialSet(g, stepMinus[i], pcm, noise);
                    }
                    gMinus[i] = g;
                }
                pulses -= cnt;
            }
            boolean saturated = ((stuck[i] & STUCK_PLUS) == 0 && gPlus[i] >= threshold)
                    || ((stuck[i] & STUCK_MINUS) == 0 && gMinus[i] >= threshold);
            if (saturated) {
                double read =
                        gPlus[i] - gMinus[i] + Math.sqrt(2.0) * pcm.readNoiseMicrosiemens() * noise.nextGaussian();
                reprogram(i, read, noise);
                counters.pcmOccasionalResets++;
                counters.pcmProgramIterations += iterations[0];
                iterations[0] = 0;
            }
            weights[i] = (gPlus[i] - gMinus[i]) * scale;
        }
        counters.pcmSetPulses += pulses;
    }
}
