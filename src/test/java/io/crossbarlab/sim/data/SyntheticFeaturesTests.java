package io.crossbarlab.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated transfer-learning stand-in: one fixed data set, shaped like pooled ReLU features. */
class SyntheticFeaturesTests {

    static TrainTestSplit data;

    @BeforeAll
    static void generate() {
        data = SyntheticFeatures.generate(DatasetCatalog.FEATURES_SYNTHETIC);
    }

    @Test
    void isTheSameDataSetOnEveryCall() {
        TrainTestSplit again = SyntheticFeatures.generate(DatasetCatalog.FEATURES_SYNTHETIC);
        assertThat(Arrays.equals(again.train().pixels(), data.train().pixels())).isTrue();
        assertThat(Arrays.equals(again.test().labels(), data.test().labels())).isTrue();
        // pinned: a change of the generator is a change of the data set (and of every result on it)
        assertThat(Arrays.hashCode(data.train().pixels()))
                .isEqualTo(Arrays.hashCode(again.train().pixels()));
    }

    @Test
    void hasThePapersLayerShapeAndBalancedPrefixes() {
        assertThat(data.train().features()).isEqualTo(2048);
        assertThat(data.train().classes()).isEqualTo(100);
        assertThat(data.train().count()).isEqualTo(20_000);
        assertThat(data.test().count()).isEqualTo(5_000);
        int[] perClass = new int[100];
        for (int i = 0; i < 1000; i++) {
            perClass[data.train().label(i)]++;
        }
        assertThat(perClass).containsOnly(10);
    }

    @Test
    void looksLikePooledReluFeatures() {
        byte[] p = data.train().pixels();
        long nonZero = 0;
        long saturated = 0;
        for (byte b : p) {
            if (b != 0) {
                nonZero++;
            }
            if ((b & 0xff) == 255) {
                saturated++;
            }
        }
        double nz = (double) nonZero / p.length;
        assertThat(nz).isBetween(0.4, 0.8);
        assertThat((double) saturated / p.length).isLessThan(0.01);
    }

    /**
     * Classes are learnable but overlap: the nearest class mean of the training set classifies the test
     * set far above chance (1 %) and far below perfection.
     */
    @Test
    void classesOverlapButAreLearnable() {
        Dataset train = data.train();
        Dataset test = data.test();
        int f = train.features();
        double[][] mean = new double[100][f];
        int[] n = new int[100];
        for (int i = 0; i < train.count(); i++) {
            int c = train.label(i);
            n[c]++;
            for (int j = 0; j < f; j++) {
                mean[c][j] += train.pixels()[i * f + j] & 0xff;
            }
        }
        for (int c = 0; c < 100; c++) {
            for (int j = 0; j < f; j++) {
                mean[c][j] /= n[c];
            }
        }
        int right = 0;
        for (int i = 0; i < test.count(); i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < 100; c++) {
                double d = 0;
                for (int j = 0; j < f; j++) {
                    double e = (test.pixels()[i * f + j] & 0xff) - mean[c][j];
                    d += e * e;
                }
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            if (best == test.label(i)) {
                right++;
            }
        }
        double accuracy = (double) right / test.count();
        System.out.printf("nearest class mean on features-2048-synthetic: %.4f%n", accuracy);
        assertThat(accuracy).isBetween(0.2, 0.95);
    }
}
