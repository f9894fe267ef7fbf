package io.crossbarlab.sim.data;

import java.io.IOException;

/** An IDX file that is truncated, corrupt or not of the expected kind. */
public final class IdxFormatException extends IOException {
    public IdxFormatException(String message) {
        super(message);
    }
}
