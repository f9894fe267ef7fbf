package io.crossbarlab.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the API ({@code crossbar.security.*}).
 *
 * @param mode {@code anonymous}: no tokens, every caller is the owner "anonymous" and sees everything
 *     (the default of a local {@code ./mvnw spring-boot:run}); {@code tokens}: every API request needs a
 *     bearer token, and a caller sees and cancels only its own jobs and sweeps unless its token is an
 *     admin token (the default of the {@code postgres} profile and the container)
 * @param bootstrapAdminToken an admin token to create at start if no token with its hash exists (for
 *     the first administrator, e.g. from a Kubernetes Secret); empty: none
 */
@ConfigurationProperties("crossbar.security")
public record SecuritySettings(Mode mode, String bootstrapAdminToken) {

    public enum Mode {
        ANONYMOUS,
        TOKENS
    }

    public SecuritySettings {
        mode = mode == null ? Mode.ANONYMOUS : mode;
        bootstrapAdminToken = bootstrapAdminToken == null || bootstrapAdminToken.isBlank() ? null : bootstrapAdminToken;
    }

    public boolean tokens() {
        return mode == Mode.TOKENS;
    }
}
