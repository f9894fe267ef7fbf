package io.crossbarlab.sim.tile;

import java.util.Arrays;

/**
 * The input rows of one block of tile rows for the current example: which rows are non-zero (so
 * MVMs and updates skip the rest) and, for pulsed updates, the same rows ordered by |x| descending
 * (so pulse coding stops as soon as the remaining inputs cannot produce a pulse). Buffers are
 * allocated once; {@link #load} allocates nothing.
 */
public final class RowBlockInput {

    final int from;
    final int to;
    final int[] nonZeroRows;
    int nonZeroCount;

    final int[] sortedRows;
    final float[] sortedAbs;
    /** sign of the input as +1 or -1, for pulse directions without a float compare */
    final int[] sortedDirection;

    private final long[] keys;
    int sortedCount;

    /** Rows {@code [from, to)} of the layer input. */
    public RowBlockInput(int from, int to) {
        this.from = from;
        this.to = to;
        int n = to - from;
        this.nonZeroRows = new int[n];
        this.sortedRows = new int[n];
        this.sortedAbs = new float[n];
        this.sortedDirection = new int[n];
        this.keys = new long[n];
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** Indexes the non-zero inputs of {@code x} in this block; sorts them if {@code sort}. */
    public void load(float[] x, boolean sort) {
        int nz = 0;
        for (int r = from; r < to; r++) {
            // branch-free compaction: write every row, advance only past the non-zero ones
            nonZeroRows[nz] = r;
            // (|bits| + 0x7fffffff) overflows into the sign bit exactly when x[r] is not +-0
            nz += ((Float.floatToRawIntBits(x[r]) & 0x7fffffff) + 0x7fffffff) >>> 31;
        }
        nonZeroCount = nz;
        sortedCount = 0;
        if (sort) {
            sort(x);
        }
    }

    private void sort(float[] x) {
        int n = nonZeroCount;
        for (int k = 0; k < n; k++) {
            int r = nonZeroRows[k];
            // |x| >= 0 compares as its IEEE bits do; the row index breaks ties deterministically.
            keys[k] = ((long) Float.floatToRawIntBits(Math.abs(x[r])) << 32) | (r - from);
        }
        Arrays.sort(keys, 0, n);
        for (int k = 0; k < n; k++) {
            long key = keys[n - 1 - k];
            int r = from + (int) (key & 0xffffffffL);
            sortedRows[k] = r;
            sortedAbs[k] = Float.intBitsToFloat((int) (key >>> 32));
            sortedDirection[k] = x[r] < 0 ? -1 : 1;
        }
        sortedCount = n;
    }

    /**
     * The squared norm of the block's input {@code x} (the one last loaded), summed in double over
     * the non-zero rows in ascending order. Only read noise needs it, so it is not kept by {@link
     * #load}.
     */
    public double sumSquares(float[] x) {
        double ss = 0;
        for (int k = 0; k < nonZeroCount; k++) {
            float v = x[nonZeroRows[k]];
            ss += (double) v * v;
        }
        return ss;
    }

    public int nonZeroCount() {
        return nonZeroCount;
    }
}
