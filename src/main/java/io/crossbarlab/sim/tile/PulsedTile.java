package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.random.Ln;
import io.crossbarlab.sim.random.SplitMix64;

/**
 * A tile updated by crossbar-compatible pulses. For example input x and error delta the requested
 * change of cell (r, c) is {@code -lr * x_r * delta_c}; it is coded as an integer number of pulses of
 * nominal size {@link #weightPerPulse()}, rounded to nearest or stochastically (unbiased) and capped.
 *
 * <p>Pulses are sparse (the paper: a synapse sees about 1,000 pulses over 16,000 examples), so the
 * coder never visits cells that get none: inputs are sorted by |x| descending, deterministic rounding
 * stops at the first input below half a pulse, and stochastic rounding draws one uniform per input while the pulse
 * probability is high and, below {@link #BERNOULLI_FLOOR}, draws the gaps between pulse candidates
 * from a geometric distribution at a fixed candidate rate (thinning), which is exact because each
 * skipped position's probability is no larger than that rate.
 */
public abstract class PulsedTile extends Tile {

    /**
     * Pulse probabilities at or above this get one uniform draw each; below it, candidates are
     * thinned from geometric gaps (cheaper when pulses are rare).
     */
    static final double BERNOULLI_FLOOR = 0.2;

    protected final SplitMix64 noise;
    private final boolean stochastic;
    private final int maxPulses;
    private final int[] pulseRows;
    private final int[] pulseCounts;

    /** BL, the slots of a pulse train; 0 for per-cell coding. */
    private final int trainLength;

    private final long trainMask;
    // pulse-train scratch: the rows that fire at all (tile-local row, sign of x, train)
    private final int[] firingRows;
    private final int[] firingSigns;
    private final long[] rowTrains;

    /** @param trainLength 0 for per-cell pulse coding, else BL (1..64) for pulse trains */
    protected PulsedTile(
            int rowOffset,
            int rows,
            int colOffset,
            int cols,
            TileParameters tp,
            EventCounters counters,
            SplitMix64 noise,
            boolean stochastic,
            int maxPulses,
            int trainLength) {
        super(rowOffset, rows, colOffset, cols, tp, counters);
        if (trainLength < 0 || trainLength > 64) {
            throw new IllegalArgumentException("pulse train length must be 0..64, was " + trainLength);
        }
        this.noise = noise;
        this.stochastic = stochastic;
        this.maxPulses = maxPulses;
        this.pulseRows = new int[rows];
        this.pulseCounts = new int[rows];
        this.trainLength = trainLength;
        this.trainMask = trainLength == 64 ? -1L : (1L << trainLength) - 1;
        this.firingRows = trainLength > 0 ? new int[rows] : null;
        this.firingSigns = trainLength > 0 ? new int[rows] : null;
        this.rowTrains = trainLength > 0 ? new long[rows] : null;
    }

    /** Nominal change of the effective weight for one pulse, in network units. */
    protected abstract double weightPerPulse();

    /**
     * Applies pulses to column {@code col} (tile-local): {@code counts[k]} pulses (signed: positive
     * means "increase W") to tile-local row {@code rows[k]}, for {@code k < n}.
     */
    protected abstract void applyPulses(int col, int[] rows, int[] counts, int n);

    @Override
    public final boolean needsSortedInput() {
        return true;
    }

    @Override
    public final void update(RowBlockInput in, float[] x, float[] delta, float learningRate) {
        final int n = in.sortedCount;
        if (n == 0) {
            return;
        }
        if (trainLength > 0) {
            updateByPulseTrains(in, delta, learningRate);
            return;
        }
        final double perUnit = learningRate / weightPerPulse();
        final int[] sRows = in.sortedRows;
        final double[] sAbs = in.sortedAbs;
        final int[] sDir = in.sortedDirection;
        final int cap = maxPulses;
        for (int c = 0; c < cols; c++) {
            float d = delta[colOffset + c];
            if (d == 0f) {
                continue;
            }
            double a = perUnit * Math.abs(d);
            int dir = d > 0 ? -1 : 1; // requested change is -lr * x * delta
            int m = 0;
            int k = 0;
            if (!stochastic) {
                while (k < n) {
                    double v = a * sAbs[k];
                    if (v < 0.5) {
                        break;
                    }
                    int cnt = (int) (v + 0.5);
                    if (cnt > cap) {
                        cnt = cap;
                        counters.clippedUpdates++;
                    }
                    pulseRows[m] = sRows[k] - rowOffset;
                    pulseCounts[m++] = sDir[k] * dir * cnt;
                    k++;
                }
            } else {
                // v >= 1: floor(v) pulses plus one with probability frac(v), one uniform per input.
                // Then p in [BERNOULLI_FLOOR, 1): one pulse with probability p, one uniform per
                // input. Both loops are branch-free: the outcome of a draw is unpredictable, and a
                // mispredicted branch per input cost three times the draw itself.
                while (k < n) {
                    double v = a * sAbs[k];
                    if (v < 1.0) {
                        break;
                    }
                    int cnt = (int) v;
                    cnt += noise.nextDouble() < v - Exact.toDouble(cnt) ? 1 : 0;
                    if (cnt > cap) {
                        cnt = cap;
                        counters.clippedUpdates++;
                    }
                    pulseRows[m] = sRows[k] - rowOffset;
                    pulseCounts[m++] = sDir[k] * dir * cnt;
                    k++;
                }
                while (k < n) {
                    double p = a * sAbs[k];
                    if (p < BERNOULLI_FLOOR) {
                        break;
                    }
                    pulseRows[m] = sRows[k] - rowOffset;
                    pulseCounts[m] = sDir[k] * dir;
                    m += noise.nextDouble() < p ? 1 : 0;
                    k++;
                }
                // p below the floor and decreasing: candidates at the fixed rate pMax, gaps drawn
                // geometrically, each accepted with p / pMax (thinning; exact because p <= pMax)
                if (k < n) {
                    double pMax = a * sAbs[k];
                    double q = 1.0 - pMax;
                    // q == 1 when pMax is below about 1e-16: no pulse can occur, and nothing is drawn
                    if (q < 1.0) {
                        double e = noise.nextExponential();
                        // -log(1 - p) <= p / (1 - p), so the first gap is at least E (1 - p) / p: when
                        // that already passes the last input (with a margin far above rounding) the
                        // column ends without the logarithm. Same draws, same outcome.
                        if (e * q <= Exact.toDouble(n - k) * pMax * (1 + 1e-9)) {
                            double perRate = 1.0 / -Ln.log(q);
                            while (true) {
                                // skipped candidates: floor(E / -log(1 - pMax)) with E exponential is
                                // geometric, P(gap >= g) = (1 - pMax)^g
                                double gap = e * perRate;
                                if (gap >= Exact.toDouble(n - k)) {
                                    break;
                                }
                                k += (int) gap;
                                pulseRows[m] = sRows[k] - rowOffset;
                                pulseCounts[m] = sDir[k] * dir;
                                m += noise.nextDouble() * pMax < a * sAbs[k] ? 1 : 0;
                                k++;
                                e = noise.nextExponential();
                            }
                        }
                    }
                }
            }
            if (m > 0) {
                applyPulses(c, pulseRows, pulseCounts, m);
            }
        }
    }

