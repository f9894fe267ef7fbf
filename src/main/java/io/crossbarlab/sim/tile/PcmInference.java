package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.NormalTable;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * Inference after training on a tile's PCM pairs alone: the trained weights are programmed into the
 * pairs by closed-loop tuning (no offset, the 3T1C cells out of the circuit), and the array is then
 * read at chosen times after the end of that programming (each cell as old as the programming
 * schedule makes it, {@link PcmPairs#schedule}), with every device's drift and the pairs' 1/f read
 * noise (a random walk in ln((t + t_read)/(2 t_read)), as during training), with or without global
 * drift compensation. Times must come in ascending order.
 */
final class PcmInference {

    private final PcmPairs pairs;
    private final PcmParameters pcm;
    private final double microsiemensPerWeight;
    private final float[] driftFactor = new float[PcmPairs.DRIFT_TABLE];
    private final float[] noise;
    private final NormalTable normals;
    private double noiseLog;
    private double programmedSum;
    private double seconds = -1;
    private double drifted;

    /**
     * Programs the weights (tile-local rows x cols) into the pairs.
     *
     * @param microsiemensPerWeight G+ − G− per unit network weight, uS (weight scale / F)
     */
    PcmInference(
            PcmPairs pairs,
            PcmParameters pcm,
            double microsiemensPerWeight,
            float[][] weights,
            int cols,
            SplitMix64 rng) {
        this.pairs = pairs;
        this.pcm = pcm;
        this.microsiemensPerWeight = microsiemensPerWeight;
        this.noise = new float[pairs.plus.length];
        this.normals = new NormalTable(rng);
        for (int r = 0, i = 0; r < weights.length; r++) {
            for (int c = 0; c < cols; c++, i++) {
                pairs.reprogram(i, weights[r][c] * microsiemensPerWeight, rng);
            }
        }
        pairs.schedule();
        programmedSum = pairs.sum(null);
    }

    /**
     * Writes the weights the array reads {@code t} seconds after programming into {@code weights}; a
     * later time continues the same devices' drift and noise.
     */
    void readAt(double t, boolean compensate, float[][] weights, int cols) {
        if (t < seconds) {
            throw new IllegalArgumentException("inference times must ascend");
        }
        if (t > seconds) {
            pairs.driftTable(t, driftFactor);
            double f = Pcm.readNoiseTimeFactor(pcm.driftT0Seconds() + t, pcm);
            double log = f * f;
            if (log > noiseLog) {
                double dl = log - noiseLog;
                for (int i = 0; i < noise.length; i++) {
                    noise[i] += (float) Math.sqrt(pairs.readVariance(i) * dl) * normals.next();
                }
                noiseLog = log;
            }
            drifted = pairs.sum(driftFactor);
            seconds = t;
        }
        double gain = compensate && drifted > 0 ? programmedSum / drifted : 1.0;
        float toWeight = (float) (gain / microsiemensPerWeight);
        for (int r = 0, i = 0; r < weights.length; r++) {
            float[] w = weights[r];
            for (int c = 0; c < cols; c++, i++) {
                w[c] = (pairs.driftedDifference(i, driftFactor) + noise[i]) * toWeight;
            }
        }
    }
}
