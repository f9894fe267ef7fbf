package io.crossbarlab.app.system;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The role of this process, {@code crossbar.role}: {@code api}, {@code worker} or {@code all} (the
 * default). Any other value stops the start with the list of allowed ones.
 *
 * @param role what this process does
 */
@Validated
@ConfigurationProperties("crossbar")
public record RoleSettings(@NotNull NodeRole role) {

    public RoleSettings {
        role = role == null ? NodeRole.ALL : role;
    }
}
