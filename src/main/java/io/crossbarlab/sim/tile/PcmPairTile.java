package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.CellParameters;
import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmJumpTable;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * PCM-only baseline (Burr et al. 2015): W = F*(G+ - G-), updated directly by partial SET pulses, SET
 * only: an increase of W sets G+, a decrease sets G-. The response is non-linear and saturating,
 * varies from device to device and from pulse to pulse. When a device of a pair reaches the RESET
 * threshold the pair is read, both devices are RESET and the weight is reprogrammed into one of them
 * by closed-loop tuning ("occasional RESET"). A measured jump table ({@link PcmJumpTable}) may replace
 * the compact partial-SET response.
 *
 * <p>Drift is not applied in this scheme: devices are written continuously, so there is no single
 * programming time to drift from. This favours the baseline, never the 3T1C scheme. The 1/f read noise
 * is low-frequency: it barely changes between two reads one example apart, so it is not drawn anew on
 * every array read; it acts where a device's state is read for a decision, the read before an
 * occasional RESET, with the same law as in the 3T1C scheme at the age of one transfer interval.
 */
public final class PcmPairTile extends PcmPairsTile implements java.io.Serializable {

    private final float[] gPlus;
    private final float[] gMinus;
    private final float[] stepPlus;
    private final float[] stepMinus;
    private final float scale;
    private final float threshold;
    /** Time factor of the 1/f read noise at the read before an occasional RESET. */
    private final double resetReadNoise;
    /** A measured partial-SET response, or null for the compact one. */
    private final PcmJumpTable jumps;
    /** 1 / the nominal step: turns a device's step into its factor on the table's jumps. */
    private final float invNominalStep;

    public PcmPairTile(
            int rowOffset,
            int rows,
            int colOffset,
            int cols,
            TileParameters tp,
            EventCounters counters,
            SplitMix64 noise,
            CellParameters cell,
            PcmParameters pcm,
            PcmJumpTable jumps) {
        super(rowOffset, rows, colOffset, cols, tp, counters, noise, cell, pcm);
        this.jumps = jumps;
        this.invNominalStep = (float) (1.0 / pcm.setStepMicrosiemens());
        int n = rows * cols;
        gPlus = pairs.plus;
        gMinus = pairs.minus;
        stepPlus = new float[n];
        stepMinus = new float[n];
        scale = (float) (cell.gainFactor() / cell.weightScaleMicrosiemens());
        threshold = (float) (pcm.resetThresholdFraction() * pcm.gMaxMicrosiemens());
        // devices are written all the time: their 1/f noise is that of a device written one transfer
        // interval ago, the age the 2PCM+3T1C cell's devices reach before they are rewritten
        resetReadNoise = Pcm.readNoiseTimeFactor(
                pcm.driftT0Seconds() + cell.transferIntervalExamples() * tp.secondsPerExample(), pcm);
    }

    @Override
    protected double weightPerPulse() {
        // the coder's nominal pulse: a measured device's mean jump from full RESET
        double step = jumps == null ? pcm.setStepMicrosiemens() : jumps.nominalStep();
        return cell.gainFactor() * step / cell.weightScaleMicrosiemens();
    }

    @Override
    public void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng) {
        int n = rows * cols;
        double step = pcm.setStepMicrosiemens();
        for (int i = 0; i < n; i++) {
            stepPlus[i] = (float) Math.max(0.0, step * (1.0 + pcm.setDeviceVariation() * deviceRng.nextGaussian()));
            stepMinus[i] = (float) Math.max(0.0, step * (1.0 + pcm.setDeviceVariation() * deviceRng.nextGaussian()));
            pairs.drawFailures(i, deviceRng);
        }
        for (int i = 0; i < n; i++) {
            pairs.reprogram(i, initialWeights[i] * cell.weightScaleMicrosiemens() / cell.gainFactor(), noiseRng);
            weights[i / cols][i % cols] = (gPlus[i] - gMinus[i]) * scale;
        }
    }

    @Override
    protected void applyPulses(int col, int[] pulseRows, int[] counts, int n) {
        long pulses = 0;
        for (int k = 0; k < n; k++) {
            int row = pulseRows[k];
            int i = row * cols + col;
            int cnt = counts[k];
            if (cnt > 0) {
                if (pairs.plusWorks(i)) {
                    float g = gPlus[i];
                    for (int j = 0; j < cnt; j++) {
                        g = jumps == null
                                ? Pcm.partialSet(g, stepPlus[i], pcm, noise)
                                : jumps.partialSet(g, stepPlus[i] * invNominalStep, pcm.gMaxMicrosiemens(), noise);
                    }
                    gPlus[i] = g;
                }
                pulses += cnt;
            } else {
                if (pairs.minusWorks(i)) {
                    float g = gMinus[i];
                    for (int j = 0; j < -cnt; j++) {
                        g = jumps == null
                                ? Pcm.partialSet(g, stepMinus[i], pcm, noise)
                                : jumps.partialSet(g, stepMinus[i] * invNominalStep, pcm.gMaxMicrosiemens(), noise);
                    }
                    gMinus[i] = g;
                }
                pulses -= cnt;
            }
            boolean saturated =
                    (pairs.plusWorks(i) && gPlus[i] >= threshold) || (pairs.minusWorks(i) && gMinus[i] >= threshold);
            if (saturated) {
                double read =
                        gPlus[i] - gMinus[i] + resetReadNoise * Math.sqrt(pairs.readVariance(i)) * noise.nextGaussian();
                pairs.reprogram(i, read, noise);
                counters.pcmOccasionalResets++;
            }
            weights[row][col] = (gPlus[i] - gMinus[i]) * scale;
        }
        counters.pcmSetPulses += pulses;
    }
}
