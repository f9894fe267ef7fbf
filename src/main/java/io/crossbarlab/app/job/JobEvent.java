package io.crossbarlab.app.job;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a job's history.
 *
 * @param id monotonically increasing event id (the SSE event id)
 * @param jobId the job
 * @param attempt the attempt that wrote it (0 for the submission)
 * @param at when it happened
 * @param type STATE (a transition) or EPOCH (an epoch's metrics)
 * @param fromState previous state, for STATE events
 * @param toState new state, for STATE events
 * @param reason why, in words
 * @param data JSON payload (epoch metrics), or null
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
        String data) {

    public static final String STATE = "STATE";
    public static final String EPOCH = "EPOCH";
}
