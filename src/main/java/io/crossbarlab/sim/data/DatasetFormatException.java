package io.crossbarlab.sim.data;

import java.io.IOException;

/** An uploaded data set file that is malformed, inconsistent or outside what the simulator accepts. */
public class DatasetFormatException extends IOException {
    public DatasetFormatException(String message) {
        super(message);
    }
}
