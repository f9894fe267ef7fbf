package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * The PCM pairs (G+, G-) of a tile's cells, in primitive arrays, with their stuck-device mask: drawing
 * failures once, and RESET-and-reprogram of a pair. Shared by the 2PCM+3T1C and the PCM-only tiles.
 */
final class PcmPairs {

    private static final byte STUCK_PLUS = 1;
    private static final byte STUCK_MINUS = 2;

    final float[] plus;
    final float[] minus;
    private final byte[] stuck;
    private final PcmParameters pcm;
    private final EventCounters counters;
    private final long[] iterations = new long[1];

    PcmPairs(int cells, PcmParameters pcm, EventCounters counters) {
        this.plus = new float[cells];
        this.minus = new float[cells];
        this.stuck = new byte[cells];
        this.pcm = pcm;
        this.counters = counters;
    }

    /** Draws whether each device of cell i has failed, and where a failed one is stuck. */
    void drawFailures(int i, SplitMix64 rng) {
        stuck[i] = 0;
        if (rng.nextDouble() < pcm.failedFraction()) {
            stuck[i] |= STUCK_PLUS;
            plus[i] = stuckValue(rng);
        }
        if (rng.nextDouble() < pcm.failedFraction()) {
            stuck[i] |= STUCK_MINUS;
            minus[i] = stuckValue(rng);
        }
    }

    private float stuckValue(SplitMix64 rng) {
        return rng.nextDouble() < pcm.stuckAtSetShare() ? (float) pcm.gMaxMicrosiemens() : 0f;
    }

    boolean plusWorks(int i) {
        return (stuck[i] & STUCK_PLUS) == 0;
    }

    boolean minusWorks(int i) {
        return (stuck[i] & STUCK_MINUS) == 0;
    }

    /** G+ - G- of cell i, uS. */
    float difference(int i) {
        return plus[i] - minus[i];
    }

    /**
     * RESETs both devices of cell i (stuck ones stay) and programs G+ - G- toward {@code
     * differenceMicrosiemens} by closed-loop tuning of the device matching its sign.
     */
    void reprogram(int i, double differenceMicrosiemens, SplitMix64 rng) {
        if (plusWorks(i)) {
            plus[i] = 0f;
            counters.pcmResetPulses++;
        }
        if (minusWorks(i)) {
            minus[i] = 0f;
            counters.pcmResetPulses++;
        }
        if (differenceMicrosiemens > 0 && plusWorks(i)) {
            plus[i] = (float) Pcm.program(differenceMicrosiemens, pcm, rng, iterations);
        } else if (differenceMicrosiemens < 0 && minusWorks(i)) {
            minus[i] = (float) Pcm.program(-differenceMicrosiemens, pcm, rng, iterations);
        }
        counters.pcmProgramIterations += iterations[0];
        iterations[0] = 0;
    }
}
