package io.crossbarlab.sim.nn;

/**
 * Metrics of one epoch.
 *
 * @param epoch 1-based epoch number
 * @param trainAccuracy fraction of training examples classified correctly as they were presented
 *     (before their own update), 0..1
 * @param trainLoss mean cross-entropy over the epoch's training examples, nats
 * @param testAccuracy fraction of test examples classified correctly after the epoch, 0..1
 * @param testLoss mean cross-entropy over the test set after the epoch, nats
 * @param seconds wall time of the epoch including evaluation, s
 */
public record EpochReport(
        int epoch, double trainAccuracy, double trainLoss, double testAccuracy, double testLoss, double seconds) {}
