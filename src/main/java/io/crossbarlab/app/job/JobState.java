package io.crossbarlab.app.job;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifecycle of a job. The transition table here is the only one: every guarded update in SQL takes
 * its state names from this enum ({@link #sqlList}, {@link #HELD_SQL}, {@link #name()} as a bound
 * parameter) and checks {@link #canMoveTo} before it writes.
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

    /** The states in which a node holds the job (its tiles, its lease, its fenced writes). */
    public static final Set<JobState> HELD = EnumSet.of(RUNNING, CANCELLING);

    /** {@link #HELD} as an SQL list, {@code ('RUNNING', 'CANCELLING')}. */
    public static final String HELD_SQL = sqlList(HELD);

    /** An SQL {@code IN} list of state names, {@code ('A', 'B')}; the names are this enum's constants. */
    public static String sqlList(Collection<JobState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
