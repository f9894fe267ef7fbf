package io.crossbarlab.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DatasetCatalogTests {

    static InputStream embedded(String file) {
        return DatasetCatalogTests.class.getResourceAsStream("/datasets/mnist-10k/" + file);
    }

    @Test
    void embeddedMnistSubsetHasTheDocumentedSplitAndClassCounts() throws IOException {
        TrainTestSplit s = DatasetCatalog.load(DatasetCatalog.MNIST_10K, DatasetCatalogTests::embedded, null);
        assertThat(s.train().count()).isEqualTo(8000);
        assertThat(s.test().count()).isEqualTo(2000);
        assertThat(s.train().features()).isEqualTo(784);
        int[] perClass = new int[10];
        for (int i = 0; i < s.train().count(); i++) {
            perClass[s.train().label(i)]++;
        }
        // shared/data/mnist-10k/README.md
        assertThat(perClass).containsExactly(801, 902, 793, 826, 784, 690, 811, 856, 755, 782);
    }

    @Test
    void backrandRaisesEveryPixelToAtLeastItsOriginalAndIsDeterministic() throws IOException {
        TrainTestSplit base = DatasetCatalog.load(DatasetCatalog.MNIST_10K, DatasetCatalogTests::embedded, null);
        TrainTestSplit a = DatasetCatalog.load(DatasetCatalog.MNIST_BACKRAND, DatasetCatalogTests::embedded, null);
        TrainTestSplit b = DatasetCatalog.load(DatasetCatalog.MNIST_BACKRAND, DatasetCatalogTests::embedded, null);
        assertThat(a.train().pixels()).isEqualTo(b.train().pixels());
        byte[] p0 = base.train().pixels();
        byte[] p1 = a.train().pixels();
        long raised = 0;
        for (int i = 0; i < p0.length; i++) {
            assertThat(p1[i] & 0xff).isGreaterThanOrEqualTo(p0[i] & 0xff);
            if ((p1[i] & 0xff) > (p0[i] & 0xff)) {
                raised++;
            }
        }
        // background pixels (most of MNIST) are raised to u: mean of max(0, u) over 0..255 is 127.5
        assertThat((double) raised / p0.length).isGreaterThan(0.7);
        assertThat(a.train().labels()).isEqualTo(base.train().labels());
    }
}
