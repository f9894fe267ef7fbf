package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.JobEvent;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.sim.nn.EpochReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One entry of a job's history, as sent on the event stream. */
@Schema(description = "A job event: a state transition or an epoch's metrics")
record JobEventResponse(
        @Schema(description = "Event id (also the SSE id)", example = "17")
        long id,

        @Schema(description = "The job it belongs to", example = "0b7d6f0e-5c1a-4a4e-9d7e-2f4f3e0a9c11")
        UUID jobId,

        @Schema(
                description = "The attempt that wrote it: 0 for the submission, then 1, 2, ... for each run",
                example = "1")
        int attempt,

        @Schema(description = "When it happened", example = "2026-11-28T12:00:05Z")
        Instant at,

        @Schema(
                description =
                        "STATE (a transition), EPOCH (an epoch's metrics), CHECKPOINT (the run's state stored after"
                                + " an epoch) or RESUMED (an attempt continuing from the last checkpoint)",
                example = "STATE")
        String type,

        @Schema(description = "Previous state (STATE events)")
        JobState fromState,

        @Schema(description = "New state (STATE events)") JobState toState,

        @Schema(description = "Why", example = "placed on node node-1, tiles 0,1,2, attempt 1")
        String reason,

        @Schema(description = "Epoch metrics (EPOCH events)")
        EpochReport epoch) {

    static JobEventResponse from(JobEvent e) {
        return new JobEventResponse(
                e.id(), e.jobId(), e.attempt(), e.at(), e.type(), e.fromState(), e.toState(), e.reason(), e.epoch());
    }
}
