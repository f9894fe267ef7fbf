package io.crossbarlab.app.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What one owner may hold or do ({@code crossbar.quotas.*}); every owner alike, admins included. In the
 * anonymous mode everyone is the one owner "anonymous", so these are then service-wide.
 *
 * @param queuedJobs jobs an owner may have QUEUED at once (a floating-point twin and each run of a
 *     sweep count); more: 429
 * @param runningTiles pool tiles an owner's jobs may hold at once over all nodes; 0: no cap. Jobs
 *     past it stay queued until the owner's running jobs free tiles
 * @param submissionsPerMinute submissions (a job, with its twin, or a sweep) an owner may make per
 *     minute on one node, as a token bucket of this size refilled continuously; 0: no limit. More: 429
 * @param runsPerSweep runs (points x seeds) one sweep of an owner may have; more: 403 (the service's
 *     own bound, {@code crossbar.sweeps.max-runs}, applies above it: 422)
 */
@Validated
@ConfigurationProperties("crossbar.quotas")
public record QuotaSettings(
        @Min(1) @Max(10_000_000) int queuedJobs,
        @Min(0) @Max(10_000_000) int runningTiles,
        @Min(0) @Max(1_000_000) int submissionsPerMinute,
        @Min(1) @Max(1_000_000) int runsPerSweep) {}
