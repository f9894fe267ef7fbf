package io.crossbarlab.sim.nn;

import io.swagger.v3.oas.annotations.media.Schema;

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
@Schema(
        name = "InferenceMetrics",
        description = "Test metrics of the network on its PCM pairs alone, some time after programming")
public record InferencePoint(
        @Schema(description = "Time since the trained weights were programmed, seconds", example = "86400")
        double seconds,

        @Schema(description = "Test accuracy without drift compensation, fraction 0..1", example = "0.93")
        double testAccuracy,

        @Schema(description = "Test cross-entropy without drift compensation, nats", example = "0.3")
        double testLoss,

        @Schema(description = "Test accuracy with global drift compensation, fraction 0..1", example = "0.95")
        double compensatedTestAccuracy,

        @Schema(description = "Test cross-entropy with global drift compensation, nats", example = "0.2")
        double compensatedTestLoss) {}
