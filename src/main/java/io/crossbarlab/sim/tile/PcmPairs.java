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
 *
 * <p>A transfer takes time: the tile's rows are programmed one after another (or in interleaved
 * sweeps), so when training resumes the cells programmed first are already milliseconds old, and a
 * cell's t0 is the delay from its last SET ramp to the verify read that accepted it. {@link #schedule}
 * works both out from the iterations each cell needed and sorts the cells into {@link #AGE_CLASSES}
 * classes of (age at the end of the transfer, t0); the drift tables are per class.
 */
final class PcmPairs implements java.io.Serializable {

    private static final byte STUCK_PLUS = 1;
    private static final byte STUCK_MINUS = 2;

    /** Drift exponents are kept as levels of this step from 0 to {@link #NU_LEVELS} - 1. */
    static final int NU_LEVELS = 16384;

    static final double NU_STEP = 2.0 / (NU_LEVELS - 1);

    /** Classes of programming time within a transfer (see {@link #schedule}). */
    static final int AGE_CLASSES = 64;

    /**
     * Floats of a drift table: per class, r^(128 h) for h &lt; 128 and r^l for l &lt; 128, so that the
     * factor of level k = 128 h + l is one product.
     */
    static final int DRIFT_TABLE = AGE_CLASSES * 256;

    /** Sequential transfers: four classes per octave of 1 + age/t0. */
    private static final double CLASSES_PER_OCTAVE = 4.0;

    final float[] plus;
    final float[] minus;
    final short[] nuPlus;
    final short[] nuMinus;
    private final byte[] stuck;
    /** Program-and-verify iterations the cell's last programming took (0: nothing programmed), at most 127. */
    private final byte[] iterationsOf;
    /** Each cell's class of programming time in the last transfer. */
    private final byte[] ageClass;
    /** Per class: time from the accepting verify read to the end of the transfer, s. */
    private final double[] classAge = new double[AGE_CLASSES];
    /** Per class: time from the last SET ramp to the accepting verify read (t0 of the drift law), s. */
    private final double[] classT0 = new double[AGE_CLASSES];

    private final int rows;
    private final int cols;
    private final double secondsPerIteration;
    private final PcmParameters pcm;
    private final EventCounters counters;
    private final long[] iterations = new long[1];

    /** (G·Q(G))² on {@link #VARIANCE_POINTS} points over [0, Gmax], for {@link #readVariance}. */
    private final double[] varianceTable;

    private final double varianceInvStep;

    static final int VARIANCE_POINTS = 1024;

    PcmPairs(int rows, int cols, PcmParameters pcm, EventCounters counters, double secondsPerIteration) {
        int cells = rows * cols;
        this.rows = rows;
        this.cols = cols;
        this.secondsPerIteration = secondsPerIteration;
        this.iterationsOf = new byte[cells];
        this.ageClass = new byte[cells];
        java.util.Arrays.fill(classT0, pcm.driftT0Seconds());
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
        int base = ageClass[i] << 8;
        return plus[i] * factor(factor, base, nuPlus[i]) - minus[i] * factor(factor, base, nuMinus[i]);
    }

    /** (t/t0)^-nu of drift level {@code level} in the class table at {@code base}. */
    private static float factor(float[] table, int base, short level) {
        return table[base + (level >>> 7)] * table[base + 128 + (level & 127)];
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
        int base = ageClass[i] << 8;
        return plus[i] * factor(factor, base, nuPlus[i]) + minus[i] * factor(factor, base, nuMinus[i]);
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
        iterationsOf[i] = (byte) Math.min(127, iterations[0]);
        iterations[0] = 0;
    }

    /**
     * Works out when each cell was programmed in the transfer that just reprogrammed every cell, from
     * the iterations each needed, and returns the transfer's duration in program-and-verify iterations
     * (for the estimator): the sum over rows of each row's slowest cell, in both orders.
     *
     * <ul>
     *   <li>Sequential ({@code pcmInterleavedVerify} off): the rows are programmed one after another,
     *       each for as many iterations as its slowest cell; a cell is accepted by the verify read of its
     *       own last iteration (t0 = {@code pcmDriftT0Seconds}) and is as old at the end of the transfer
     *       as the iterations that follow. Cells are classed by ln(1 + age/t0), four classes per octave.
     *   <li>Interleaved: sweep k visits every row that is not finished; a visit verifies the row's
     *       cells SET in the previous sweep and SETs again those outside the window (the first visit only
     *       SETs, the last only verifies, so a row's ramps and reads, and its time, are those of the
     *       sequential order). A cell that needed n iterations was SET last in sweep n and accepted in
     *       sweep n + 1: its t0 is the time between the two visits of its row (about sweep n + 1's
     *       duration, one iteration time per row visited) and its age what follows. Cells are classed
     *       by n.
     * </ul>
     */
    long schedule() {
        int[] rowMax = new int[rows];
        int slowest = 0;
        for (int r = 0, i = 0; r < rows; r++) {
            int m = 0;
            for (int c = 0; c < cols; c++, i++) {
                m = Math.max(m, iterationsOf[i]);
            }
            rowMax[r] = m;
            slowest = Math.max(slowest, m);
        }
        double t = secondsPerIteration;
        if (!pcm.interleavedVerify()) {
            double t0 = pcm.driftT0Seconds();
            long visits = 0;
            for (int r = 0; r < rows; r++) {
                visits += rowMax[r];
            }
            double total = visits * t;
            double ln2 = Ln.log(2.0);
            double start = 0;
            for (int r = 0, i = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++, i++) {
                    double age = total - (start + iterationsOf[i] * t);
                    double octaves = Ln.log(1.0 + age / t0) / ln2;
                    ageClass[i] = (byte) Math.min(AGE_CLASSES - 1, (int) (octaves * CLASSES_PER_OCTAVE));
                }
                start += rowMax[r] * t;
            }
            for (int k = 0; k < AGE_CLASSES; k++) {
                // the geometric middle of the class in 1 + age/t0
                classAge[k] = t0 * (Exp.exp(ln2 * (k + 0.5) / CLASSES_PER_OCTAVE) - 1.0);
                classT0[k] = t0;
            }
            return visits;
        }
        // active[k]: rows visited in sweep k (1..slowest + 1): those with rowMax >= k - 1, rowMax > 0
        int sweeps = slowest + 1;
        long[] active = new long[sweeps + 2];
        long visits = 0;
        for (int r = 0; r < rows; r++) {
            if (rowMax[r] > 0) {
                for (int k = 1; k <= rowMax[r] + 1; k++) {
                    active[k]++;
                }
                visits += rowMax[r];
            }
        }
        double[] end = new double[sweeps + 2];
        for (int k = 1; k <= sweeps; k++) {
            end[k] = end[k - 1] + active[k] * t;
        }
        double total = end[sweeps];
        for (int k = 0; k < AGE_CLASSES; k++) {
            // class k: cells of k iterations (the last class also takes the few that needed more)
            int n = Math.max(1, Math.min(k, slowest));
            double sweep = Math.max(t, active[n + 1] * t);
            classT0[k] = sweep;
            // accepted half-way through sweep n + 1
            classAge[k] = Math.max(0.0, total - (end[n + 1] - 0.5 * sweep));
        }
        for (int i = 0; i < ageClass.length; i++) {
            ageClass[i] = (byte) Math.min(AGE_CLASSES - 1, iterationsOf[i]);
        }
        return visits;
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
     * Fills {@code factor} ({@link #DRIFT_TABLE} floats) with the drift factors {@code seconds} after the
     * end of the last transfer: for a device of class c and level k, ((age_c + t0_c + seconds)/t0_c)^-(k
     * NU_STEP), as r^k with r = exp(-NU_STEP ln(...)), by repeated multiplication (one exponential per
     * class, the same bits on every JVM).
     */
    void driftTable(double seconds, float[] factor) {
        for (int c = 0; c < AGE_CLASSES; c++) {
            double t0 = classT0[c];
            double l = Ln.log((classAge[c] + t0 + seconds) / t0);
            double r = Exp.exp(-NU_STEP * l);
            double r128 = 1.0;
            for (int k = 0; k < 128; k++) {
                r128 *= r;
            }
            int base = c << 8;
            double f = 1.0;
            double h = 1.0;
            for (int k = 0; k < 128; k++) {
                factor[base + 128 + k] = (float) f;
                factor[base + k] = (float) h;
                f *= r;
                h *= r128;
            }
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
