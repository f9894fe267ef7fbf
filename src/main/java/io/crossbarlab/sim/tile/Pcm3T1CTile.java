package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.CellParameters;
import io.crossbarlab.sim.device.CapacitorParameters;
import io.crossbarlab.sim.device.Pcm;
import io.crossbarlab.sim.device.PcmParameters;
import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * A tile of 2PCM + 3T1C unit cells (Ambrogio et al. 2018): W = F*(G+ - G-) + p*(g - g_shared).
 *
 * <p>State per cell, all primitive arrays: the PCM pair as programmed at the last transfer, the
 * capacitor voltage, the cell's own charge and discharge steps and read-transistor offset (drawn once,
 * fixed for the life of the device) and a stuck-device mask. Each column has one shared reference
 * cell g_shared with its own voltage and offset. Polarity p is per tile and flips at each transfer.
 *
 * <p>Slow processes run every {@code slowProcessIntervalExamples}: capacitor leakage toward the leak
 * target (exact exponential relaxation over the interval) and PCM drift since the last transfer.
 */
public final class Pcm3T1CTile extends PulsedTile {

    private final CellParameters cell;
    private final PcmParameters pcm;
    private final CapacitorParameters cap;

    private final PcmPairs pairs;
    /**
     * The part of each cell's weight that pulses do not change: F*(G+ - G-) + p*(offset - g_shared),
     * network units, refreshed with every slow-process step and transfer; a pulse then rewrites the
     * weight from this and the new capacitor voltage alone (fewer cache lines per pulse).
     */
    private final float[] fixedWeight;

    private final float[] capVolts;
    private final float[] stepUp;
    private final float[] stepDown;
    private final float[] readOffset;
    private final float[] sharedVolts;
    private final float[] sharedOffset;
    private final float[] sharedRead;
    private final float[] residual;

    private final float invScale;
    private final float span;
    private final float kappa;
    private final float invSupply;
    private final float supply;
    /**
     * The capacitor's term of the weight, p*g(V)/scale without the offset, as V*(capLinear +
     * capQuadratic*V): one multiply-add chain of four operations per pulse instead of nine.
     * Coefficients for the current polarity.
     */
    private float capLinear;

