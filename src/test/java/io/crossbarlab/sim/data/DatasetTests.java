package io.crossbarlab.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DatasetTests {

    /**
     * Loading examples one after another into one buffer through the non-zero mask leaves in it, each
     * time, exactly what copyFeatures writes, and lists the non-zero pixels in ascending order; for
     * any width (also not a multiple of 64), density (also all zero, all non-zero) and subset view.
     */
    @Property(tries = 200)
    void loadNonZeroWritesWhatCopyFeaturesWritesAndListsTheNonZeroPixels(
            @ForAll @IntRange(min = 1, max = 300) int features,
            @ForAll @IntRange(min = 1, max = 12) int count,
            @ForAll long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        byte[] pixels = new byte[count * features];
        for (int i = 0; i < count; i++) {
            int density = rng.nextInt(5); // 0: all zero ... 4: all non-zero
            for (int k = 0; k < features; k++) {
                boolean on = density == 4 || rng.nextInt(4) < density;
                pixels[i * features + k] = on ? (byte) (1 + rng.nextInt(255)) : 0;
            }
        }
        Dataset data =
                new Dataset("random", pixels, new byte[count], count, features, 10).limit(Math.max(1, count - 1));
        float[] out = new float[features];
        int[] rows = new int[features];
        int previous = 0;
        float[] expected = new float[features];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < data.count(); i++) {
                previous = data.loadNonZero(i, out, rows, previous);
                data.copyFeatures(i, expected);
                assertThat(out).as("example %d", i).containsExactly(expected);
                List<Integer> nonZero = new ArrayList<>();
                for (int k = 0; k < features; k++) {
                    if (expected[k] != 0f) {
                        nonZero.add(k);
                    }
                }
                assertThat(previous).isEqualTo(nonZero.size());
                for (int k = 0; k < previous; k++) {
                    assertThat(rows[k]).isEqualTo(nonZero.get(k));
                }
            }
        }
    }
}
