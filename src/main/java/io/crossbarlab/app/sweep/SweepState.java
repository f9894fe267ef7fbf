package io.crossbarlab.app.sweep;

/**
 * A sweep's state, derived from its jobs' states: QUEUED while none has started, RUNNING while some
 * are not final, then SUCCEEDED when all succeeded, FAILED when any failed, CANCELLED otherwise; a
 * cancelled sweep is CANCELLING until its last running job stops.
 */
public enum SweepState {
    QUEUED,
    RUNNING,
    CANCELLING,
    SUCCEEDED,
    FAILED,
    CANCELLED
}
