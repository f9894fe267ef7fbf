package io.crossbarlab.app.job;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what one job may cost ({@code crossbar.limits.*}), checked at submission and while a job
 * runs. Work is counted in synapse-examples: synapses x training examples per epoch x epochs.
 *
 * @param maxWorkWithoutWallTime work a job may have without stating its own wall-time limit; a larger
 *     job must state one (so that nobody starts a day-long job by accident)
 * @param maxWork the most work any job may have
 * @param defaultWallTime wall-time limit of a job's attempt when it states none
 * @param maxWallTime the largest wall-time limit a job may state
 */
@Validated
@ConfigurationProperties("crossbar.limits")
public record LimitSettings(
        @Min(1) long maxWorkWithoutWallTime,
        @Min(1) long maxWork,
        @NotNull Duration defaultWallTime,
        @NotNull Duration maxWallTime) {}
