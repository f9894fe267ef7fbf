package io.crossbarlab.app.scheduler;

import java.time.Instant;
import java.util.UUID;

/**
 * A job this node is running: its fencing token (attempt), tiles, whether it is long, its wall-time
 * deadline and stop flags.
 */
final class RunningJob {

    final UUID id;
    final int attempt;
    final int[] tiles;
    final Instant createdAt;
    final boolean longJob;
    final long wallTimeLimitSeconds;
    private final long deadlineNanos;
    volatile boolean cancelRequested;
    volatile boolean lost;
    volatile boolean timedOut;

    RunningJob(UUID id, int attempt, int[] tiles, Instant createdAt, boolean longJob, long wallTimeLimitSeconds) {
        this.id = id;
        this.attempt = attempt;
        this.tiles = tiles;
        this.createdAt = createdAt;
        this.longJob = longJob;
        this.wallTimeLimitSeconds = wallTimeLimitSeconds;
        // at most about 146 years ahead, so that the nanosecond arithmetic cannot overflow
        long seconds = Math.min(wallTimeLimitSeconds, Long.MAX_VALUE / 2_000_000_000L);
        this.deadlineNanos = System.nanoTime() + seconds * 1_000_000_000L;
    }

    /** Asked by the trainer after every example. */
    boolean shouldStop() {
        if (!timedOut && System.nanoTime() - deadlineNanos > 0) {
            timedOut = true;
        }
        return cancelRequested || lost || timedOut;
    }
}
