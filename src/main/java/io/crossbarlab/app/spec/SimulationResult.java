package io.crossbarlab.app.spec;

import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.TrainingResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The result document of a simulation (command line {@code --json} and job results). */
@Schema(description = "Outcome of a simulated training run")
public record SimulationResult(
        @Schema(description = "Test accuracy after the last epoch, fraction 0..1", example = "0.9605")
        double testAccuracy,

        @Schema(
                description =
                        "Training accuracy of the last epoch (examples scored before their own update), fraction 0..1",
                example = "0.9912")
        double trainAccuracy,

        @Schema(description = "Per-epoch metrics") List<EpochMetrics> epochs,

        @Schema(description = "Hardware event counts of the run")
        CounterSnapshot counters,

        @Schema(description = "Crossbar tiles the network occupied", example = "3")
        int tiles,

        @Schema(description = "Wall time of the whole run, seconds", example = "41.2")
        double wallSeconds,

        @Schema(description = "Training examples per second of wall time spent training", example = "9200.0")
        double trainExamplesPerSecond,

        @Schema(description = "Wall time spent evaluating the test set, all epochs together, seconds", example = "0.4")
        double evaluationSeconds,

        @Schema(
                description =
                        "Energy, area and speed of this very run on the modelled hardware, from its own event counts")
        EstimateResponse estimate,

        @Schema(
                description =
                        "Inference on the PCM pairs alone after training, one point per requested time (training.inferenceTimesSeconds); empty when none was requested")
        List<InferenceMetrics> inference) {

    @Schema(description = "Test metrics of the network on its PCM pairs alone, some time after programming")
    public record InferenceMetrics(
            @Schema(description = "Time since the trained weights were programmed, seconds", example = "86400")
            double seconds,

            @Schema(description = "Test accuracy without drift compensation, fraction 0..1", example = "0.93")
            double testAccuracy,

            @Schema(description = "Test cross-entropy without drift compensation, nats", example = "0.3")
            double testLoss,

            @Schema(description = "Test accuracy with global drift compensation, fraction 0..1", example = "0.95")
            double compensatedTestAccuracy,

            @Schema(description = "Test cross-entropy with global drift compensation, nats", example = "0.2")
            double compensatedTestLoss) {

        public static InferenceMetrics from(io.crossbarlab.sim.nn.InferencePoint p) {
            return new InferenceMetrics(
                    p.seconds(), p.testAccuracy(), p.testLoss(), p.compensatedTestAccuracy(), p.compensatedTestLoss());
        }
    }

    @Schema(description = "Metrics of one epoch")
    public record EpochMetrics(
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
            double seconds) {

        public static EpochMetrics from(EpochReport r) {
            return new EpochMetrics(
                    r.epoch(), r.trainAccuracy(), r.trainLoss(), r.testAccuracy(), r.testLoss(), r.seconds());
        }
    }

    public static SimulationResult from(TrainingResult r, EstimateResponse estimate) {
        return new SimulationResult(
                r.testAccuracy(),
                r.trainAccuracy(),
                r.epochs().stream().map(EpochMetrics::from).toList(),
                CounterSnapshot.from(r.counters()),
                r.tiles(),
                r.wallSeconds(),
                r.trainExamplesPerSecond(),
                r.evaluationSeconds(),
                estimate,
                r.inference().stream().map(InferenceMetrics::from).toList());
    }
}
