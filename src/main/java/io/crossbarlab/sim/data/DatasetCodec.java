package io.crossbarlab.sim.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one binary form of a data set, whatever it was uploaded as: the bytes a content hash is taken
 * over, so that the same examples uploaded as NPZ, CSV or IDX are one data set. Big-endian: the magic
 * {@code XBDS}, the format version (1), classes, features, training and test example counts, then the
 * training pixels (row-major), training labels, test pixels and test labels, one unsigned byte each.
 */
public final class DatasetCodec {

    static final int MAGIC = 0x58424453; // "XBDS"
    static final int VERSION = 1;

    private DatasetCodec() {}

    /** Writes {@code split} to {@code out} (not closed). */
    public static void write(TrainTestSplit split, OutputStream out) throws IOException {
        Dataset train = split.train();
        Dataset test = split.test();
        if (train.features() != test.features() || train.classes() != test.classes()) {
            throw new IllegalArgumentException("train and test differ in features or classes");
        }
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(train.classes());
        data.writeInt(train.features());
        data.writeInt(train.count());
        data.writeInt(test.count());
        for (Dataset d : new Dataset[] {train, test}) {
            data.write(d.pixels(), 0, d.count() * d.features());
            data.write(d.labels(), 0, d.count());
        }
        data.flush();
    }

    /** Reads a split written by {@link #write}; its datasets carry {@code name}. */
    public static TrainTestSplit read(String name, InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (data.readInt() != MAGIC) {
                throw new DatasetFormatException("not a stored data set (bad magic)");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw new DatasetFormatException(
                        "stored data set version " + version + " (this build reads " + VERSION + ")");
            }
            int classes = data.readInt();
            int features = data.readInt();
            int trainCount = data.readInt();
            int testCount = data.readInt();
            if (classes < 2 || features < 1 || trainCount < 1 || testCount < 1) {
                throw new DatasetFormatException("corrupt stored data set header");
            }
            Dataset train = part(name, data, trainCount, features, classes);
            Dataset test = part(name, data, testCount, features, classes);
            if (data.read() != -1) {
                throw new DatasetFormatException("stored data set continues past its declared size");
            }
            return new TrainTestSplit(train, test);
        } catch (EOFException e) {
            throw new DatasetFormatException("stored data set is truncated");
        }
    }

    private static Dataset part(String name, DataInputStream data, int count, int features, int classes)
            throws IOException {
        byte[] pixels = new byte[Math.multiplyExact(count, features)];
        data.readFully(pixels);
        byte[] labels = new byte[count];
        data.readFully(labels);
        for (byte b : labels) {
            if ((b & 0xff) >= classes) {
                throw new DatasetFormatException(
                        "stored data set has label " + (b & 0xff) + " of " + classes + " classes");
            }
        }
        return new Dataset(name, pixels, labels, count, features, classes);
    }
}
