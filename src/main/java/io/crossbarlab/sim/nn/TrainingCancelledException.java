package io.crossbarlab.sim.nn;

/** Thrown by the trainer when its cancellation check answers true between two examples. */
public final class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException(long examplesDone) {
        super("cancelled after " + examplesDone + " training examples");
    }
}
