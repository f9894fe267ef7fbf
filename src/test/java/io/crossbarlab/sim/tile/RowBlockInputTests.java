package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.random.SplitMix64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RowBlockInputTests {

    /**
     * The pulse coder relies on the order (|x| descending, ties by row descending); the sort, scanned
     * or loaded from the list of non-zero rows (where 8-bit levels take their own pass), must give
     * exactly what a comparison sort of (|x|, row) gives, for any mix of signs, zeros, ties and
     * magnitudes.
     */
    @Property(tries = 300)
    void sortsNonZeroRowsByMagnitudeDescendingThenRowDescending(
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 40) int from,
            @ForAll long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[from + size];
        // a third of the cases hold only the 256 levels of 8-bit data (a first layer's input, which
        // the sort keys by its level when loaded from a list), of either sign; the rest mix in any
        // magnitude, which the same load sorts by the float bits
        boolean levels = rng.nextInt(3) == 0;
        for (int r = from; r < from + size; r++) {
            if (levels) {
                x[r] = (rng.nextInt(2) == 0 ? 1 : -1) * (rng.nextInt(256) / 255f);
                continue;
            }
            x[r] = switch (rng.nextInt(5)) {
                case 0 -> 0f; // skipped
                case 1 -> rng.nextInt(256) / 255f; // 8-bit pixels: many ties
                case 2 -> -rng.nextInt(4) / 3f; // negative, ties, and -0
                case 3 -> (float) Math.scalb(rng.nextDouble() + 0.5, rng.nextInt(60) - 40); // any exponent
                default -> (float) rng.nextDouble();
            };
        }
        RowBlockInput scanned = new RowBlockInput(from, from + size);
        scanned.load(x, true);
        int[] all = new int[x.length];
        int count = 0;
        for (int r = 0; r < x.length; r++) {
            if (x[r] != 0f) {
                all[count++] = r;
            }
        }
        RowBlockInput listed = new RowBlockInput(from, from + size);
        listed.loadIndexed(all, count, x, true);

        List<Integer> expected = new ArrayList<>();
        for (int r = from; r < from + size; r++) {
            if (x[r] != 0f) {
                expected.add(r);
            }
        }
        expected.sort(Comparator.<Integer>comparingDouble(r -> Math.abs(x[r]))
                .thenComparingInt(r -> r)
                .reversed());
        for (RowBlockInput in : List.of(scanned, listed)) {
            assertThat(in.sortedCount).isEqualTo(expected.size());
            for (int k = 0; k < expected.size(); k++) {
                int r = expected.get(k);
                assertThat(in.sortedRows[k]).as("position %d", k).isEqualTo(r);
                assertThat(in.sortedAbs[k]).isEqualTo((double) Math.abs(x[r]));
                assertThat(in.sortedDirection[k]).isEqualTo(x[r] < 0 ? -1 : 1);
            }
            assertThat(in.nonZeroCount()).isEqualTo(expected.size());
        }
    }

    /**
     * A block loaded from the list of the whole input's non-zero rows holds exactly what a block that
     * scans the input finds: the same non-zero rows and, when sorted, the same order.
     */
    @Property(tries = 200)
    void loadingFromAListOfNonZeroRowsEqualsScanning(
            @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 0, max = 200) int from,
            @ForAll @IntRange(min = 0, max = 200) int after,
            @ForAll long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[from + size + after];
        int[] all = new int[x.length];
        int n = 0;
        int density = 1 + rng.nextInt(4); // from all zero to mostly non-zero
        for (int r = 0; r < x.length; r++) {
            x[r] = rng.nextInt(4) < density - 1 ? rng.nextInt(256) / 255f : 0f;
            if (x[r] != 0f) {
                all[n++] = r;
            }
        }
        for (boolean sort : new boolean[] {false, true}) {
            RowBlockInput scanned = new RowBlockInput(from, from + size);
            scanned.load(x, sort);
            RowBlockInput listed = new RowBlockInput(from, from + size);
            listed.loadIndexed(all, n, x, sort);
            assertThat(listed.nonZeroCount()).isEqualTo(scanned.nonZeroCount());
            assertThat(java.util.Arrays.copyOf(listed.nonZeroRows, listed.nonZeroCount()))
                    .containsExactly(java.util.Arrays.copyOf(scanned.nonZeroRows, scanned.nonZeroCount()));
            assertThat(listed.sortedCount).isEqualTo(scanned.sortedCount);
            assertThat(java.util.Arrays.copyOf(listed.sortedRows, listed.sortedCount))
                    .containsExactly(java.util.Arrays.copyOf(scanned.sortedRows, scanned.sortedCount));
        }
    }
}
