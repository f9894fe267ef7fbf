package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.Job;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.spec.SimulationResult;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** A job as the API shows it. */
@Schema(description = "A training job")
record JobResponse(
        @Schema(description = "Job id", example = "0b7d6f0e-5c1a-4a4e-9d7e-2f4f3e0a9c11")
        UUID id,

        @Schema(description = "Display name", example = "ambrogio-2018 seed sweep")
        String name,

        @Schema(description = "Labels") Map<String, String> labels,

        @Schema(description = "Scheduling priority; higher runs first", example = "0")
        int priority,

        @Schema(description = "Lifecycle state") JobState state,

        @Schema(description = "Root seed of the run", example = "42")
        long seed,

        @Schema(description = "SHA-256 of the complete spec (canonical JSON)", example = "5f1e...")
        String specHash,

        @Schema(description = "Version of the simulator's physics that runs (or ran) the job", example = "1.0.0")
        String simulatorVersion,

        @Schema(description = "The complete spec, every default written out")
        SimulationSpec spec,

        @Schema(description = "Tiles of the node's pool the job needs", example = "3")
        int tilesRequired,

        @Schema(description = "How far the run has come") Progress progress,

        @Schema(description = "Where the job runs or ran; null while queued")
        Placement placement,

        @Schema(description = "When things happened") Timings timings,

        @Schema(description = "Attempts started so far (a node loss starts another)", example = "1")
        int attempt,

        @Schema(description = "Attempts allowed", example = "3")
        int maxAttempts,

        @Schema(
                description = "Why the job failed, when FAILED",
                example = "lease of node n1 expired; attempts exhausted (3 of 3)")
        String failureReason,

        @Schema(description = "The result, once SUCCEEDED") SimulationResult result,

        @Schema(description = "This job's floating-point baseline twin, when one was requested")
        Baseline baseline,

        @Schema(description = "The job this one is the floating-point baseline of, or null")
        UUID baselineOf,

        @Schema(
                description =
                        "The finished job whose result this one reuses (same resolved spec, seed and simulator version), or null when it ran")
        UUID reusedFrom) {

    @Schema(description = "The floating-point twin of a job: same spec and seed, trained in FP32")
    record Baseline(
            @Schema(description = "The twin's job id") UUID jobId,

            @Schema(description = "The twin's state") JobState state,

            @Schema(description = "The twin's test accuracy once it SUCCEEDED, fraction 0..1", example = "0.952")
            Double testAccuracy,

            @Schema(
                    description = "This job's test accuracy minus the twin's, once both SUCCEEDED "
                            + "(negative: the analog run is below software)",
                    example = "-0.004")
            Double testAccuracyDifference) {}

    @Schema(description = "Progress of a run")
    record Progress(
            @Schema(description = "Epochs completed", example = "3")
            int epochsDone,

            @Schema(description = "Epochs requested", example = "20")
            int epochs,

            @Schema(description = "Training examples done", example = "24000")
            long examplesDone,

            @Schema(description = "Training examples of the whole run", example = "160000")
            long examplesTotal,

            @Schema(description = "examplesDone / examplesTotal, 0..1", example = "0.15")
            double fraction) {}

    @Schema(description = "Placement of a job on a node's tiles")
    record Placement(
            @Schema(description = "Node id", example = "node-1")
            String node,

            @Schema(description = "Tile indices of the node's pool", example = "[0, 1, 2]")
            List<Integer> tiles) {}

    @Schema(description = "Timings (UTC instants; durations in seconds)")
    record Timings(
            @Schema(description = "Submission time", example = "2026-11-28T12:00:00Z")
            Instant createdAt,

            @Schema(description = "Start of the current or last attempt", example = "2026-11-28T12:00:01Z")
            Instant startedAt,

            @Schema(description = "End of the job", example = "2026-11-28T12:01:00Z")
            Instant finishedAt,

            @Schema(description = "Seconds from submission to start (or until now while queued)", example = "1.2")
            Double queuedSeconds,

            @Schema(description = "Seconds from start to end (or until now while running)", example = "58.8")
            Double runSeconds) {}

    /**
     * {@code twin} is the job's floating-point baseline job, or null; {@code epochRows} the job's epochs
     * from job_epoch, attached to its stored result.
     */
    static JobResponse from(Job j, Job twin, List<EpochReport> epochRows, JsonMapper json, Instant now) {
        SimulationSpec spec = json.readValue(j.getSpec(), SimulationSpec.class);
        Map<String, String> labels = j.getLabels();
        Placement placement = j.getNodeId() == null
                ? null
                : new Placement(
                        j.getNodeId(),
                        j.getTiles() == null || j.getTiles().isEmpty()
                                ? List.of()
                                : Arrays.stream(j.getTiles().split(","))
                                        .map(Integer::valueOf)
                                        .toList());
        int epochs = spec.training().epochs();
        Progress progress = new Progress(
                j.getState() == JobState.SUCCEEDED ? epochs : j.getProgressEpoch(),
                epochs,
                j.getState() == JobState.SUCCEEDED ? j.getTotalExamples() : j.getProgressExamples(),
                j.getTotalExamples(),
                j.getState() == JobState.SUCCEEDED
                        ? 1.0
                        : j.getTotalExamples() == 0 ? 0 : (double) j.getProgressExamples() / j.getTotalExamples());
        Instant end = j.getFinishedAt() != null ? j.getFinishedAt() : now;
        Double queued = null;
        if (j.getStartedAt() != null) {
            queued = seconds(j.getCreatedAt(), j.getStartedAt());
        } else if (j.getState() == JobState.QUEUED) {
            queued = seconds(j.getCreatedAt(), now);
        }
        Double ran = j.getStartedAt() != null ? seconds(j.getStartedAt(), end) : null;
        SimulationResult result = j.getState() == JobState.SUCCEEDED && j.getResult() != null
                ? json.readValue(j.getResult(), SimulationResult.class).withEpochs(epochRows)
                : null;
        return new JobResponse(
                j.getId(),
                j.getName(),
                labels,
                j.getPriority(),
                j.getState(),
                j.getSeed(),
                j.getSpecHash(),
                j.getSimulatorVersion(),
                spec,
                j.getTilesRequired(),
                progress,
                placement,
                new Timings(j.getCreatedAt(), j.getStartedAt(), j.getFinishedAt(), queued, ran),
                j.getAttempt(),
                j.getMaxAttempts(),
                j.getFailureReason(),
                result,
                baseline(twin, result, json),
                j.getBaselineOf(),
                j.getReusedFrom());
    }

    private static Baseline baseline(Job twin, SimulationResult result, JsonMapper json) {
        if (twin == null) {
            return null;
        }
        Double accuracy = twin.getState() == JobState.SUCCEEDED && twin.getResult() != null
                ? json.readValue(twin.getResult(), SimulationResult.class).testAccuracy()
                : null;
        Double difference = accuracy != null && result != null ? result.testAccuracy() - accuracy : null;
        return new Baseline(twin.getId(), twin.getState(), accuracy, difference);
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }
}
