package io.crossbarlab.sim.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads (and writes the header of) NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a
 * version, a little-endian header length, a Python-literal header dict with {@code descr}, {@code
 * fortran_order} and {@code shape}, then the elements. Booleans, signed and unsigned integers of 1, 2,
 * 4 and 8 bytes and floats of 4 and 8 bytes are accepted, in either byte order; Fortran order is read by
 * mapping each element to its C-order index. Anything else (object arrays, strings, complex numbers,
 * truncated data) fails with a {@link DatasetFormatException} that says what was found.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** Element types accepted, by their NumPy kind and size. */
    public enum DType {
        BOOL(1, false, false),
        I1(1, true, false),
        U1(1, false, false),
        I2(2, true, false),
        U2(2, false, false),
        I4(4, true, false),
        U4(4, false, false),
        I8(8, true, false),
        U8(8, false, false),
        F4(4, true, true),
        F8(8, true, true);

        final int size;
        final boolean signed;
        final boolean floating;

        DType(int size, boolean signed, boolean floating) {
            this.size = size;
            this.signed = signed;
            this.floating = floating;
        }

        /** Whether every element is an integer by type (not by value). */
        public boolean integral() {
            return !floating;
        }
    }

    /**
     * An array's header.
     *
     * @param type element type
     * @param bigEndian byte order of multi-byte elements
     * @param fortranOrder column-major element order
     * @param shape dimensions (empty for a scalar)
     */
    @SuppressWarnings("ArrayRecordComponent") // parsed once and read, never compared
    public record Header(DType type, boolean bigEndian, boolean fortranOrder, int[] shape) {
        /** Number of elements. */
        public long count() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        /** The shape as NumPy prints it, e.g. {@code (60000, 784)}. */
        public String shapeText() {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                b.append(i > 0 ? ", " : "").append(shape[i]);
            }
            return b.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    /** Receives elements with their C-order (row-major) index. */
    @FunctionalInterface
    public interface Sink {
        void accept(long index, double value) throws DatasetFormatException;
    }

    /** Reads the magic and header; {@code in} is left at the first element. */
    public static Header readHeader(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new DatasetFormatException("not a .npy file: fewer than 8 bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new DatasetFormatException("not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = magic[6];
        if (major < 1 || major > 3) {
            throw new DatasetFormatException("unsupported .npy version " + major + "." + magic[7] + " (1.0 to 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw new DatasetFormatException("truncated .npy header");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (len[i] & 0xff);
        }
        if (headerLength > MAX_HEADER) {
            throw new DatasetFormatException(".npy header of " + headerLength + " bytes is implausibly long");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new DatasetFormatException("truncated .npy header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(header);
    }

    static Header parseHeader(String header) throws DatasetFormatException {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new DatasetFormatException(
                    "malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): " + header.strip());
        }
        String d = descr.group(1);
        if (d.length() < 3) {
            throw new DatasetFormatException("unsupported .npy element type '" + d + "'");
        }
        char order = d.charAt(0);
        String kindSize = d.substring(1);
        DType type = switch (kindSize) {
            case "b1" -> DType.BOOL;
            case "i1" -> DType.I1;
            case "u1" -> DType.U1;
            case "i2" -> DType.I2;
            case "u2" -> DType.U2;
            case "i4" -> DType.I4;
            case "u4" -> DType.U4;
            case "i8" -> DType.I8;
            case "u8" -> DType.U8;
            case "f4" -> DType.F4;
            case "f8" -> DType.F8;
            default ->
                throw new DatasetFormatException("unsupported .npy element type '" + d
                        + "' (booleans, integers of 1-8 bytes and float32/float64 are accepted)");
        };
        if (order != '<' && order != '>' && order != '|' && order != '=') {
            throw new DatasetFormatException("unsupported .npy byte order '" + order + "' in '" + d + "'");
        }
        String dims = shape.group(1).strip();
        int[] out;
        if (dims.isEmpty()) {
            out = new int[0];
        } else {
            String[] parts = dims.split(",", -1);
            int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
            out = new int[n];
            for (int i = 0; i < n; i++) {
                try {
                    long v = Long.parseLong(parts[i].strip().replace("L", ""));
                    if (v < 0 || v > Integer.MAX_VALUE) {
                        throw new DatasetFormatException("unsupported .npy dimension " + v);
                    }
                    out[i] = (int) v;
                } catch (NumberFormatException e) {
                    throw new DatasetFormatException("malformed .npy shape (" + dims + ")");
                }
            }
        }
        return new Header(type, order == '>', "True".equals(fortran.group(1)), out);
    }

    /**
     * Reads every element of {@code header}'s array from {@code in} and hands each to {@code sink} with
     * its C-order index, in file order. Fails if the data is short or runs past the array.
     */
    public static void readValues(InputStream in, Header header, Sink sink) throws IOException {
        long count = header.count();
        int size = header.type().size;
        ByteBuffer buf = ByteBuffer.allocate(size * 8192)
                .order(header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int[] shape = header.shape();
        boolean remap = header.fortranOrder() && shape.length > 1;
        long[] strides = cStrides(shape);
        long index = 0;
        while (index < count) {
            int want = (int) Math.min(8192, count - index) * size;
            int got = in.readNBytes(buf.array(), 0, want);
            if (got < want) {
                throw new DatasetFormatException("truncated .npy data: " + header.shapeText() + " needs " + count * size
                        + " bytes, the file ends after " + ((index * size) + got));
            }
            buf.position(0).limit(want);
            while (buf.hasRemaining()) {
                double v = read(buf, header.type());
                sink.accept(remap ? cOrder(index, shape, strides) : index, v);
                index++;
            }
        }
        if (in.read() != -1) {
            throw new DatasetFormatException(
                    "corrupt .npy data: it continues past the " + count + " elements of shape " + header.shapeText());
        }
    }

    private static double read(ByteBuffer b, DType t) {
        return switch (t) {
            case BOOL, U1 -> b.get() & 0xff;
            case I1 -> b.get();
            case I2 -> b.getShort();
            case U2 -> b.getShort() & 0xffff;
            case I4 -> b.getInt();
            case U4 -> b.getInt() & 0xffffffffL;
            case I8 -> b.getLong();
            case U8 -> unsigned(b.getLong());
            case F4 -> b.getFloat();
            case F8 -> b.getDouble();
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /**
     * The magic and version 1.0 header of an array, padded with spaces to a multiple of 64 bytes as
     * NumPy writes it; the elements follow it.
     *
     * @param descr element type, e.g. {@code <f4}
     */
    public static byte[] header(String descr, boolean fortranOrder, int... shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i > 0 ? ", " : "").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        StringBuilder text = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False") + ", 'shape': (" + dims + "), }");
        while ((MAGIC.length + 4 + text.length() + 1) % 64 != 0) {
            text.append(' ');
        }
        text.append('\n');
        byte[] h = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[MAGIC.length + 4 + h.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (h.length & 0xff);
        out[9] = (byte) (h.length >>> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

    /** Elements between neighbours along each dimension in C order. */
    static long[] cStrides(int[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** The C-order index of the element at Fortran-order position {@code f}. */
    static long cOrder(long f, int[] shape, long[] strides) {
        long rest = f;
        long c = 0;
        for (int i = 0; i < shape.length; i++) {
            long coordinate = rest % shape[i];
            rest /= shape[i];
            c += coordinate * strides[i];
        }
        return c;
    }
}
