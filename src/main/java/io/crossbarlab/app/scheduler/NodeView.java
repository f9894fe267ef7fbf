package io.crossbarlab.app.scheduler;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A node as {@code GET /api/v1/nodes} shows it. */
@Schema(description = "A service instance and its tile pool")
public record NodeView(
        @Schema(description = "Node id", example = "node-1") String id,

        @Schema(description = "Tiles in the pool", example = "16")
        int tiles,

        @Schema(description = "Tiles held by running jobs", example = "3")
        int allocated,

        @Schema(description = "Rows per tile", example = "512")
        int tileRows,

        @Schema(description = "Columns per tile", example = "512")
        int tileCols,

        @Schema(description = "Simulation threads", example = "2")
        int threads,

        @Schema(description = "Jobs running on the node") List<UUID> runningJobs,

        @Schema(description = "When the node (last) started", example = "2026-11-28T12:00:00Z")
        Instant startedAt,

        @Schema(description = "Last heartbeat", example = "2026-11-28T12:05:00Z")
        Instant heartbeatAt,

        @Schema(description = "Whether the last heartbeat is within the lease", example = "true")
        boolean alive) {}
