package io.crossbarlab.app.system;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP API limits ({@code crossbar.api.*}).
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 */
@Validated
@ConfigurationProperties("crossbar.api")
public record ApiSettings(@Min(1024) long maxBodyBytes) {}
