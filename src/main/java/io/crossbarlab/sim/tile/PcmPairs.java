package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.Ln;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * The PCM pairs (G+, G-) of a tile's cells, in primitive arrays: the conductances as programmed, each
 * device's drift exponent (drawn when it is programmed, as a level of {@link #NU_STEP}), and the
 * stuck-device mask. Drawing failures once, RESET-and-reprogram of a pair (a stuck device is
 * compensated by its partner where it can be), drift factors and read-noise variances. Shared by the
 * 2PCM+3T1C and the PCM-only tiles.
 */
final class PcmPairs implements java.io.Serializable {

    private static final byte STUCK_PLUS = 1;
    private static final byte STUCK_MINUS = 2;

    /** Drift exponents are kept as levels of this step from 0 to {@link #NU_LEVELS} - 1. */
    static final int NU_LEVELS = 16384;

    static final double NU_STEP = 2.0 / (NU_LEVELS - 1);

    final float[] plus;
    final float[] minus;
    final short[] nuPlus;
    final short[] nuMinus;
    private final byte[] stuck;
    private final PcmParameters pcm;
    private final EventCounters counters;
    private final long[] iterations = new long[1];

    /** (G·Q(G))² on {@link #VARIANCE_POINTS} points over [0, Gmax], for {@link #readVariance}. */
    private final double[] varianceTable;

    private final double varianceInvStep;

    static final int VARIANCE_POINTS = 1024;

    PcmPairs(int cells, PcmParameters pcm, EventCounters counters) {
        this.plus = new float[cells];
        this.minus = new float[cells];
        this.nuPlus = new short[cells];
        this.nuMinus = new short[cells];
        this.stuck = new byte[cells];
        this.pcm = pcm;
        this.counters = counters;
        this.varianceTable = new double[VARIANCE_POINTS];
        double step = pcm.gMaxMicrosiemens() / (VARIANCE_POINTS - 1);
        for (int k = 0; k < VARIANCE_POINTS; k++) {
            double g = k * step;
            double sd = g * Pcm.readNoiseRelative(g, pcm);
            varianceTable[k] = sd * sd;
        }
        this.varianceInvStep = 1.0 / step;
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

    /** G+ - G- of cell i as programmed, uS. */
    float difference(int i) {
        return plus[i] - minus[i];
    }

    /** G+ - G- of cell i after drift, uS, with {@code factor} a table from {@link #driftTable}. */
    float driftedDifference(int i, float[] factor) {
        return plus[i] * factor[nuPlus[i]] - minus[i] * factor[nuMinus[i]];
    }

    /**
     * Sum of all devices' conductances, uS: as programmed ({@code factor} null) or after drift ({@code
     * factor} a table from {@link #driftTable}).
     */
    double sum(float[] factor) {
        double s = 0;
        for (int i = 0; i < plus.length; i++) {
            s += factor == null ? plus[i] + minus[i] : driftedSum(i, factor);
        }
        return s;
    }

    private float driftedSum(int i, float[] factor) {
        return plus[i] * factor[nuPlus[i]] + minus[i] * factor[nuMinus[i]];
    }

    /**
     * RESETs both devices of cell i (stuck ones stay) and programs G+ - G- toward {@code
     * differenceMicrosiemens} by closed-loop tuning. Normally the device matching the target's sign is
     * programmed from RESET; when one device is stuck, its partner is programmed to make up the
     * difference from the stuck value (G- = G+stuck - d, or G+ = d + G-stuck), within [0, Gmax].
     * Every device programmed draws its drift exponent for its new conductance.
     */
    void reprogram(int i, double differenceMicrosiemens, SplitMix64 rng) {
        boolean p = plusWorks(i);
        boolean m = minusWorks(i);
        if (p) {
            plus[i] = 0f;
            nuPlus[i] = 0;
            counters.pcmResetPulses++;
        }
        if (m) {
            minus[i] = 0f;
            nuMinus[i] = 0;
            counters.pcmResetPulses++;
        }
        double d = differenceMicrosiemens;
        if (p && m) {
            if (d > 0) {
                programPlus(i, d, rng);
            } else if (d < 0) {
                programMinus(i, -d, rng);
            }
        } else if (p) {
            double target = d + minus[i];
            if (target > 0) {
                programPlus(i, target, rng);
            }
        } else if (m) {
            double target = plus[i] - d;
            if (target > 0) {
                programMinus(i, target, rng);
            }
        }
        counters.pcmProgramIterations += iterations[0];
        iterations[0] = 0;
    }

    private void programPlus(int i, double target, SplitMix64 rng) {
        plus[i] = (float) Pcm.program(target, pcm, rng, iterations);
        nuPlus[i] = nuLevel(Pcm.drawNu(plus[i], pcm, rng));
    }

    private void programMinus(int i, double target, SplitMix64 rng) {
        minus[i] = (float) Pcm.program(target, pcm, rng, iterations);
        nuMinus[i] = nuLevel(Pcm.drawNu(minus[i], pcm, rng));
    }

    static short nuLevel(double nu) {
        long level = Math.round(nu / NU_STEP);
        return (short) Math.min(NU_LEVELS - 1, Math.max(0, level));
    }

    /**
     * Fills {@code factor[k]} with (t/t0)^-(k*NU_STEP) for devices programmed {@code seconds} ago: r^k
     * with r = exp(-NU_STEP*ln(t/t0)), by repeated multiplication (one exponential per call, the same
     * bits on every JVM).
     */
    static void driftTable(double seconds, PcmParameters pcm, float[] factor) {
        double l = seconds > pcm.driftT0Seconds() ? Ln.log(seconds / pcm.driftT0Seconds()) : 0.0;
        double r = Exp.exp(-NU_STEP * l);
        double f = 1.0;
        for (int k = 0; k < factor.length; k++) {
            factor[k] = (float) f;
            f *= r;
        }
    }

    /**
     * Variance of the 1/f read noise of cell i's pair before the time factor, uS²: (G+ Q(G+))² + (G-
     * Q(G-))². Stuck devices are read like any other.
     */
    double readVariance(int i) {
        return deviceVariance(plus[i]) + deviceVariance(minus[i]);
    }

    /** (G·Q(G))² of one device, interpolated on the table. */
    private double deviceVariance(float g) {
        double x = g * varianceInvStep;
        int k = (int) x;
        if (k >= VARIANCE_POINTS - 1) {
            return varianceTable[VARIANCE_POINTS - 1];
        }
        double f = x - k;
        return varianceTable[k] + f * (varianceTable[k + 1] - varianceTable[k]);
    }
}
