package io.crossbarlab.app.spec;

import io.crossbarlab.sim.estimate.Estimate;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.InferencePoint;
import io.crossbarlab.sim.nn.TrainingResult;
import io.crossbarlab.sim.tile.EventCounters;
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

        @Schema(description = "Per-epoch metrics") List<EpochReport> epochs,

        @Schema(description = "Hardware event counts of the run")
        EventCounters.Snapshot counters,

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
        Estimate estimate,

        @Schema(
                description =
                        "Inference on the PCM pairs alone after training, one point per requested time (training.inferenceTimesSeconds); empty when none was requested")
        List<InferencePoint> inference) {

    /**
     * This result with {@code epochs} in place of its own: the service stores results without their
     * epochs (job_epoch is their one copy) and attaches them when it reads one.
     */
    public SimulationResult withEpochs(List<EpochReport> epochs) {
        return new SimulationResult(
                testAccuracy,
                trainAccuracy,
                List.copyOf(epochs),
                counters,
                tiles,
                wallSeconds,
                trainExamplesPerSecond,
                evaluationSeconds,
                estimate,
                inference);
    }

    public static SimulationResult from(TrainingResult r, Estimate estimate) {
        return new SimulationResult(
                r.testAccuracy(),
                r.trainAccuracy(),
                r.epochs(),
                r.counters(),
                r.tiles(),
                r.wallSeconds(),
                r.trainExamplesPerSecond(),
                r.evaluationSeconds(),
                estimate,
                r.inference());
    }
}
