package io.crossbarlab.app.sweep;

import io.crossbarlab.app.system.LimitExceeded;
import org.springframework.http.HttpStatus;

/** The 422 problems of a sweep past its configured size limits ({@link SweepSettings}). */
final class SweepLimits {

    private SweepLimits() {}

    static LimitExceeded points(String field, long points, int max) {
        return new LimitExceeded(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "crossbar.sweeps.max-points",
                max,
                field,
                "the sweep has " + points + (points > max ? " or more" : "") + " points; a sweep may have at most "
                        + max);
    }

    static LimitExceeded runs(String field, long runs, int max) {
        return new LimitExceeded(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "crossbar.sweeps.max-runs",
                max,
                field,
                "the sweep has " + runs + " runs (points x seeds); a sweep may have at most " + max);
    }
}
