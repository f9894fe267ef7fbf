package io.crossbarlab.sim.data;

/** An uploaded data set larger than the import's limits allow. */
public final class DatasetTooLargeException extends DatasetFormatException {

    private final long limit;

    public DatasetTooLargeException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit that was passed. */
    public long limit() {
        return limit;
    }
}
