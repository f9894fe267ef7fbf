package io.crossbarlab.app.sweep;

import io.crossbarlab.app.job.JobState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A sweep as its API shows it: what was asked, its state from its jobs, and each point's statistics. */
@Schema(name = "SweepResponse", description = "A sweep: its points, their runs and statistics over seeds")
public record SweepView(
        @Schema(description = "Sweep id") UUID id,
        @Schema(description = "Display name") String name,

        @Schema(description = "Labels (each of its jobs carries them too)")
        Map<String, String> labels,

        @Schema(description = "Derived from its jobs") SweepState state,
        @Schema(description = "Submission time") Instant createdAt,

        @Schema(description = "When it was cancelled, or null")
        Instant cancelledAt,

        @Schema(description = "Seeds each point runs with") List<Long> seeds,

        @Schema(description = "Most tiles its running jobs may hold at once, or null for no cap")
        Integer maxTiles,

        @Schema(description = "The spec paths its points set, in order of first appearance")
        List<String> parameters,

        @Schema(description = "Its jobs by state") Progress progress,
        @Schema(description = "The points, by index") List<Point> points) {

    /** The jobs of a sweep by state. */
    @Schema(name = "SweepProgress", description = "A sweep's runs by state")
    public record Progress(
            @Schema(description = "Runs (points x seeds)", example = "12")
            int runs,

            @Schema(description = "QUEUED") int queued,
            @Schema(description = "RUNNING or CANCELLING") int running,

            @Schema(description = "SUCCEEDED (including reused)")
            int succeeded,

            @Schema(description = "FAILED") int failed,
            @Schema(description = "CANCELLED") int cancelled,

            @Schema(description = "SUCCEEDED at submission from an earlier identical run")
            int reused,

            @Schema(description = "Runs in a final state, fraction 0..1", example = "0.5")
            double finished) {}

    /** One point: its assignments, its runs and the statistics of their metrics. */
    @Schema(name = "SweepPoint", description = "A point of a sweep: its parameter values, runs and statistics")
    public record Point(
            @Schema(description = "Point index", example = "0")
            int index,

            @Schema(description = "Spec path to the value it takes at this point")
            Map<String, JsonNode> parameters,

            @Schema(description = "Its runs, by seed") List<Run> runs,

            @Schema(description = "Final test accuracy, fraction 0..1")
            Summary testAccuracy,

            @Schema(description = "Final-epoch training accuracy, fraction 0..1")
            Summary trainAccuracy,

            @Schema(description = "Estimated energy efficiency of training, GOP/s/W")
            Summary energyEfficiencyGopsPerWatt,

            @Schema(description = "Estimated throughput per area, TOP/s/mm²")
            Summary throughputPerAreaTopsPerMm2,

            @Schema(description = "Estimated time per training example, seconds")
            Summary secondsPerExample,

            @Schema(
                    description = "On the Pareto front of mean test accuracy against mean energy efficiency "
                            + "(no other point is at least as good in both and better in one); null until "
                            + "it has both")
            Boolean pareto) {}

    /** One run of a point. */
    @Schema(name = "SweepRun", description = "A run of a point: its job")
    public record Run(
            @Schema(description = "The job") UUID jobId,
            @Schema(description = "Its seed") long seed,
            @Schema(description = "The job's state") JobState state,

            @Schema(description = "The finished job whose result it reuses, or null")
            UUID reusedFrom) {}
}
