package io.crossbarlab.sim.nn;

/**
 * Test metrics of the trained network run on its PCM pairs alone, some time after they were
 * programmed with the trained weights.
 *
 * @param seconds time since programming, s
 * @param testAccuracy without drift compensation, 0..1
 * @param testLoss without drift compensation, nats
 * @param compensatedTestAccuracy with global drift compensation, 0..1
 * @param compensatedTestLoss with global drift compensation, nats
 */
public record InferencePoint(
        double seconds,
        double testAccuracy,
        double testLoss,
        double compensatedTestAccuracy,
        double compensatedTestLoss) {}
