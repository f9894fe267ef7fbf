package io.crossbarlab.app.sweep;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on one sweep ({@code crossbar.sweeps.*}), checked before anything of it is queued.
 *
 * @param maxPoints the most points (grid combinations, random samples or list entries) a sweep may have
 * @param maxRuns the most runs (points x seeds) a sweep may have, counting those added by extending it
 */
@Validated
@ConfigurationProperties("crossbar.sweeps")
public record SweepSettings(@Min(1) int maxPoints, @Min(1) int maxRuns) {}
