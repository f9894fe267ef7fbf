package io.crossbarlab.sim.nn;

/** Receives progress of a run, on the run's own thread. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    /** After each epoch's evaluation. */
    default void onEpoch(EpochReport report) {}

    /**
     * After {@link #onEpoch} of every epoch but the last: whether to take a checkpoint now (writing one
     * costs a pass over the run's state).
     */
    default boolean wantsCheckpoint(int epoch) {
        return false;
    }

    /** The checkpoint asked for by {@link #wantsCheckpoint}; valid until training continues. */
    default void onCheckpoint(int epoch, Checkpoint checkpoint) {}

    /** Every {@link Trainer#PROGRESS_INTERVAL} training examples. */
    default void onProgress(int epoch, long examplesDone, long examplesTotal) {}
}
