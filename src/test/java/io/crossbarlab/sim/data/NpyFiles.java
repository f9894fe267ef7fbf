package io.crossbarlab.sim.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes .npy and .npz bytes as NumPy does, for tests (version 1.0 headers padded to 64 bytes). */
public final class NpyFiles {

    private NpyFiles() {}

    /** A float32 array, little-endian, C order. */
    public static byte[] float32(float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return npy("<f4", false, shape, b.array());
    }

    /** An int64 array, little-endian (NumPy's default integer type). */
    public static byte[] int64(long[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return npy("<i8", false, shape, b.array());
    }

    /** An array with any descr and raw element bytes. */
    public static byte[] npy(String descr, boolean fortran, int[] shape, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(NpyReader.header(descr, fortran, shape));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A ZIP archive of the given files (an .npz when they are .npy files), deflated. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
