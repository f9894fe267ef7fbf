package io.crossbarlab.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetImportTests {

    static final DatasetImport.Limits LIMITS = new DatasetImport.Limits(1_000_000, 8192);

    /** Files in memory, opened by name. */
    static DatasetImport.Imported read(Map<String, byte[]> files, Integer classes) throws IOException {
        return DatasetImport.read("up", files.keySet(), open(files), classes, LIMITS);
    }

    static DatasetSource open(Map<String, byte[]> files) {
        return f -> {
            byte[] b = files.get(f);
            if (b == null) {
                throw new FileNotFoundException(f);
            }
            return new ByteArrayInputStream(b);
        };
    }

    static byte[] canonical(DatasetImport.Imported i) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatasetCodec.write(i.split(), out);
        return out.toByteArray();
    }

    /** 4 training and 2 test examples of 3 features as floats, labels 0..2. */
    static Map<String, byte[]> floatNpz() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("x_train.npy", NpyFiles.float32(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0.5f, 10, 0}, 4, 3));
        f.put("y_train.npy", NpyFiles.int64(new long[] {0, 1, 2, 1}, 4));
        f.put("x_test.npy", NpyFiles.float32(new float[] {-1, 12, 5, 2.5f, 0, 10}, 2, 3));
        f.put("y_test.npy", NpyFiles.int64(new long[] {2, 0}, 2));
        return f;
    }

    @Test
    void floatFeaturesAreMappedFromZeroToTheTrainingMaximumAndTestValuesOutsideAreClipped() throws IOException {
        DatasetImport.Imported i = read(floatNpz(), null);
        DatasetImport.Report r = i.report();
        assertThat(r.layout()).isEqualTo(DatasetImport.Layout.NPZ);
        assertThat(r.scale()).isEqualTo(new DatasetImport.Scale(false, 0, 10));
        assertThat(r.classes()).isEqualTo(3);
        assertThat(r.trainExamples()).isEqualTo(4);
        assertThat(r.testExamples()).isEqualTo(2);
        assertThat(r.features()).isEqualTo(3);
        // x' = round(255 x / 10): 0.5 -> 13 (12.75), 3 -> 77 (76.5 rounds half up), 7 -> 179 (178.5)
        byte[] train = i.split().train().pixels();
        assertThat(train[3] & 0xff).isEqualTo(77);
        assertThat(train[7] & 0xff).isEqualTo(179);
        assertThat(train[9] & 0xff).isEqualTo(13);
        assertThat(train[10] & 0xff).isEqualTo(255);
        byte[] test = i.split().test().pixels();
        assertThat(test[0] & 0xff).isZero(); // -1 clipped to 0
        assertThat(test[1] & 0xff).isEqualTo(255); // 12 clipped to 10
        assertThat(test[3] & 0xff).isEqualTo(64); // 63.75
        assertThat(r.clippedTestValues()).isEqualTo(2);
        assertThat(i.split().test().label(0)).isEqualTo(2);
    }

    @Test
    void negativeTrainingFeaturesMoveTheLowEndBelowZero() throws IOException {
        Map<String, byte[]> f = floatNpz();
        f.put("x_train.npy", NpyFiles.float32(new float[] {-5, 1, 2, 3, 4, 5, 6, 7, 8, 0.5f, 10, 0}, 4, 3));
        DatasetImport.Imported i = read(f, null);
        assertThat(i.report().scale()).isEqualTo(new DatasetImport.Scale(false, -5, 10));
        assertThat(i.split().train().pixels()[0] & 0xff).isZero();
        assertThat(i.split().train().pixels()[11] & 0xff).isEqualTo(85); // 0 -> 255 * 5 / 15
    }

    /** The same six examples of four 8-bit features in each layout. */
    static final int[][] PIXELS = {
        {0, 255, 3, 4}, {9, 8, 7, 6}, {1, 0, 0, 1}, {200, 100, 50, 25}, {5, 5, 5, 5}, {0, 0, 0, 7}
    };

    static final int[] LABELS = {0, 1, 2, 1, 0, 2};

    static Map<String, byte[]> byteNpz() {
        byte[] train = new byte[16];
        byte[] test = new byte[8];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                (i < 4 ? train : test)[(i % 4) * 4 + j] = (byte) PIXELS[i][j];
            }
        }
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("data/x_train.npy", NpyFiles.npy("|u1", false, new int[] {4, 2, 2}, train));
        f.put("data/y_train.npy", NpyFiles.int64(new long[] {0, 1, 2, 1}, 4, 1));
        f.put("data/x_test.npy", NpyFiles.npy("|u1", false, new int[] {2, 2, 2}, java.util.Arrays.copyOf(test, 8)));
        f.put("data/y_test.npy", NpyFiles.int64(new long[] {0, 2}, 2));
        return f;
    }

    static Map<String, byte[]> csv() {
        StringBuilder train = new StringBuilder("label,a,b,c,d\r\n");
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            StringBuilder b = i < 4 ? train : test;
            b.append(LABELS[i]);
            for (int v : PIXELS[i]) {
                b.append(',').append(i == 1 ? v + ".0" : String.valueOf(v));
            }
            b.append('\n');
        }
        test.append('\n');
        return Map.of(
                "train.csv", train.toString().getBytes(StandardCharsets.UTF_8),
                "test.csv", test.toString().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] idx(int magicDims, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0800 | magicDims);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static Map<String, byte[]> idxFiles() {
        byte[] train = new byte[16];
        byte[] test = new byte[8];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                (i < 4 ? train : test)[(i % 4) * 4 + j] = (byte) PIXELS[i][j];
            }
        }
        return Map.of(
                DatasetCatalog.TRAIN_IMAGES, idx(3, new int[] {4, 2, 2}, train),
                DatasetCatalog.TRAIN_LABELS, idx(1, new int[] {4}, new byte[] {0, 1, 2, 1}),
                DatasetCatalog.TEST_IMAGES, idx(3, new int[] {2, 2, 2}, test),
                DatasetCatalog.TEST_LABELS, idx(1, new int[] {2}, new byte[] {0, 2}));
    }

    @Test
    void theSameExamplesAsNpzCsvOrIdxAreOneDataSetByteForByte() throws IOException {
        DatasetImport.Imported npz = read(byteNpz(), null);
        DatasetImport.Imported csv = read(csv(), null);
        DatasetImport.Imported idx = read(idxFiles(), null);
        assertThat(npz.report().scale().exact()).isTrue();
        assertThat(csv.report().scale().exact()).isTrue();
        assertThat(csv.report().layout()).isEqualTo(DatasetImport.Layout.CSV);
        assertThat(idx.report().layout()).isEqualTo(DatasetImport.Layout.IDX);
        assertThat(canonical(csv)).isEqualTo(canonical(npz));
        assertThat(canonical(idx)).isEqualTo(canonical(npz));
        assertThat(npz.split().train().pixels()[1] & 0xff).isEqualTo(255);
        // and a stated class count is part of the data set
        assertThat(canonical(read(byteNpz(), 10))).isNotEqualTo(canonical(npz));
    }

    @Test
    void aFortranOrderedArrayReadsAsItsCOrderTwin() throws IOException {
        Map<String, byte[]> f = floatNpz();
        float[] c = {0, 1, 2, 3, 4, 5, 6, 7, 8, 0.5f, 10, 0};
        ByteBuffer fortran = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row < 4; row++) {
                fortran.putFloat(c[row * 3 + col]);
            }
        }
        f.put("x_train.npy", NpyFiles.npy(">f4", true, new int[] {4, 3}, fortran.array()));
        assertThat(canonical(read(f, null))).isEqualTo(canonical(read(floatNpz(), null)));
    }

    @Test
    void theCodecReadsBackWhatItWrote() throws IOException {
        DatasetImport.Imported i = read(floatNpz(), null);
        TrainTestSplit back = DatasetCodec.read("again", new ByteArrayInputStream(canonical(i)));
        assertThat(back.train().count()).isEqualTo(4);
        assertThat(back.test().classes()).isEqualTo(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatasetCodec.write(back, out);
        assertThat(out.toByteArray()).isEqualTo(canonical(i));
        byte[] truncated = java.util.Arrays.copyOf(canonical(i), 30);
        assertThatThrownBy(() -> DatasetCodec.read("x", new ByteArrayInputStream(truncated)))
                .hasMessageContaining("truncated");
    }

    void fails(Map<String, byte[]> files, Integer classes, String... message) {
        assertThatThrownBy(() -> read(files, classes))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContainingAll(message);
    }

    @Test
    void malformedFilesFailNamingTheFileAndThePlace() throws IOException {
        Map<String, byte[]> f = floatNpz();
        f.put("x_test.npy", NpyFiles.float32(new float[] {1, 2, 3, 4}, 2, 2));
        fails(f, null, "x_test.npy has 2 features", "x_train.npy 3");

        f = floatNpz();
        f.put("x_train.npy", NpyFiles.float32(new float[] {0, 1, 2, 3, 4, Float.NaN, 6, 7, 8, 9, 10, 0}, 4, 3));
        fails(f, null, "x_train.npy", "NaN", "row 1, column 2");

        f = floatNpz();
        f.put("y_train.npy", NpyFiles.int64(new long[] {0, 1, 2}, 3));
        fails(f, null, "y_train.npy", "shape (3,)", "expected (4,)");

        f = floatNpz();
        f.put("y_train.npy", NpyFiles.float32(new float[] {0, 1, 2.5f, 1}, 4));
        fails(f, null, "y_train.npy", "label 2.5 in row 2");

        fails(floatNpz(), 2, "label 2 is outside 0..1", "classes = 2");

        f = floatNpz();
        byte[] x = f.get("x_train.npy");
        f.put("x_train.npy", java.util.Arrays.copyOf(x, x.length - 5));
        fails(f, null, "x_train.npy", "truncated .npy data");

        f = floatNpz();
        f.put("x_train.npy", NpyFiles.npy("<c8", false, new int[] {4, 3}, new byte[96]));
        fails(f, null, "x_train.npy", "unsupported .npy element type '<c8'");

        f = floatNpz();
        f.put("x_train.npy", "not numpy at all".getBytes(StandardCharsets.UTF_8));
        fails(f, null, "x_train.npy", "not a .npy file");

        f = floatNpz();
        f.put("x_train.npy", NpyFiles.float32(new float[] {-3.5f, -3.5f, -3.5f, -3.5f}, 4, 1));
        f.put("x_test.npy", NpyFiles.float32(new float[] {1, 1}, 2, 1));
        fails(f, null, "every feature is -3.5");

        fails(Map.of("features.npy", new byte[1]), null, "none of the accepted layouts", "features.npy");

        Map<String, byte[]> c = new LinkedHashMap<>(csv());
        c.put("test.csv", "1,2,3,x,5\n".getBytes(StandardCharsets.UTF_8));
        fails(c, null, "test.csv, line 1, column 4: 'x' is not a number");
        c.put("test.csv", "1,2,3\n".getBytes(StandardCharsets.UTF_8));
        fails(c, null, "test.csv has 2 features per row, train.csv 4");
        c.put("test.csv", "1,2,3,4,5\n0,1,2\n".getBytes(StandardCharsets.UTF_8));
        fails(c, null, "test.csv, line 2: 2 features, the rows before it have 4");
        c.put("test.csv", "7,1,2,3,4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read(c, null).report().classes()).isEqualTo(8);
        c.put("test.csv", "1".repeat(1_000_000).getBytes(StandardCharsets.UTF_8));
        fails(c, null, "test.csv, line 1: longer than");

        Map<String, byte[]> i = new LinkedHashMap<>(idxFiles());
        i.remove(DatasetCatalog.TEST_LABELS);
        fails(i, null, "the IDX layout needs", "missing " + DatasetCatalog.TEST_LABELS);
    }

    @Test
    void aPartOverTheValuesLimitIsRefusedBeforeItIsRead() {
        DatasetImport.Limits small = new DatasetImport.Limits(11, 8192);
        assertThatThrownBy(() -> DatasetImport.read("up", floatNpz().keySet(), open(floatNpz()), null, small))
                .isInstanceOfSatisfying(
                        DatasetTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(11))
                .hasMessageContaining("x_train.npy: 4 x 3 = 12 values, over the limit of 11");
    }
}
