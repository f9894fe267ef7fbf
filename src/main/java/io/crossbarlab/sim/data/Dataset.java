package io.crossbarlab.sim.data;

/**
 * An immutable labelled image set, pixels as unsigned bytes (0 = background) so that one copy can be
 * shared by every run. {@link #copyFeatures} converts one example to floats in [0, 1]; {@link
 * #loadNonZero} does the same from a mask of each example's non-zero pixels (one bit per pixel, built
 * once with the dataset and shared by its {@link #limit views}) and also reports which they are, so
 * that a network's first layer need not scan its input for them.
 */
public final class Dataset {

    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = i / 255f;
        }
    }

    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int features;
    private final int classes;
    /** Bit k of word {@code i * words + k / 64} is set when pixel k of example i is not zero. */
    private final long[] nonZeroMask;

    private final int words;

    /**
     * @param name dataset name
     * @param pixels at least {@code count * features} unsigned bytes, row-major (more are ignored)
     * @param labels at least {@code count} class indices
     * @param count number of examples
     * @param features pixels per example
     * @param classes number of classes
     */
    public Dataset(String name, byte[] pixels, byte[] labels, int count, int features, int classes) {
        this(name, pixels, labels, count, features, classes, null);
    }

    /** With {@code nonZeroMask} null the mask is built here, in one pass over the pixels. */
    private Dataset(
            String name, byte[] pixels, byte[] labels, int count, int features, int classes, long[] nonZeroMask) {
        if (pixels.length < (long) count * features || labels.length < count) {
            throw new IllegalArgumentException("dataset " + name + ": sizes do not match");
        }
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.features = features;
        this.classes = classes;
        this.words = (features + 63) >>> 6;
        this.nonZeroMask = nonZeroMask != null ? nonZeroMask : mask();
    }

    private long[] mask() {
        long[] mask = new long[count * words];
        for (int i = 0; i < count; i++) {
            int base = i * features;
            for (int w = 0; w < words; w++) {
                long bits = 0; // built in a register: one memory write per word, not per pixel
                int end = Math.min(features, (w + 1) << 6);
                for (int k = w << 6; k < end; k++) {
                    long bit = pixels[base + k] != 0 ? 1L : 0L;
                    bits |= bit << k; // a long shift counts modulo 64
                }
                mask[i * words + w] = bits;
            }
        }
        return mask;
    }

    /** Builds a dataset from an images IDX array (N x ...) and a labels IDX array (N). */
    public static Dataset of(String name, IdxReader.IdxArray images, IdxReader.IdxArray labels, int classes)
            throws IdxFormatException {
        if (images.dims().length < 2) {
            throw new IdxFormatException(name + ": images must have at least 2 dimensions");
        }
        if (labels.dims().length != 1) {
            throw new IdxFormatException(name + ": labels must have 1 dimension");
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(name + ": " + images.count() + " images but " + labels.count() + " labels");
        }
        for (byte b : labels.data()) {
            if ((b & 0xff) >= classes) {
                throw new IdxFormatException(name + ": label " + (b & 0xff) + " outside 0.." + (classes - 1));
            }
        }
        return new Dataset(name, images.data(), labels.data(), images.count(), images.itemSize(), classes);
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Writes example {@code i} as floats in [0, 1] to {@code out[0..features)}. */
    public void copyFeatures(int i, float[] out) {
        int base = i * features;
        for (int k = 0; k < features; k++) {
            out[k] = SCALE[pixels[base + k] & 0xff];
        }
    }

    /**
     * Writes example {@code i} as floats in [0, 1] to {@code out} exactly as {@link #copyFeatures}
     * does, and leaves the indices of its non-zero pixels in {@code rows}, ascending; returns how
     * many there are. {@code out} must hold zeros except at {@code rows[0..previous)}, the non-zero
     * pixels of the example it held before (as this method left them).
     *
     * <p>A sparse example (at most half its pixels non-zero, as in MNIST) is written pixel by pixel
     * from the mask: the previous example's non-zero pixels cleared, this one's set. A dense one (a
     * noisy background, say) is copied whole and its non-zero pixels found by a branch-free scan:
     * visiting most pixels one bit at a time would cost more than the copy.
     */
    public int loadNonZero(int i, float[] out, int[] rows, int previous) {
        int n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(nonZeroMask[i * words + w]);
        }
        if (2 * n > features) {
            copyFeatures(i, out);
            int m = 0;
            for (int k = 0; k < features; k++) {
                rows[m] = k;
                m += out[k] != 0f ? 1 : 0;
            }
            return m;
        }
        for (int k = 0; k < previous; k++) {
            out[rows[k]] = 0f;
        }
        int base = i * features;
        int m = 0;
        for (int w = 0; w < words; w++) {
            long bits = nonZeroMask[i * words + w];
            int offset = w << 6;
            while (bits != 0) {
                int k = offset + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                rows[m++] = k;
                out[k] = SCALE[pixels[base + k] & 0xff];
            }
        }
        return m;
    }

    /**
     * The first {@code limit} examples (or all, if limit is null or not smaller): a view sharing this
     * dataset's arrays, so that jobs on a subset copy nothing.
     */
    public Dataset limit(Integer limit) {
        if (limit == null || limit >= count) {
            return this;
        }
        return new Dataset(name, pixels, labels, limit, features, classes, nonZeroMask);
    }

    public String name() {
        return name;
    }

    /** The pixels, shared, not copied: a view may hold more than {@code count * features}. */
    public byte[] pixels() {
        return pixels;
    }

    /** The labels, shared, not copied: a view may hold more than {@code count}. */
    public byte[] labels() {
        return labels;
    }

    public int count() {
        return count;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + count + " x " + features + ", " + classes + " classes]";
    }
}
