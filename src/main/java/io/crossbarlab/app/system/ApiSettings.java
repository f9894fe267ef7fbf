package io.crossbarlab.app.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP API limits ({@code crossbar.api.*}).
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param maxEventStreams server-sent event streams open at once on this node; more get 429
 * @param maxEventStreamsPerClient streams one client address may hold open on this node; more get 429
 */
@Validated
@ConfigurationProperties("crossbar.api")
public record ApiSettings(
        @Min(1024) long maxBodyBytes,
        @Min(1) @Max(100_000) int maxEventStreams,
        @Min(1) @Max(100_000) int maxEventStreamsPerClient) {}
