package io.crossbarlab.app.system;

import io.crossbarlab.sim.preset.InvalidSpecException;

/** The {@code pageSize} of a list request: 50 when absent, 1 to 1,000, else a 400 naming the field. */
public final class PageSizes {

    public static final int DEFAULT = 50;
    public static final int MAX = 1000;

    private PageSizes() {}

    public static int of(Integer pageSize) {
        int size = pageSize == null ? DEFAULT : pageSize;
        if (size < 1 || size > MAX) {
            throw new InvalidSpecException("pageSize", "must be between 1 and " + MAX + " (was " + size + ")");
        }
        return size;
    }
}
