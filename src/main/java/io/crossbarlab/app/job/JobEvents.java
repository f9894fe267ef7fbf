package io.crossbarlab.app.job;

import java.util.UUID;

/** In-process notifications published by the job service for whoever schedules and runs jobs. */
public final class JobEvents {

    private JobEvents() {}

    /** A job was queued. */
    public record Submitted(UUID jobId) {}

    /** Cancellation of a running job was requested. */
    public record CancelRequested(UUID jobId) {}

    /** An event of the job was committed on this node (for whoever streams events: no need to wait). */
    public record Written(UUID jobId) {}
}
