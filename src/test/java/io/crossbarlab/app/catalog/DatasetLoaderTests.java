package io.crossbarlab.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTests {

    @TempDir
    Path dir;

    /** Lays out a directory as Debian's dataset packages do: the four IDX files, here uncompressed. */
    void writeIdxDirectory() throws IOException {
        for (String f : new String[] {
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
        }) {
            try (InputStream in = new GZIPInputStream(DatasetLoader.openEmbedded(f + ".gz"))) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
    }

    @Test
    void directoryDatasetsLoadFromRawIdxFilesAndAreCachedOnce() throws IOException {
        writeIdxDirectory();
        DatasetLoader loader = new DatasetLoader(Map.of("fashion-mnist", dir));
        assertThat(loader.available("fashion-mnist")).isTrue();
        assertThat(loader.available("mnist")).isFalse();
        var split = loader.load("fashion-mnist");
        assertThat(split.train().count()).isEqualTo(8000);
        assertThat(split.test().features()).isEqualTo(784);
        assertThat(loader.load("fashion-mnist")).isSameAs(split);
    }

    @Test
    void aMissingOrTruncatedFileIsAClearError() throws IOException {
        writeIdxDirectory();
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        DatasetLoader loader = new DatasetLoader(Map.of("mnist", dir));
        assertThatThrownBy(() -> loader.load("mnist")).hasMessageContaining("t10k-labels-idx1-ubyte");
        byte[] images = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length / 2));
        assertThatThrownBy(() -> new DatasetLoader(Map.of("mnist", dir)).load("mnist"))
                .hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("truncated");
    }
}
