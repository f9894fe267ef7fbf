package io.crossbarlab.sim.data;

/**
 * An immutable labelled image set, pixels as unsigned bytes (0 = background) so that one copy can be
 * shared by every run. {@link #copyFeatures} converts one example to floats in [0, 1].
 *
 * @param name dataset name
 * @param pixels at least {@code count * features} unsigned bytes, row-major (a subset view may hold more)
 * @param labels at least {@code count} class indices
 * @param count number of examples
 * @param features pixels per example
 * @param classes number of classes
 */
public record Dataset(String name, byte[] pixels, byte[] labels, int count, int features, int classes) {

    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = i / 255f;
        }
    }

    public Dataset {
        if (pixels.length < (long) count * features || labels.length < count) {
            throw new IllegalArgumentException("dataset " + name + ": sizes do not match");
        }
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
     * The first {@code limit} examples (or all, if limit is null or not smaller): a view sharing this
     * dataset's arrays, so that jobs on a subset copy nothing.
     */
    public Dataset limit(Integer limit) {
        if (limit == null || limit >= count) {
            return this;
        }
        return new Dataset(name, pixels, labels, limit, features, classes);
    }
}
