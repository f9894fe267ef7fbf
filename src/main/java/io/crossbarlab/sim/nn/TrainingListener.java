package io.crossbarlab.sim.nn;

/** Receives progress of a run, on the run's own thread. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    /** After each epoch's evaluation. */
    default void onEpoch(EpochReport report) {}

    /** Every {@link Trainer#PROGRESS_INTERVAL} training examples. */
    default void onProgress(int epoch, long examplesDone, long examplesTotal) {}
}
