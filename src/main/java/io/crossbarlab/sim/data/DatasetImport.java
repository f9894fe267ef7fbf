package io.crossbarlab.sim.data;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a researcher's files into a {@link TrainTestSplit}: the files of one archive, in one of three
 * layouts, found by their names (directories inside the archive are ignored):
 *
 * <ul>
 *   <li>{@link Layout#NPZ NPZ}: {@code x_train.npy}, {@code y_train.npy}, {@code x_test.npy}, {@code
 *       y_test.npy}, which is what {@code numpy.savez(f, x_train=..., y_train=..., x_test=...,
 *       y_test=...)} writes (and the layout of Keras's {@code mnist.npz}). Features (N, D, ...) of any
 *       accepted element type, labels (N) or (N, 1) of integer values.
 *   <li>{@link Layout#IDX IDX}: the four files of the MNIST distribution, raw or gzip.
 *   <li>{@link Layout#CSV CSV}: {@code train.csv} and {@code test.csv}, one example per line, the label
 *       first, then the features; an optional header line (a first field that is not a number).
 * </ul>
 *
 * <p>The simulator drives every input on one 8-bit grid (the grid of the embedded data sets, {@link
 * Dataset}). Features that are all integers in [0, 255] (images) are kept exactly; any others are
 * mapped linearly by x' = round(255 (x − lo) / (hi − lo)) with lo = min(0, the training minimum) and hi
 * = the training maximum, so that zero stays zero (post-ReLU features stay sparse) and test values
 * outside the training range are clipped (and counted in the report). Labels are integers from 0 to
 * {@value #MAX_CLASSES} − 1.
 *
 * <p>Files are read twice (statistics, then values) through {@code source}, so that a large float
 * matrix never exists in memory as floats. Every failure is a {@link DatasetFormatException} naming the
 * file and, where it helps, the row and column.
 */
public final class DatasetImport {

    /** Most classes: labels are stored in one byte. */
    public static final int MAX_CLASSES = 256;

    private DatasetImport() {}

    /** The three accepted layouts. */
    public enum Layout {
        NPZ,
        IDX,
        CSV
    }

    /**
     * Size limits of one import.
     *
     * @param maxElements most examples x features in the training or in the test part
     * @param maxFeatures most features per example
     */
    public record Limits(long maxElements, int maxFeatures) {}

    /**
     * How features were put on the 8-bit grid.
     *
     * @param exact features were integers in [0, 255] and are kept as they are
     * @param low value mapped to 0
     * @param high value mapped to 255
     */
    public record Scale(boolean exact, double low, double high) {
        /** One grid step in the units of the uploaded features. */
        public double step() {
            return (high - low) / 255.0;
        }
    }

    /**
     * What was imported.
     *
     * @param layout the layout found
     * @param trainExamples training examples
     * @param testExamples test examples
     * @param features inputs per example
     * @param classes classes (given, or the largest label + 1)
     * @param scale the map onto the 8-bit grid
     * @param clippedTestValues test values outside the training range, clipped to it
     */
    public record Report(
            Layout layout,
            int trainExamples,
            int testExamples,
            int features,
            int classes,
            Scale scale,
            long clippedTestValues) {}

    /** A split and its report. */
    public record Imported(TrainTestSplit split, Report report) {}

    /**
     * Imports the files named {@code entries}, opened through {@code source}.
     *
     * @param name the data set's name (carried by its {@link Dataset}s)
     * @param classes the number of classes, or null to take the largest label + 1
     */
    public static Imported read(
            String name, Collection<String> entries, DatasetSource source, Integer classes, Limits limits)
            throws IOException {
        if (classes != null && (classes < 2 || classes > MAX_CLASSES)) {
            throw new DatasetFormatException("classes must be between 2 and " + MAX_CLASSES + " (was " + classes + ")");
        }
        Map<String, String> byBase = new HashMap<>();
        for (String e : entries) {
            if (e.endsWith("/") || e.startsWith("__MACOSX/")) {
                continue;
            }
            String base = e.substring(e.lastIndexOf('/') + 1);
            if (base.startsWith("._") || base.isEmpty()) {
                continue;
            }
            if (byBase.put(base, e) != null) {
                throw new DatasetFormatException("the archive holds two files named " + base);
            }
        }
        DatasetSource files = file -> {
            String entry = byBase.get(file);
            if (entry == null) {
                throw new FileNotFoundException(file);
            }
            return source.open(entry);
        };
        if (byBase.keySet().containsAll(Npz.FILES)) {
            return new Npz(name, files, limits).read(classes);
        }
        if (byBase.containsKey("train.csv") && byBase.containsKey("test.csv")) {
            return new Csv(name, files, limits).read(classes);
        }
        if (byBase.keySet().stream().anyMatch(f -> f.startsWith(DatasetCatalog.TRAIN_IMAGES))) {
            return idx(name, files, classes, limits);
        }
        throw new DatasetFormatException("found none of the accepted layouts in the archive (it holds "
                + String.join(", ", byBase.keySet().stream().sorted().limit(10).toList())
                + "): x_train.npy, y_train.npy, x_test.npy, y_test.npy (numpy.savez); train.csv and test.csv;"
                + " or the four MNIST IDX files");
    }

    private static Imported idx(String name, DatasetSource files, Integer classes, Limits limits) throws IOException {
        TrainTestSplit raw;
        try {
            raw = DatasetCatalog.loadIdx(name, files, MAX_CLASSES);
        } catch (FileNotFoundException e) {
            throw new DatasetFormatException("the IDX layout needs " + DatasetCatalog.TRAIN_IMAGES + ", "
                    + DatasetCatalog.TRAIN_LABELS + ", " + DatasetCatalog.TEST_IMAGES + " and "
                    + DatasetCatalog.TEST_LABELS + " (raw or .gz); missing " + e.getMessage());
        } catch (IdxFormatException e) {
            throw new DatasetFormatException(e.getMessage());
        }
        checkSize("train images", raw.train().count(), raw.train().features(), limits);
        checkSize("test images", raw.test().count(), raw.test().features(), limits);
        int maxLabel = Math.max(maxLabel(raw.train()), maxLabel(raw.test()));
        int k = classesFor(classes, maxLabel);
        TrainTestSplit split = new TrainTestSplit(relabel(raw.train(), k), relabel(raw.test(), k));
        return new Imported(
                split,
                new Report(
                        Layout.IDX,
                        split.train().count(),
                        split.test().count(),
                        split.train().features(),
                        k,
                        new Scale(true, 0, 255),
                        0));
    }

    private static int maxLabel(Dataset d) {
        int max = 0;
        for (int i = 0; i < d.count(); i++) {
            max = Math.max(max, d.label(i));
        }
        return max;
    }

    private static Dataset relabel(Dataset d, int classes) {
        return new Dataset(d.name(), d.pixels(), d.labels(), d.count(), d.features(), classes);
    }

    static int classesFor(Integer given, int maxLabel) throws DatasetFormatException {
        if (given == null) {
            if (maxLabel < 1) {
                throw new DatasetFormatException("every label is 0: a classifier needs at least 2 classes");
            }
            return maxLabel + 1;
        }
        if (maxLabel >= given) {
            throw new DatasetFormatException(
                    "label " + maxLabel + " is outside 0.." + (given - 1) + " (classes = " + given + ")");
        }
        return given;
    }

    static void checkSize(String what, long count, long features, Limits limits) throws DatasetFormatException {
        if (count < 1) {
            throw new DatasetFormatException(what + ": no examples");
        }
        if (features < 1 || features > limits.maxFeatures()) {
            throw new DatasetFormatException(what + ": " + features + " features per example; between 1 and "
                    + limits.maxFeatures() + " are accepted");
        }
        if (count * features > limits.maxElements()) {
            throw new DatasetTooLargeException(
                    what + ": " + count + " x " + features + " = " + count * features + " values, over the limit of "
                            + limits.maxElements(),
                    limits.maxElements());
        }
    }

    /** Running statistics of a feature file: range, and whether it already is on the 8-bit grid. */
    static final class Stats {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean bytes = true;

        void add(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            bytes &= v >= 0 && v <= 255 && v == Math.rint(v);
        }
    }

    static Scale scale(String trainFile, Stats train, Stats test) throws DatasetFormatException {
        if (train.bytes && test.bytes) {
            return new Scale(true, 0, 255);
        }
        double low = Math.min(0, train.min);
        double high = train.max;
        if (!(high > low)) {
            throw new DatasetFormatException(trainFile + ": every feature is " + high + "; nothing to learn from");
        }
        return new Scale(false, low, high);
    }

    /** Quantises values onto the 8-bit grid and counts those clipped. */
    static final class Quantiser {
        private final Scale scale;
        private final double factor;
        long clipped;

        Quantiser(Scale scale) {
            this.scale = scale;
            this.factor = 255.0 / (scale.high() - scale.low());
        }

        byte apply(double v) {
            if (scale.exact()) {
                return (byte) (int) v;
            }
            long q = Math.round((v - scale.low()) * factor);
            if (q < 0 || q > 255) {
                clipped++;
                q = Math.max(0, Math.min(255, q));
            }
            return (byte) q;
        }
    }

    static int label(String file, long row, double v) throws DatasetFormatException {
        if (!(v >= 0 && v < MAX_CLASSES && v == Math.rint(v))) {
            throw new DatasetFormatException(
                    file + ": label " + v + " in row " + row + " is not an integer from 0 to " + (MAX_CLASSES - 1));
        }
        return (int) v;
    }

    static void finite(String file, long row, long col, double v) throws DatasetFormatException {
        if (!Double.isFinite(v)) {
            throw new DatasetFormatException(file + ": value " + v + " in row " + row + ", column " + col);
        }
    }

    /** The NPZ layout: four .npy files. */
    private static final class Npz {
        static final java.util.List<String> FILES =
                java.util.List.of("x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy");

        private final String name;
        private final DatasetSource files;
        private final Limits limits;

        Npz(String name, DatasetSource files, Limits limits) {
            this.name = name;
            this.files = files;
            this.limits = limits;
        }

        Imported read(Integer classes) throws IOException {
            NpyReader.Header xTrain = header("x_train.npy");
            NpyReader.Header xTest = header("x_test.npy");
            int features = features("x_train.npy", xTrain);
            if (features("x_test.npy", xTest) != features) {
                throw new DatasetFormatException("x_test.npy has " + features("x_test.npy", xTest)
                        + " features per example, x_train.npy " + features);
            }
            checkSize("x_train.npy", xTrain.shape()[0], features, limits);
            checkSize("x_test.npy", xTest.shape()[0], features, limits);
            int[] yTrain = labels("y_train.npy", xTrain.shape()[0]);
            int[] yTest = labels("y_test.npy", xTest.shape()[0]);
            int k = classesFor(classes, Math.max(max(yTrain), max(yTest)));
            Stats trainStats = stats("x_train.npy", xTrain, features);
            Stats testStats = stats("x_test.npy", xTest, features);
            Scale scale = scale("x_train.npy", trainStats, testStats);
            Quantiser trainQ = new Quantiser(scale);
            Quantiser testQ = new Quantiser(scale);
            Dataset train = dataset(values("x_train.npy", xTrain, trainQ), yTrain, features, k);
            Dataset test = dataset(values("x_test.npy", xTest, testQ), yTest, features, k);
            return new Imported(
                    new TrainTestSplit(train, test),
                    new Report(Layout.NPZ, train.count(), test.count(), features, k, scale, testQ.clipped));
        }

        private Dataset dataset(byte[] pixels, int[] labels, int features, int classes) {
            byte[] l = new byte[labels.length];
            for (int i = 0; i < labels.length; i++) {
                l[i] = (byte) labels[i];
            }
            return new Dataset(name, pixels, l, labels.length, features, classes);
        }

        private NpyReader.Header header(String file) throws IOException {
            try (InputStream in = files.open(file)) {
                return NpyReader.readHeader(in);
            } catch (DatasetFormatException e) {
                throw new DatasetFormatException(file + ": " + e.getMessage());
            }
        }

        private static int features(String file, NpyReader.Header h) throws DatasetFormatException {
            if (h.shape().length < 2) {
                throw new DatasetFormatException(
                        file + ": shape " + h.shapeText() + "; features need (examples, features, ...)");
            }
            long n = 1;
            for (int i = 1; i < h.shape().length; i++) {
                n *= h.shape()[i];
            }
            return (int) Math.min(Integer.MAX_VALUE, n);
        }

        private int[] labels(String file, int examples) throws IOException {
            int[] out = new int[examples];
            try (InputStream in = files.open(file)) {
                NpyReader.Header h = NpyReader.readHeader(in);
                int[] s = h.shape();
                boolean column = s.length == 1 || (s.length == 2 && s[1] == 1);
                if (!column || s[0] != examples) {
                    throw new DatasetFormatException(
                            "shape " + h.shapeText() + "; expected (" + examples + ",) to match" + " the features");
                }
                NpyReader.readValues(in, h, (i, v) -> out[(int) i] = label(file, i, v));
            } catch (DatasetFormatException e) {
                throw e.getMessage().startsWith(file) ? e : new DatasetFormatException(file + ": " + e.getMessage());
            }
            return out;
        }

        private Stats stats(String file, NpyReader.Header h, int features) throws IOException {
            Stats s = new Stats();
            try (InputStream in = files.open(file)) {
                NpyReader.readHeader(in);
                NpyReader.readValues(in, h, (i, v) -> {
                    finite(file, i / features, i % features, v);
                    s.add(v);
                });
            } catch (DatasetFormatException e) {
                throw e.getMessage().startsWith(file) ? e : new DatasetFormatException(file + ": " + e.getMessage());
            }
            return s;
        }

        private byte[] values(String file, NpyReader.Header h, Quantiser q) throws IOException {
            byte[] out = new byte[(int) h.count()];
            try (InputStream in = files.open(file)) {
                NpyReader.readHeader(in);
                NpyReader.readValues(in, h, (i, v) -> out[(int) i] = q.apply(v));
            }
            return out;
        }

        private static int max(int[] v) {
            return Arrays.stream(v).max().orElse(0);
        }
    }

    /** The CSV layout: train.csv and test.csv, label first. */
    private static final class Csv {
        private final String name;
        private final DatasetSource files;
        private final Limits limits;
        private final StringBuilder lineBuffer = new StringBuilder();

        Csv(String name, DatasetSource files, Limits limits) {
            this.name = name;
            this.files = files;
            this.limits = limits;
        }

        /** One file's first pass: its shape, labels and feature statistics. */
        private static final class Pass {
            int rows;
            int features = -1;
            int[] labels = new int[1024];
            boolean header;
            final Stats stats = new Stats();
        }

        Imported read(Integer classes) throws IOException {
            Pass train = scan("train.csv");
            Pass test = scan("test.csv");
            if (train.features != test.features) {
                throw new DatasetFormatException(
                        "test.csv has " + test.features + " features per row, train.csv " + train.features);
            }
            int maxLabel = Math.max(
                    Arrays.stream(train.labels, 0, train.rows).max().orElse(0),
                    Arrays.stream(test.labels, 0, test.rows).max().orElse(0));
            int k = classesFor(classes, maxLabel);
            Scale scale = scale("train.csv", train.stats, test.stats);
            Quantiser trainQ = new Quantiser(scale);
            Quantiser testQ = new Quantiser(scale);
            Dataset trainSet = dataset("train.csv", train, trainQ, k);
            Dataset testSet = dataset("test.csv", test, testQ, k);
            return new Imported(
                    new TrainTestSplit(trainSet, testSet),
                    new Report(Layout.CSV, train.rows, test.rows, train.features, k, scale, testQ.clipped));
        }

        private Pass scan(String file) throws IOException {
            Pass p = new Pass();
            double[] row = new double[Math.max(16, limits.maxFeatures() + 1)];
            try (BufferedReader r = reader(file)) {
                String line;
                long lineNo = 0;
                while ((line = readLine(r, file, lineNo + 1)) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    if (lineNo == 1 && !numeric(firstField(line))) {
                        p.header = true;
                        continue;
                    }
                    int n = parse(file, lineNo, line, row);
                    if (p.features < 0) {
                        if (n < 2) {
                            throw new DatasetFormatException(
                                    file + ", line " + lineNo + ": a row needs a label and at least one feature");
                        }
                        p.features = n - 1;
                    } else if (n - 1 != p.features) {
                        throw new DatasetFormatException(file + ", line " + lineNo + ": " + (n - 1)
                                + " features, the rows before it have " + p.features);
                    }
                    checkSize(file, p.rows + 1L, p.features, limits);
                    if (p.rows == p.labels.length) {
                        p.labels = Arrays.copyOf(p.labels, p.labels.length * 2);
                    }
                    p.labels[p.rows] = label(file, lineNo, row[0]);
                    for (int j = 1; j < n; j++) {
                        p.stats.add(row[j]);
                    }
                    p.rows++;
                }
            }
            if (p.rows == 0) {
                throw new DatasetFormatException(file + ": no examples");
            }
            return p;
        }

        private Dataset dataset(String file, Pass p, Quantiser q, int classes) throws IOException {
            byte[] pixels = new byte[p.rows * p.features];
            byte[] labels = new byte[p.rows];
            double[] row = new double[p.features + 1];
            try (BufferedReader r = reader(file)) {
                String line;
                int i = 0;
                long lineNo = 0;
                while ((line = readLine(r, file, lineNo + 1)) != null) {
                    lineNo++;
                    if (line.isBlank() || (lineNo == 1 && p.header)) {
                        continue;
                    }
                    if (i == p.rows || parse(file, lineNo, line, row) != p.features + 1) {
                        throw new DatasetFormatException(file + " changed while it was read");
                    }
                    labels[i] = (byte) (int) row[0];
                    for (int j = 0; j < p.features; j++) {
                        pixels[i * p.features + j] = q.apply(row[j + 1]);
                    }
                    i++;
                }
            }
            return new Dataset(name, pixels, labels, p.rows, p.features, classes);
        }

        /**
         * The next line, or null at the end; a line longer than any row the limits allow (a file with no
         * line breaks, say) is refused before it fills the memory.
         */
        private String readLine(BufferedReader r, String file, long lineNo) throws IOException {
            int max = (limits.maxFeatures() + 1) * 64 + 1024;
            lineBuffer.setLength(0);
            int c;
            while ((c = r.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (lineBuffer.length() == max) {
                    throw new DatasetFormatException(
                            file + ", line " + lineNo + ": longer than " + max + " characters");
                }
                lineBuffer.append((char) c);
            }
            if (c == -1 && lineBuffer.length() == 0) {
                return null;
            }
            int end = lineBuffer.length();
            if (end > 0 && lineBuffer.charAt(end - 1) == '\r') {
                lineBuffer.setLength(end - 1);
            }
            return lineBuffer.toString();
        }

        private BufferedReader reader(String file) throws IOException {
            return new BufferedReader(new InputStreamReader(files.open(file), StandardCharsets.UTF_8), 1 << 16);
        }

        private static String firstField(String line) {
            int comma = line.indexOf(',');
            return (comma < 0 ? line : line.substring(0, comma)).strip();
        }

        private static boolean numeric(String s) {
            try {
                Double.parseDouble(s);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** Parses the comma-separated numbers of {@code line} into {@code out}; returns how many. */
        private static int parse(String file, long lineNo, String line, double[] out) throws DatasetFormatException {
            int n = 0;
            int start = 0;
            int len = line.length();
            while (start <= len) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? len : comma;
                if (n == out.length) {
                    throw new DatasetFormatException(
                            file + ", line " + lineNo + ": more than " + (out.length - 1) + " features");
                }
                String field = line.substring(start, end).strip();
                try {
                    out[n] = Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    throw new DatasetFormatException(file + ", line " + lineNo + ", column " + (n + 1) + ": '"
                            + (field.length() > 40 ? field.substring(0, 40) + "..." : field) + "' is not a number");
                }
                if (!Double.isFinite(out[n])) {
                    throw new DatasetFormatException(
                            file + ", line " + lineNo + ", column " + (n + 1) + ": " + field.toLowerCase(Locale.ROOT));
                }
                n++;
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            return n;
        }
    }
}
