package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.CellParameters;
import io.crossbarlab.sim.cell.UnitCell;
import io.crossbarlab.sim.device.CapacitorCurves;
import io.crossbarlab.sim.device.CapacitorParameters;
import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.Ln;
import io.crossbarlab.sim.random.NormalTable;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * A tile of 2PCM + 3T1C unit cells (Ambrogio et al. 2018), each holding the weight
 *
 * <pre>
 *   W = F·(G+ − G−) + p·(g − g_shared)          (in µS; divided by the weight scale in network units)
 * </pre>
 *
 * <p>G± are the PCM pair, programmed at transfers and drifting since ({@link PcmPairs}); g = g_i(V_i)
 * is the read conductance of the cell's 3T1C at its capacitor voltage; g_shared the same for the
 * column's shared reference cell; p the polarity, flipped at every transfer. {@link #cellWeight} is
 * that equation as written ({@link UnitCell}); the update and refresh paths keep, per cell, the part
 * pulses do not change, {@code fixed = (F·(G+ − G−) − p·g_shared) / scale}, and set W = fixed +
 * p·g(V)/scale after each pulse. A property test pins the two to each other.
 *
 * <p>The 3T1C cells follow {@link CapacitorCurves}. Each cell's three transistors (pull-up, pull-down,
 * read) have their own threshold shifts, drawn once: they scale its up and down steps, shift its read
 * curve, and set its leakage rate. Each pulse moves the capacitor by the step at its present voltage,
 * with pulse-to-pulse charge noise.
 *
 * <p>Slow processes (capacitor leakage, PCM drift) are applied at refresh points after a transfer:
 * 1, 2, 4, ... examples after it (drift is fastest right after programming), then every {@code
 * slowProcessIntervalExamples}. Time comes from the hardware's time per example (the estimator's
 * clock), counted from the end of the transfer; each cell's drift also counts the time it spent in the
 * transfer after its verify read ({@link PcmPairs#schedule}, on the estimator's iteration time).
 */
public final class Pcm3T1CTile extends PcmPairsTile implements java.io.Serializable {

    /**
     * Leakage-rate multipliers of the cells are kept as levels of ln(rate) from -3 to 3 (odd, so that a
     * nominal cell's rate 1 is a level of its own).
     */
    static final int LEAK_LEVELS = 255;

    static final double LEAK_LOG_RANGE = 3.0;

    private final CapacitorParameters cap;
    private final CapacitorCurves curves;
    private final double secondsPerExample;

    // the curves on their grid (copies of the references, for the pulse loop)
    /**
     * The curves fused on their grid, four floats per point so that one pulse reads one cache line and
     * the whole table (about 24 KB at 1 mV) stays in the first-level cache: g, ΔV_up, ΔV_down, and
     * g(next point) − g.
     */
    private final float[] curve;

    private final float gridStart;
    private final float gridInvStep;
    private final int gridLastInterval;
    /** 1/sqrt(a) for a = 0..maxPulses. */
    private final float[] invSqrtCount;
    /** Charge noise of the pulses. */
    private final NormalTable normals;

    /** (F·(G+ − G−) − p·g_shared)/scale of each cell: the part of W that pulses do not change. */
    private final float[] fixedWeight;

    /**
     * Per cell, four floats side by side so that a pulse touches one cache line: the capacitor voltage
     * V, the scale of its up steps and of its down steps, and the shift of its read curve (g_i(V) =
     * g(V − shift_i)).
     */
    private final float[] cellState;

    private static final int V = 0;
    private static final int UP = 1;
    private static final int DOWN = 2;
    private static final int SHIFT = 3;

    private final byte[] leakLevel;
    private final float[] sharedVolts;
    private final float[] sharedShift;
    private final byte[] sharedLeakLevel;
    private final float[] sharedRead;
    private final float[] residual;
    /** Cells whose PCM pair the last transfer left RESET (its target lay between 0 and the offset). */
    private final boolean[] leftReset;

    private final float[] driftFactor = new float[PcmPairs.DRIFT_TABLE];
    private final float[] leakKeep = new float[LEAK_LEVELS];

    private final float invScale;
    private final float supply;
    private final float pulseNoise;
    private final int direction;
    /**
     * Global drift compensation: summed conductance of the tile's PCM devices at programming over the
     * same sum read now (1 without compensation). The periphery multiplies the pairs' contribution by it.
     */
    private float driftGain = 1f;

    private double programmedSum;

    /**
     * The 1/f read noise of each pair, uS: low-frequency, so a slowly varying deviation rather than a
     * fresh draw per read. Its variance grows as Q(G)²·G²·ln((t + t_read)/(2 t_read)) since programming
     * (equal variance per decade of time); it is advanced as a random walk in that logarithm at the
     * refresh points, with independent increments.
     */
    private final float[] pcmNoise;

    /** ln((t + t_read)/(2 t_read)) at the last refresh (0 at programming). */
    private double noiseLog;

    private int polarity = 1;
    private long lastTransferExample;
    private long lastRefreshExample;
    private long nextRefresh;

    public Pcm3T1CTile(
            int rowOffset,
            int rows,
            int colOffset,
            int cols,
            TileParameters tp,
            EventCounters counters,
            SplitMix64 noise,
            CellParameters cell,
            PcmParameters pcm,
            CapacitorParameters cap,
            CapacitorCurves curves) {
        super(rowOffset, rows, colOffset, cols, tp, counters, noise, cell, pcm);
        this.cap = cap;
        this.curves = curves;
        this.secondsPerExample = tp.secondsPerExample();
        int n = rows * cols;
        float[] readCurve = curves.readGrid();
        float[] upCurve = curves.upGrid();
        float[] downCurve = curves.downGrid();
        curve = new float[4 * readCurve.length];
        for (int k = 0; k < readCurve.length; k++) {
            curve[4 * k] = readCurve[k];
            curve[4 * k + 1] = upCurve[k];
            curve[4 * k + 2] = downCurve[k];
            curve[4 * k + 3] = k + 1 < readCurve.length ? readCurve[k + 1] - readCurve[k] : 0f;
        }
        gridStart = (float) curves.gridStartVolts();
        gridInvStep = (float) (1.0 / curves.gridStepVolts());
        gridLastInterval = readCurve.length - 2;
        invSqrtCount = new float[cell.maxPulsesPerUpdate() + 1];
        for (int a = 1; a < invSqrtCount.length; a++) {
            invSqrtCount[a] = (float) (1.0 / Math.sqrt(a));
        }
        normals = new NormalTable(noise);
        fixedWeight = new float[n];
        cellState = new float[4 * n];
        leakLevel = new byte[n];
        sharedVolts = new float[cols];
        sharedShift = new float[cols];
        sharedLeakLevel = new byte[cols];
        sharedRead = new float[cols];
        residual = new float[n];
        leftReset = new boolean[n];
        pcmNoise = new float[n];
        invScale = (float) (1.0 / cell.weightScaleMicrosiemens());
        supply = (float) cap.supplyVolts();
        pulseNoise = (float) cap.pulseNoise();
        direction = cap.readDirection();
    }

    /** g_i(V): the read conductance of cell i at capacitor voltage V, uS. */
    private float g(int i, float volts) {
        return read(volts - cellState[4 * i + SHIFT]);
    }

    private float gShared(int c) {
        return read(sharedVolts[c] - sharedShift[c]);
    }

    /**
     * The cell equation W = F·(G+ − G−) + p·(g − g_shared) of cell (r, c) as written, in network units,
     * with the PCM pair's drift as of the last refresh.
     */
    public float cellWeight(int r, int c) {
        int i = r * cols + c;
        // the effective gain includes global drift compensation, which scales the PCM read-out
        return (float) UnitCell.weight(
                cell.gainFactor() * driftGain,
                (double) pairs.driftedDifference(i, driftFactor) + pcmNoise[i],
                polarity,
                g(i, cellState[4 * i + V]),
                gShared(c),
                cell.weightScaleMicrosiemens());
    }

    @Override
    protected double weightPerPulse() {
        return Math.abs(curves.readSlope(cap.initVolts())) * cap.stepVolts() / cell.weightScaleMicrosiemens();
    }

    @Override
    public void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng) {
        int n = rows * cols;
        double sigma = cap.thresholdVariationVolts();
        for (int i = 0; i < n; i++) {
            double dUp = sigma * deviceRng.nextGaussian();
            double dDown = sigma * deviceRng.nextGaussian();
            double dRead = sigma * deviceRng.nextGaussian();
            cellState[4 * i + UP] = (float) saturationScale(dUp);
            cellState[4 * i + DOWN] = (float) saturationScale(dDown);
            cellState[4 * i + SHIFT] = (float) (direction * dRead);
            leakLevel[i] = leakLevel(dUp, dDown);
            pairs.drawFailures(i, deviceRng);
        }
        for (int c = 0; c < cols; c++) {
            double dUp = sigma * deviceRng.nextGaussian();
            double dDown = sigma * deviceRng.nextGaussian();
            double dRead = sigma * deviceRng.nextGaussian();
            sharedShift[c] = (float) (direction * dRead);
            sharedLeakLevel[c] = leakLevel(dUp, dDown);
        }
        resetCapacitors();
        // the initial weights are written like a transfer with p = +1 and no offset
        for (int i = 0; i < n; i++) {
            int c = i % cols;
            pairs.reprogram(
                    i,
                    (initialWeights[i] * cell.weightScaleMicrosiemens() - mismatch(i, c)) / cell.gainFactor(),
                    noiseRng);
        }
        pairs.schedule();
        programmed(0);
    }

    /**
     * Saturation current of a transistor whose threshold is {@code shift} above nominal, relative to
     * the nominal one: ((o − δ)/o)², o the pulse's gate overdrive; 0 once the shift reaches o.
     */
    private double saturationScale(double shift) {
        double o = cap.pulseOverdriveVolts();
        double x = Math.max(0.0, o - shift) / o;
        return x * x;
    }

    /**
     * The leakage-rate level of a cell whose switches' thresholds are shifted by the given amounts:
     * subthreshold leakage scales as exp(−δ/s), its rate as the mean over the two switches; it is the
     * share f ({@code capLeakSubthresholdFraction}) of the nominal rate, the rest is the same in every
     * cell: rate = f·mean + (1 − f).
     */
    private byte leakLevel(double dUp, double dDown) {
        double s = cap.subthresholdSlopeVolts();
        double f = cap.leakSubthresholdFraction();
        double rate = f * (0.5 * (Exp.exp(-dUp / s) + Exp.exp(-dDown / s))) + (1.0 - f);
        double l = Ln.log(rate);
        long level = Math.round((l + LEAK_LOG_RANGE) / (2 * LEAK_LOG_RANGE) * (LEAK_LEVELS - 1));
        return (byte) Math.min(LEAK_LEVELS - 1, Math.max(0, level));
    }

    private static double leakRate(int level) {
        double l = (level & 0xff) * (2 * LEAK_LOG_RANGE) / (LEAK_LEVELS - 1) - LEAK_LOG_RANGE;
        return Exp.exp(l);
    }

    /** g_i(V_init) − g_shared(V_init): the static mismatch of cell i's 3T1C pair after re-initialisation. */
    private double mismatch(int i, int c) {
        float v0 = (float) cap.initVolts();
        return (double) read(v0 - cellState[4 * i + SHIFT]) - read(v0 - sharedShift[c]);
    }

    private void resetCapacitors() {
        float v0 = (float) cap.initVolts();
        for (int i = 0; i < fixedWeight.length; i++) {
            cellState[4 * i + V] = v0;
        }
        java.util.Arrays.fill(sharedVolts, v0);
    }

    /** After the pairs were programmed at example {@code examplesDone}: read noise, drift and weights anew. */
    private void programmed(long examplesDone) {
        lastTransferExample = examplesDone;
        lastRefreshExample = examplesDone;
        programmedSum = pairs.sum(null);
        nextRefresh = 1;
        java.util.Arrays.fill(pcmNoise, 0f);
        noiseLog = 0;
        refresh(0.0);
    }

    /** Drift, read noise and every weight for the time {@code seconds} since programming. */
    private void refresh(double seconds) {
        pairs.driftTable(seconds, driftFactor);
        double factor = Pcm.readNoiseTimeFactor(pcm.driftT0Seconds() + seconds, pcm);
        double log = factor * factor;
        if (log > noiseLog) {
            double dl = log - noiseLog;
            for (int i = 0; i < pcmNoise.length; i++) {
                pcmNoise[i] += (float) Math.sqrt(pairs.readVariance(i) * dl) * normals.next();
            }
            noiseLog = log;
        }
        if (pcm.driftCompensation()) {
            // one summed read of all devices (its read noise averages out over the tile)
            double now = pairs.sum(driftFactor);
            driftGain = now > 0 ? (float) (programmedSum / now) : 1f;
        }
        float f = (float) cell.gainFactor() * driftGain;
        for (int c = 0; c < cols; c++) {
            sharedRead[c] = gShared(c);
        }
        float p = polarity;
        float pScale = p * invScale;
        for (int r = 0, i = 0; r < rows; r++) {
            float[] w = weights[r];
            for (int c = 0; c < cols; c++, i++) {
                float fixed =
                        (f * (pairs.driftedDifference(i, driftFactor) + pcmNoise[i]) - p * sharedRead[c]) * invScale;
                fixedWeight[i] = fixed;
                w[c] = fixed + pScale * g(i, cellState[4 * i + V]);
            }
        }
    }

    /** Index of the grid interval that holds V, clamped to the grid. */
    private int interval(float volts) {
        int k = (int) ((volts - gridStart) * gridInvStep);
        return k < 0 ? 0 : (k > gridLastInterval ? gridLastInterval : k);
    }

    /** The nominal read curve g(V), linear between grid points, uS: the one g(V) of this tile. */
    private float read(float volts) {
        float x = (volts - gridStart) * gridInvStep;
        int k = (int) x;
        k = k < 0 ? 0 : (k > gridLastInterval ? gridLastInterval : k);
        return curve[4 * k] + (x - Exact.toFloat(k)) * curve[4 * k + 3];
    }

    @Override
    protected void applyPulses(int col, int[] pulseRows, int[] counts, int n) {
        final int pd = polarity * direction;
        final float hi = supply;
        final float pScale = polarity * invScale;
        final float sigma = pulseNoise;
        final float[] rootInv = invSqrtCount;
        long charges = 0;
        long pulses = 0;
        for (int k = 0; k < n; k++) {
            int row = pulseRows[k];
            int cnt = counts[k];
            int i = row * cols + col;
            float v0 = cellState[4 * i + V];
            boolean charge = cnt * pd > 0;
            int a = Math.abs(cnt);
            int off = charge ? UP : DOWN;
            float s = charge ? cellState[4 * i + UP] : -cellState[4 * i + DOWN];
            // the first pulse at V, the other a - 1 by the midpoint rule (exact while the step curve is
            // linear over them; they span at most maxPulses steps)
            float v = v0 + s * curve[4 * interval(v0) + off];
            if (a > 1) {
                float more = Exact.toFloat(a - 1) * s;
                float mid = v + 0.5f * more * curve[4 * interval(v) + off];
                v += more * curve[4 * interval(mid) + off];
            }
            charges += charge ? a : 0;
            pulses += a;
            if (sigma > 0f) {
                // independent charge errors of a pulses of (nearly) equal size |v - v0| / a: their sum
                // has sigma * |v - v0| / sqrt(a)
                float r = a < rootInv.length ? rootInv[a] : (float) (1.0 / Math.sqrt(a));
                v += sigma * Math.abs(v - v0) * r * normals.next();
            }
            v = v < 0f ? 0f : (v > hi ? hi : v);
            cellState[4 * i + V] = v;
            weights[row][col] = fixedWeight[i] + pScale * read(v - cellState[4 * i + SHIFT]);
        }
        counters.capChargePulses += charges;
        counters.capDischargePulses += pulses - charges;
    }

    @Override
    public void afterExample(long examplesDone) {
        long since = examplesDone - lastTransferExample;
        if (since >= nextRefresh) {
            leak((examplesDone - lastRefreshExample) * secondsPerExample);
            lastRefreshExample = examplesDone;
            int interval = cell.slowProcessIntervalExamples();
            nextRefresh = since < interval ? Math.min(2 * since, interval) : since + interval;
            refresh(since * secondsPerExample);
        }
    }

    @Override
    public void beforeExample(long examplesDone) {
        if (examplesDone > 0 && examplesDone % cell.transferIntervalExamples() == 0) {
            leak((examplesDone - lastRefreshExample) * secondsPerExample);
            transfer(examplesDone);
        }
    }

    /** Relaxes every capacitor toward the leak target over {@code seconds}, each at its own rate. */
    private void leak(double seconds) {
        if (seconds <= 0) {
            return;
        }
        double perTau = seconds / cap.leakTimeConstantSeconds();
        for (int l = 0; l < LEAK_LEVELS; l++) {
            leakKeep[l] = (float) Exp.exp(-perTau * leakRate(l));
        }
        float target = (float) cap.leakTargetVolts();
        for (int i = 0; i < fixedWeight.length; i++) {
            cellState[4 * i + V] = target + (cellState[4 * i + V] - target) * leakKeep[leakLevel[i] & 0xff];
        }
        for (int c = 0; c < cols; c++) {
            sharedVolts[c] = target + (sharedVolts[c] - target) * leakKeep[sharedLeakLevel[c] & 0xff];
        }
    }

    /**
     * Moves the weight into the PCM pair: read W (with the PCM pair's read noise), RESET both devices,
     * program F·(G+ − G−) to W − p'·offset − p'·mismatch (p' the new polarity, mismatch the 3T1C pair's
     * static g − g_shared at the initial voltage), re-initialise the capacitors and flip p. A target
     * between 0 and the offset is left RESET, and g absorbs that cell's residual, its whole weight
     * ({@code transferResetResidualToCapacitor}; without it training must).
     */
    void transfer(long examplesDone) {
        counters.transfers++;
        int newPolarity = cell.polarityInversion() ? -polarity : polarity;
        double scale = cell.weightScaleMicrosiemens();
        double offset = cell.transferOffsetMicrosiemens() * (cell.offsetFollowsPolarity() ? newPolarity : 1);
        double f = cell.gainFactor();
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                // the weight as read now: drift, the pairs' 1/f deviation and the 3T1C part included
                double w = weights[r][c] * scale;
                double mismatch = mismatch(i, c);
                double target = w - offset - newPolarity * mismatch;
                boolean absorb = offset > 0 ? (target > 0 && target < offset) : (target < 0 && target > offset);
                pairs.reprogram(i, absorb ? 0.0 : target / f, noise);
                leftReset[i] = absorb;
                residual[i] = (float) (w - f * pairs.difference(i) - newPolarity * mismatch);
            }
        }
        counters.recordTransfer(examplesDone, pairs.schedule());
        polarity = newPolarity;
        resetCapacitors();
        if (cell.residualToCapacitor()) {
            writeResidual(false);
        } else {
            boolean resetCells = cell.resetResidualToCapacitor();
            if (cell.offsetToCapacitor() && offset != 0) {
                writeOffset(offset, resetCells);
            }
            if (resetCells) {
                writeResidual(true);
            }
        }
        programmed(examplesDone);
    }

    /**
     * Restores the offset the transfer subtracted (default): the controller knows it, so it applies to
     * every cell the same nominal number of pulses that moves p·g by it, as one broadcast pulse train;
     * each cell's own steps and charge noise make the result differ. What is left for training is the
     * PCM programming error. With {@code skipReset} the cells left RESET are skipped (their whole
     * weight is written next).
     */
    private void writeOffset(double offsetMicrosiemens, boolean skipReset) {
        float v0 = (float) cap.initVolts();
        double aim = read(v0) + polarity * offsetMicrosiemens;
        int pulses = (int) Math.rint((nominalVoltageFor(aim) - v0) / cap.stepVolts());
        if (pulses == 0) {
            return;
        }
        int[] which = new int[rows];
        int[] count = new int[rows];
        // a signed count of requests to raise W: the sign is that of the charge wanted, times p*d
        java.util.Arrays.fill(count, pulses * polarity * direction);
        for (int c = 0; c < cols; c++) {
            int m = 0;
            for (int r = 0; r < rows; r++) {
                which[m] = r;
                m += skipReset && leftReset[r * cols + c] ? 0 : 1;
            }
            applyPulses(c, which, count, m); // the weights are recomputed by programmed()
        }
    }

    /**
     * Writes each cell's residual into g open-loop: every cell ({@code transferResidualToCapacitor}, off
     * in the paper's reading) or only the cells left RESET ({@code transferResetResidualToCapacitor},
     * whose residual is their whole weight: "g absorbs the residual"). The controller knows the nominal
     * read curve: it finds the voltage at which the nominal g has moved from its initial value by the
     * residual (times p), and applies the whole number of nominal steps that reach it; the cell's own
     * steps, curve and charge noise make the result differ from the aim.
     */
    private void writeResidual(boolean onlyReset) {
        float v0 = (float) cap.initVolts();
        float g0 = read(v0);
        double step = cap.stepVolts();
        int[] one = new int[1];
        int[] count = new int[1];
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                if (onlyReset && !leftReset[i]) {
                    continue;
                }
                double aim = g0 + polarity * residual[i];
                int pulses = (int) Math.rint((nominalVoltageFor(aim) - v0) / step);
                if (pulses != 0) {
                    one[0] = r;
                    // a signed count of requests to raise W: the sign is that of the charge wanted, times p*d
                    count[0] = pulses * polarity * direction;
                    applyPulses(c, one, count, 1); // the weights are recomputed by programmed()
                }
            }
        }
    }

    /** The voltage in [0, supply] at which the nominal read curve is closest to {@code g} uS. */
    private double nominalVoltageFor(double g) {
        double lo = 0;
        double hi = supply;
        for (int k = 0; k < 40; k++) {
            double mid = 0.5 * (lo + hi);
            boolean below = read((float) mid) < g;
            if (below == (direction > 0)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Current polarity p of the 3T1C contribution. */
    public int polarity() {
        return polarity;
    }

    /** Capacitor voltage of cell (r, c), V. */
    public float capacitorVolts(int r, int c) {
        return cellState[4 * (r * cols + c) + V];
    }

    /** Contribution F·(G+ − G−) of cell (r, c) with drift, network units. */
    public float pcmWeight(int r, int c) {
        return (float) (cell.gainFactor()
                * driftGain
                * (pairs.driftedDifference(r * cols + c, driftFactor) + pcmNoise[r * cols + c])
                / cell.weightScaleMicrosiemens());
    }

    /** PCM conductances (G+, G-) of cell (r, c), uS, as programmed. */
    public float[] pcmConductances(int r, int c) {
        int i = r * cols + c;
        return new float[] {pairs.plus[i], pairs.minus[i]};
    }
}
