package io.crossbarlab.app.sweep;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One page of sweeps, newest first. */
@Schema(description = "A page of sweeps, newest first")
public record SweepPage(
        @Schema(description = "The sweeps of this page") List<Item> sweeps,

        @Schema(description = "Token of the next page, or null on the last")
        String nextPageToken) {

    @Schema(name = "SweepSummary", description = "A sweep in a list")
    public record Item(
            @Schema(description = "Sweep id") UUID id,
            @Schema(description = "Display name") String name,
            @Schema(description = "Labels") Map<String, String> labels,
            @Schema(description = "Derived from its jobs") SweepState state,
            @Schema(description = "Submission time") Instant createdAt,
            @Schema(description = "Points") int points,
            @Schema(description = "Its jobs by state") SweepView.Progress progress) {}
}
