package io.crossbarlab.sim.tile;

import java.util.Arrays;

/**
 * The input rows of one block of tile rows for the current example: which rows are non-zero (so
 * MVMs and updates skip the rest) and, for pulsed updates, the same rows ordered by |x| descending
 * (so pulse coding stops as soon as the remaining inputs cannot produce a pulse). Buffers are
 * allocated once; {@link #load} allocates nothing.
 */
public final class RowBlockInput implements java.io.Serializable {

    final int from;
    final int to;
    final int[] nonZeroRows;
    int nonZeroCount;

    final int[] sortedRows;
    /**
     * |x| of the sorted rows, widened to double once here rather than once per column in the pulse
     * coder (no conversion instruction in that loop, see Exact).
     */
    final double[] sortedAbs;
    /** sign of the input as +1 or -1, for pulse directions without a float compare */
    final int[] sortedDirection;

    private final int[] keyA;
    private final int[] keyB;
    private final int[] rowA;
    private final int[] rowB;
    private final int[] digitCount = new int[256];
    int sortedCount;

    /** Rows {@code [from, to)} of the layer input. */
    public RowBlockInput(int from, int to) {
        this.from = from;
        this.to = to;
        int n = to - from;
        this.nonZeroRows = new int[n];
        this.sortedRows = new int[n];
        this.sortedAbs = new double[n];
        this.sortedDirection = new int[n];
        this.keyA = new int[n];
        this.keyB = new int[n];
        this.rowA = new int[n];
        this.rowB = new int[n];
    }

    /** Indexes the non-zero inputs of {@code x} in this block; sorts them if {@code sort}. */
    public void load(float[] x, boolean sort) {
        int nz = 0;
        for (int r = from; r < to; r++) {
            // branch-free compaction: write every row, advance only past the non-zero ones
            nonZeroRows[nz] = r;
            nz += x[r] != 0f ? 1 : 0;
        }
        nonZeroCount = nz;
        sortedCount = 0;
        if (sort) {
            sort(x, false);
        }
    }

    /**
     * Indexes the block's non-zero inputs from a list already made: {@code rows[0..n)} are all the
     * non-zero rows of the layer input {@code x}, ascending (see {@code Dataset#loadNonZero}); sorts
     * them if {@code sort}. The same state as {@link #load} gives, without reading x to find them.
     */
    public void loadIndexed(int[] rows, int n, float[] x, boolean sort) {
        int lo = firstAtLeast(rows, n, from);
        int hi = firstAtLeast(rows, n, to);
        System.arraycopy(rows, lo, nonZeroRows, 0, hi - lo);
        nonZeroCount = hi - lo;
        sortedCount = 0;
        if (sort) {
            sort(x, true); // a data set's example: 8-bit levels
        }
    }

    /** Position of the first of the ascending {@code a[0..n)} that is at least {@code key}. */
    private static int firstAtLeast(int[] a, int n, int key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Orders the non-zero rows by |x| descending, ties by row descending: a stable least-significant-
     * digit radix sort of the IEEE bits of |x| (which order as the values do), 8 bits a pass, of the
     * rows taken in ascending order, read back from the end. A pass whose digit is the same for all
     * rows is skipped. Same order as sorting (|x|, row) pairs (checked against one in
     * RowBlockInputTests), without the unpredictable branches of a comparison sort. An input loaded
     * from a data set's list of non-zero features ({@code tryLevels}), if all its values are 8-bit
     * levels, is keyed by its levels and takes one pass instead ({@link #levelKeys}).
     */
    private void sort(float[] x, boolean tryLevels) {
        int n = nonZeroCount;
        boolean levels = tryLevels && n > 0 && levelKeys(x, n);
        if (!levels) {
            for (int k = 0; k < n; k++) {
                int r = nonZeroRows[k];
                keyA[k] = Float.floatToRawIntBits(x[r]) & 0x7fffffff;
                rowA[k] = r;
            }
        }
        int[] key = keyA;
        int[] row = rowA;
        int[] key2 = keyB;
        int[] row2 = rowB;
        for (int shift = 0; shift < (levels ? 8 : 32); shift += 8) {
            if (countingPass(key, row, key2, row2, n, shift)) {
                int[] t = key;
                key = key2;
                key2 = t;
                t = row;
                row = row2;
                row2 = t;
            }
        }
        for (int k = 0; k < n; k++) {
            int r = row[n - 1 - k];
            int sortKey = key[n - 1 - k];
            sortedRows[k] = r;
            sortedAbs[k] = levels ? sortKey / 255f : Float.intBitsToFloat(sortKey);
            sortedDirection[k] = x[r] < 0 ? -1 : 1;
        }
        sortedCount = n;
    }

    /**
     * Keys for the case that every |x| is one of the 256 levels k / 255f of 8-bit data (every data
     * set's features, as {@code Dataset} scales them, and 1 for the bias: a first layer's input):
     * writes k into keyA, the rows into rowA, and returns true; k orders as the levels do, so one
     * counting pass on it gives the order of four on the float bits. Returns false at the first input
     * that is not a level (a hidden layer's: at once). No table of the levels: a static initialiser
     * would change this serializable class's default serialVersionUID and so the checkpoints of runs
     * in progress.
     */
    private boolean levelKeys(float[] x, int n) {
        for (int k = 0; k < n; k++) {
            int r = nonZeroRows[k];
            float a = Math.abs(x[r]);
            int level = (int) (a * 255f + 0.5f);
            if (level > 255 || level / 255f != a) {
                return false;
            }
            keyA[k] = level;
            rowA[k] = r;
        }
        return true;
    }

    /**
     * One stable counting pass of {@code (key, row)[0..n)} on the 8-bit digit at {@code shift} into
     * {@code (key2, row2)}; returns false, having moved nothing, when every key has the same digit.
     */
    private boolean countingPass(int[] key, int[] row, int[] key2, int[] row2, int n, int shift) {
        int[] count = digitCount;
        Arrays.fill(count, 0);
        for (int k = 0; k < n; k++) {
            count[(key[k] >>> shift) & 0xff]++;
        }
        if (count[(key[0] >>> shift) & 0xff] == n) {
            return false;
        }
        int sum = 0;
        for (int d = 0; d < 256; d++) {
            int c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (int k = 0; k < n; k++) {
            int dest = count[(key[k] >>> shift) & 0xff]++;
            key2[dest] = key[k];
            row2[dest] = row[k];
        }
        return true;
    }

    public int nonZeroCount() {
        return nonZeroCount;
    }
}