    private float capQuadratic;
    private int polarity = 1;
    private long lastTransferExample;
    private double driftFactor = 1.0;

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
            CapacitorParameters cap) {
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
        this.cap = cap;
        int n = rows * cols;
        pairs = new PcmPairs(n, pcm, counters);
        fixedWeight = new float[n];
        capVolts = new float[n];
        stepUp = new float[n];
        stepDown = new float[n];
        readOffset = new float[n];
        sharedVolts = new float[cols];
        sharedOffset = new float[cols];
        sharedRead = new float[cols];
        residual = new float[n];
        invScale = (float) (1.0 / cell.weightScaleMicrosiemens());
        span = (float) cap.readSpanMicrosiemens();
        kappa = (float) cap.readNonlinearity();
        supply = (float) cap.supplyVolts();
        invSupply = 1f / supply;
        setCapCoefficients();
    }

    private void setCapCoefficients() {
        double perVolt = polarity * cap.readSpanMicrosiemens() / cap.supplyVolts() / cell.weightScaleMicrosiemens();
        capLinear = (float) (perVolt * (1.0 - cap.readNonlinearity()));
        capQuadratic = (float) (perVolt * cap.readNonlinearity() / cap.supplyVolts());
    }

    @Override
    protected double readNoiseSigma() {
        return Math.sqrt(2.0) * cell.gainFactor() * pcm.readNoiseMicrosiemens() / cell.weightScaleMicrosiemens();
    }

    @Override
    protected double weightPerPulse() {
        return cap.slopeMicrosiemensPerVolt(cap.initVolts()) * cap.stepVolts() / cell.weightScaleMicrosiemens();
    }

    /** g(V) of the read transistor without offset; kept inline-friendly for the pulse loop. */
    private float read(float volts) {
        float v = volts * invSupply;
        return span * ((1f - kappa) * v + kappa * v * v);
    }

    @Override
    public void initialise(float[] initialWeights, SplitMix64 deviceRng, SplitMix64 noiseRng) {
        int n = rows * cols;
        double step = cap.stepVolts();
        for (int i = 0; i < n; i++) {
            stepUp[i] = (float) Math.max(0.0, step * (1.0 + cap.stepVariationUp() * deviceRng.nextGaussian()));
            stepDown[i] = (float) Math.max(0.0, step * (1.0 + cap.stepVariationDown() * deviceRng.nextGaussian()));
            readOffset[i] = (float) (cap.readOffsetMicrosiemens() * deviceRng.nextGaussian());
            pairs.drawFailures(i, deviceRng);
        }
        for (int c = 0; c < cols; c++) {
            sharedOffset[c] = (float) (cap.readOffsetMicrosiemens() * deviceRng.nextGaussian());
        }
        resetCapacitors();
        // Initial weights are written like a transfer with p = +1 and no offset.
        for (int i = 0; i < n; i++) {
            int c = i % cols;
            double mismatch = readOffset[i] - sharedOffset[c];
            pairs.reprogram(
                    i, (initialWeights[i] * cell.weightScaleMicrosiemens() - mismatch) / cell.gainFactor(), noiseRng);
        }
        refreshAllWeights();
    }

    private void resetCapacitors() {
        float v0 = (float) cap.initVolts();
        java.util.Arrays.fill(capVolts, v0);
        java.util.Arrays.fill(sharedVolts, v0);
    }

    private void refreshAllWeights() {
        float f = (float) (cell.gainFactor() * driftFactor);
        for (int c = 0; c < cols; c++) {
            sharedRead[c] = read(sharedVolts[c]) + sharedOffset[c];
        }
        float p = polarity;
        int n = rows * cols;
        for (int r = 0, i = 0; r < rows; r++) {
            float[] w = weights[r];
            for (int c = 0; c < cols; c++, i++) {
                float fixed = f * pairs.difference(i) * invScale + p * (readOffset[i] - sharedRead[c]) * invScale;
                fixedWeight[i] = fixed;
                float v = capVolts[i];
                w[c] = fixed + v * (capLinear + capQuadratic * v);
            }
        }
        assert n == rows * cols;
    }

    @Override
    protected void applyPulses(int col, int[] pulseRows, int[] counts, int n) {
        final int p = polarity;
        final float lo = 0f;
        final float hi = supply;
        final float lin = capLinear;
        final float quad = capQuadratic;
        long up = 0;
        long down = 0;
        for (int k = 0; k < n; k++) {
            int row = pulseRows[k];
            int i = row * cols + col;
            int cnt = counts[k];
            float v = capVolts[i];
            // With p = -1 a requested increase of W discharges the capacitor, and vice versa.
            // (no int-to-float conversion instruction in this loop: see Exact)
            if (cnt * p > 0) {
                int a = Math.abs(cnt);
                v += Exact.toFloat(a) * stepUp[i];
                up += a;
            } else {
                int a = Math.abs(cnt);
                v -= Exact.toFloat(a) * stepDown[i];
                down += a;
            }
            v = v < lo ? lo : (v > hi ? hi : v);
            capVolts[i] = v;
            weights[row][col] = fixedWeight[i] + v * (lin + quad * v);
        }
        counters.capChargePulses += up;
        counters.capDischargePulses += down;
    }

    @Override
    public void afterExample(long examplesDone) {
        if (examplesDone % cell.slowProcessIntervalExamples() == 0) {
            leak(cell.slowProcessIntervalExamples());
            double t = (examplesDone - lastTransferExample) * cell.secondsPerExample();
            driftFactor = Pcm.driftFactor(t, pcm);
            refreshAllWeights();
        }
    }

    @Override
    public void beforeExample(long examplesDone) {
        if (examplesDone > 0 && examplesDone % cell.transferIntervalExamples() == 0) {
            transfer(examplesDone);
            refreshAllWeights();
        }
    }

    private void leak(int examples) {
        double tau = cap.leakTimeConstantExamples();
        float keep = (float) Exp.exp(-examples / tau);
        float target = (float) cap.leakTargetVolts();
        for (int i = 0; i < capVolts.length; i++) {
            capVolts[i] = target + (capVolts[i] - target) * keep;
        }
        for (int c = 0; c < cols; c++) {
            sharedVolts[c] = target + (sharedVolts[c] - target) * keep;
        }
    }

    /**
     * Moves the whole weight into the PCM pair: read W (with read noise), RESET both devices, program
     * F*(G+ - G-) to W - offset - p'*(static 3T1C mismatch), re-initialise the capacitors and flip p.
     * A target between 0 and the offset (same sign) is left RESET for g to absorb.
     */
    void transfer(long examplesDone) {
        counters.transfers++;
        int newPolarity = cell.polarityInversion() ? -polarity : polarity;
        double scale = cell.weightScaleMicrosiemens();
        double offset = cell.transferOffsetMicrosiemens() * (cell.offsetFollowsPolarity() ? newPolarity : 1);
        double readSigma = Math.sqrt(2.0) * cell.gainFactor() * pcm.readNoiseMicrosiemens();
        double f = cell.gainFactor();
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                double w = weights[r][c] * scale + readSigma * noise.nextGaussian();
                double mismatch = readOffset[i] - sharedOffset[c];
                double target = w - offset - newPolarity * mismatch;
                boolean absorb = offset > 0 ? (target > 0 && target < offset) : (target < 0 && target > offset);
                pairs.reprogram(i, absorb ? 0.0 : target / f, noise);
                residual[i] = (float) (w - f * pairs.difference(i) - newPolarity * mismatch);
            }
        }
        polarity = newPolarity;
        setCapCoefficients();
        resetCapacitors();
        if (cell.residualToCapacitor()) {
            writeResidual();
        }
        lastTransferExample = examplesDone;
        driftFactor = 1.0;
    }

    /**
     * Charges (or discharges) every capacitor open-loop by the whole number of nominal pulses closest to
     * the residual left by programming, each pulse of the cell's own step size; with p*offset the
     * residual needs g to rise, i.e. charge pulses.
     */
    private void writeResidual() {
        double pulseMicrosiemens = cap.slopeMicrosiemensPerVolt(cap.initVolts()) * cap.stepVolts();
        float hi = supply;
        long up = 0;
        long down = 0;
        for (int i = 0; i < residual.length; i++) {
            int n = (int) Math.rint(residual[i] / pulseMicrosiemens) * polarity;
            float v = capVolts[i];
            if (n > 0) {
                v += n * stepUp[i];
                up += n;
            } else if (n < 0) {
                v += n * stepDown[i];
                down -= n;
            }
            capVolts[i] = v < 0f ? 0f : (v > hi ? hi : v);
        }
        counters.capChargePulses += up;
        counters.capDischargePulses += down;
    }

    /** Current polarity p of the 3T1C contribution. */
    public int polarity() {
        return polarity;
    }

    /** Capacitor voltage of cell (r, c), V. */
    public float capacitorVolts(int r, int c) {
        return capVolts[r * cols + c];
    }

    /** Contribution F*(G+ - G-) of cell (r, c), network units (drift applied). */
    public float pcmWeight(int r, int c) {
        return (float) (cell.gainFactor() * driftFactor) * pairs.difference(r * cols + c) * invScale;
    }

    /** PCM conductances (G+, G-) of cell (r, c), uS, as programmed. */
    public float[] pcmConductances(int r, int c) {
        int i = r * cols + c;
        return new float[] {pairs.plus[i], pairs.minus[i]};
    }
}