    /**
     * The crossbar-compatible update (as aihwkit's stochastic-compressed update): every driven row i
     * fires a train of BL slots, each slot with probability P_i = A·|x_i|, every column j a train with
     * probability Q_j = B·|δ_j|, and cell (i, j) receives one pulse per slot where both fire, in the
     * direction −sign(x_i·δ_j). Expected pulses BL·A·B·|x_i δ_j| equal the requested lr·|x_i δ_j| /
     * weightPerPulse when A·B = lr / (BL·weightPerPulse); A and B are chosen so that the largest row
     * and column probabilities are equal (update management). Probabilities are quantised to k/256
     * with k stochastically rounded (unbiased), and a train of 64 Bernoulli(k/256) slots costs at most
     * eight random words; coincidences are one AND and one popcount per firing row and column.
     * Probabilities above 1 are clipped (counted in clippedUpdates). A cell gets at most BL pulses.
     */
    private void updateByPulseTrains(RowBlockInput in, float[] delta, float learningRate) {
        final int n = in.sortedCount;
        double dMax = 0;
        for (int c = 0; c < cols; c++) {
            dMax = Math.max(dMax, Math.abs(delta[colOffset + c]));
        }
        double xMax = in.sortedAbs[0];
        if (dMax == 0 || xMax == 0) {
            return;
        }
        double product = learningRate / (trainLength * weightPerPulse());
        double a = Math.sqrt(product * dMax / xMax);
        double b = product / a;
        final int[] sRows = in.sortedRows;
        final double[] sAbs = in.sortedAbs;
        final int[] sDir = in.sortedDirection;
        int firing = 0;
        for (int k = 0; k < n; k++) {
            long train = train(a * sAbs[k]);
            if (train != 0) {
                firingRows[firing] = sRows[k] - rowOffset;
                firingSigns[firing] = sDir[k];
                rowTrains[firing++] = train;
            }
        }
        if (firing == 0) {
            return;
        }
        for (int c = 0; c < cols; c++) {
            float d = delta[colOffset + c];
            if (d == 0f) {
                continue;
            }
            long colTrain = train(b * Math.abs(d));
            if (colTrain == 0) {
                continue;
            }
            int dir = d > 0 ? -1 : 1;
            int m = 0;
            for (int k = 0; k < firing; k++) {
                int hits = Long.bitCount(rowTrains[k] & colTrain);
                pulseRows[m] = firingRows[k];
                pulseCounts[m] = firingSigns[k] * dir * hits;
                m += hits != 0 ? 1 : 0;
            }
            if (m > 0) {
                applyPulses(c, pulseRows, pulseCounts, m);
            }
        }
    }

    /** A train of BL slots, each firing with probability p (quantised to k/256, k rounded stochastically). */
    private long train(double p) {
        if (p >= 1.0) {
            counters.clippedUpdates++;
            return trainMask;
        }
        double scaled = p * 256.0;
        int k = (int) scaled;
        k += noise.nextDouble() < scaled - Exact.toDouble(k) ? 1 : 0;
        return bernoulliWord(k, noise) & trainMask;
    }

    /**
     * 64 independent bits, each 1 with probability k/256 (0 ≤ k ≤ 256): from the lowest set bit of k
     * upward, each random word is ORed in where k has a 1 and ANDed where it has a 0, so the
     * probability of a bit after binary digit t is (P + b_t)/2; at most eight words.
     */
    static long bernoulliWord(int k, SplitMix64 rng) {
        if (k <= 0) {
            return 0L;
        }
        if (k >= 256) {
            return -1L;
        }
        int t = Integer.numberOfTrailingZeros(k);
        long m = rng.nextLong();
        for (t++; t < 8; t++) {
            long r = rng.nextLong();
            m = ((k >>> t) & 1) != 0 ? (m | r) : (m & r);
        }
        return m;
    }
}
