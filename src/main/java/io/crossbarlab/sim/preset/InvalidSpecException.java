package io.crossbarlab.sim.preset;

import java.util.List;

/**
 * A run specification that cannot be simulated. Carries one {@link Violation} per offending field,
 * each naming the field (as a JSON path such as {@code device.overrides.gainFactor}) and the allowed
 * range, so that callers can report every problem at once.
 */
public final class InvalidSpecException extends IllegalArgumentException {

    /** One offending field and what is allowed there. */
    public record Violation(String field, String message) {}

    private final transient List<Violation> violations;

    public InvalidSpecException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidSpecException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("invalid spec:");
        for (Violation v : violations) {
            sb.append(' ').append(v.field()).append(": ").append(v.message()).append(';');
        }
        return sb.toString();
    }
}
