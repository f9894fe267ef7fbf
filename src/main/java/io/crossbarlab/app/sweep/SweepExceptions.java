package io.crossbarlab.app.sweep;

import java.util.UUID;

/** The sweep API's own failures, mapped to problem documents by the web layer. */
public final class SweepExceptions {

    private SweepExceptions() {}

    /** No sweep with this id (404). */
    public static final class NotFound extends RuntimeException {
        public NotFound(UUID id) {
            super("no sweep with id " + id);
        }
    }

    /** The sweep cannot do this now (409): it was cancelled, or changed by a concurrent request. */
    public static final class Conflict extends RuntimeException {
        private final SweepState state;

        public Conflict(String message, SweepState state) {
            super(message);
            this.state = state;
        }

        public SweepState state() {
            return state;
        }
    }
}
