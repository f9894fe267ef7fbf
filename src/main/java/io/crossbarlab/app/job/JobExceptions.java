package io.crossbarlab.app.job;

import java.util.UUID;

/** Domain errors of the job API; each maps to one problem type. */
public final class JobExceptions {

    private JobExceptions() {}

    /** No job with that id: 404. */
    public static final class JobNotFound extends RuntimeException {
        public JobNotFound(UUID id) {
            super("no job with id " + id);
        }
    }

    /** A succeeded job without stored weights (it finished before weights were kept): 404. */
    public static final class NoWeights extends RuntimeException {
        public NoWeights(UUID id) {
            super("job " + id + " has no stored weights: it succeeded before this service kept trained weights,"
                    + " or its weights were archived (docs/operations.md); its result and epochs remain");
        }
    }

    /** The request does not fit the job's current state: 409, with the state. */
    public static final class WrongState extends RuntimeException {
        private final transient JobState state;

        public WrongState(UUID id, JobState state, String what) {
            super(what + ": job " + id + " is " + state);
            this.state = state;
        }

        public JobState state() {
            return state;
        }
    }

    /** The job needs more tiles than the pool has: 422. */
    public static final class TooLarge extends RuntimeException {
        private final int required;
        private final int capacity;

        public TooLarge(int required, int capacity) {
            super("the job needs " + required + " tiles but a node has only " + capacity);
            this.required = required;
            this.capacity = capacity;
        }

        public int required() {
            return required;
        }

        public int capacity() {
            return capacity;
        }
    }

    /** Idempotency-Key reused with a different body: 422. */
    public static final class KeyReused extends RuntimeException {
        public KeyReused(String key) {
            super("Idempotency-Key '" + key + "' was used before with a different request body");
        }
    }

    /** Idempotency-Key whose first request is still being processed: 409. */
    public static final class KeyInFlight extends RuntimeException {
        public KeyInFlight(String key) {
            super("a request with Idempotency-Key '" + key + "' is still being processed");
        }
    }
}
