package io.crossbarlab.sim.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST distribution (LeCun et al.): a big-endian magic {@code 0x0000 TT
 * DD} (TT = element type, only 0x08 = unsigned byte is accepted; DD = number of dimensions), one
 * 32-bit size per dimension, then the elements. Gzip-compressed input is detected by its magic and
 * decompressed on the fly. Truncated, oversized or corrupt input fails with {@link
 * IdxFormatException} naming what was wrong.
 */
public final class IdxReader {

    /** Largest element count accepted (guards against corrupt size fields). */
    static final long MAX_ELEMENTS = 1L << 30;

    private IdxReader() {}

    /** A decoded IDX array of unsigned bytes: its dimensions and its elements in row-major order. */
    @SuppressWarnings("ArrayRecordComponent") // raw file contents handed on once, never compared
    public record IdxArray(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }

        /** Elements per item (product of all dimensions but the first). */
        public int itemSize() {
            int n = 1;
            for (int i = 1; i < dims.length; i++) {
                n *= dims[i];
            }
            return n;
        }
    }

    /** Reads one IDX array from {@code in} (raw or gzip); the stream is not closed. */
    public static IdxArray read(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream source = buffered;
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                source = new GZIPInputStream(buffered);
            } catch (IOException e) {
                throw new IdxFormatException("corrupt gzip header: " + e.getMessage());
            }
        }
        try {
            return decode(new DataInputStream(source));
        } catch (EOFException e) {
            throw new IdxFormatException("truncated IDX data: the stream ended early");
        } catch (java.util.zip.ZipException e) {
            throw new IdxFormatException("corrupt gzip data: " + e.getMessage());
        }
    }

    private static IdxArray decode(DataInputStream in) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException("truncated IDX header: fewer than 4 bytes");
        }
        if ((magic >>> 16) != 0) {
            throw new IdxFormatException(
                    String.format("not an IDX file: magic 0x%08x does not start with 0x0000", magic));
        }
        int type = (magic >>> 8) & 0xff;
        int ndim = magic & 0xff;
        if (type != 0x08) {
            throw new IdxFormatException(
                    String.format("unsupported IDX element type 0x%02x (only 0x08, unsigned byte)", type));
        }
        if (ndim < 1 || ndim > 4) {
            throw new IdxFormatException("unsupported IDX dimension count " + ndim + " (1 to 4)");
        }
        int[] dims = new int[ndim];
        long total = 1;
        for (int i = 0; i < ndim; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new IdxFormatException("corrupt IDX size " + (dims[i] & 0xffffffffL) + " in dimension " + i);
            }
            total *= dims[i];
            if (total > MAX_ELEMENTS) {
                throw new IdxFormatException("IDX array too large: more than " + MAX_ELEMENTS + " elements");
            }
        }
        byte[] data = new byte[(int) total];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new IdxFormatException("truncated IDX data: expected " + data.length + " bytes, got " + read);
        }
        if (in.read() != -1) {
            throw new IdxFormatException(
                    "corrupt IDX file: data continues past the " + data.length + " bytes its header declares");
        }
        return new IdxArray(dims, data);
    }
}
