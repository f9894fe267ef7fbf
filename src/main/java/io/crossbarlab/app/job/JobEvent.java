package io.crossbarlab.app.job;

import io.crossbarlab.sim.nn.EpochReport;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a job's history.
 *
 * @param id monotonically increasing event id (the SSE event id)
 * @param jobId the job
 * @param attempt the attempt that wrote it (0 for the submission)
 * @param at when it happened
 * @param type STATE (a transition), EPOCH (an epoch's metrics), CHECKPOINT (the run's state stored
 *     after an epoch) or RESUMED (an attempt continuing from the last checkpoint)
 * @param fromState previous state, for STATE events
 * @param toState new state, for STATE events
 * @param reason why, in words
 * @param epoch the epoch's metrics (from job_epoch) for EPOCH events, else null
 */
public record JobEvent(
        long id,
        UUID jobId,
        int attempt,
        Instant at,
        String type,
        JobState fromState,
        JobState toState,
        String reason,
        EpochReport epoch) {

    public static final String STATE = "STATE";
    public static final String EPOCH = "EPOCH";
    public static final String CHECKPOINT = "CHECKPOINT";
    public static final String RESUMED = "RESUMED";
}
