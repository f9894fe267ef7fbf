package io.crossbarlab.app.scheduler;

import java.time.Instant;
import java.util.UUID;

/** A job this node is running: its fencing token (attempt), tiles and stop flags. */
final class RunningJob {

    final UUID id;
    final int attempt;
    final int[] tiles;
    final Instant createdAt;
    volatile boolean cancelRequested;
    volatile boolean lost;

    RunningJob(UUID id, int attempt, int[] tiles, Instant createdAt) {
        this.id = id;
        this.attempt = attempt;
        this.tiles = tiles;
        this.createdAt = createdAt;
    }

    boolean shouldStop() {
        return cancelRequested || lost;
    }
}
