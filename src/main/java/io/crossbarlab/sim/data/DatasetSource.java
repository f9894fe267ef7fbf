package io.crossbarlab.sim.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a file of a dataset by its standard name; the caller decides where files live. A missing file
 * is reported by throwing {@link java.io.FileNotFoundException} (or returning null).
 */
@FunctionalInterface
public interface DatasetSource {
    InputStream open(String fileName) throws IOException;
}
