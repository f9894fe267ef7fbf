package io.crossbarlab.app.job;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lifecycle of a job. The transition table here is the only one: every guarded update in SQL takes
 * its allowed source states from {@link #sourcesOf}.
 *
 * <pre>
 * QUEUED → RUNNING → SUCCEEDED | FAILED
 * QUEUED → CANCELLED
 * RUNNING → CANCELLING → CANCELLED   (a run that finishes first may still end SUCCEEDED or FAILED)
 * RUNNING → QUEUED                   (its node was lost and attempts remain)
 * </pre>
 */
public enum JobState {
    QUEUED,
    RUNNING,
    CANCELLING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** States from which a job may move to {@code this}. */
    public Set<JobState> sources() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(QUEUED);
            case CANCELLING -> EnumSet.of(RUNNING);
            case SUCCEEDED, FAILED -> EnumSet.of(RUNNING, CANCELLING);
            case CANCELLED -> EnumSet.of(QUEUED, CANCELLING);
        };
    }

    public boolean canMoveTo(JobState target) {
        return target.sources().contains(this);
    }

    /** Names of the source states of {@code target}, for SQL {@code IN} lists. */
    public static List<String> sourcesOf(JobState target) {
        return target.sources().stream().map(Enum::name).toList();
    }
}
