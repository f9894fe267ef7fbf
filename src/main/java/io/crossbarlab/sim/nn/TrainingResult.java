package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.tile.EventCounters;
import java.util.List;

/**
 * The outcome of a run.
 *
 * @param testAccuracy test accuracy after the last epoch, 0..1
 * @param trainAccuracy training accuracy of the last epoch, 0..1
 * @param epochs per-epoch metrics
 * @param counters hardware event counts of the whole run
 * @param tiles tiles the network occupied
 * @param wallSeconds wall time of the whole run, s
 * @param trainExamplesPerSecond training examples per second of wall time spent training (evaluation
 *     excluded)
 * @param evaluationSeconds wall time spent evaluating the test set, all epochs together, s
 * @param inference inference on the PCM pairs alone after training, one point per requested time
 *     (empty when none was requested)
 * @param weights the trained weights at the end of training, as the arrays read them
 */
public record TrainingResult(
        double testAccuracy,
        double trainAccuracy,
        List<EpochReport> epochs,
        EventCounters.Snapshot counters,
        int tiles,
        double wallSeconds,
        double trainExamplesPerSecond,
        double evaluationSeconds,
        List<InferencePoint> inference,
        TrainedWeights weights) {}
