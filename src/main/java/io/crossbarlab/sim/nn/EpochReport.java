package io.crossbarlab.sim.nn;

import io.swagger.v3.oas.annotations.media.Schema;

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
@Schema(name = "EpochMetrics", description = "Metrics of one epoch")
public record EpochReport(
        @Schema(description = "1-based epoch number", example = "1")
        int epoch,

        @Schema(description = "Training accuracy during the epoch, fraction 0..1", example = "0.87")
        double trainAccuracy,

        @Schema(description = "Mean training cross-entropy, nats", example = "0.45")
        double trainLoss,

        @Schema(description = "Test accuracy after the epoch, fraction 0..1", example = "0.91")
        double testAccuracy,

        @Schema(description = "Mean test cross-entropy, nats", example = "0.31")
        double testLoss,

        @Schema(description = "Wall time of the epoch including evaluation, seconds", example = "2.1")
        double seconds)
        implements java.io.Serializable {}
