package io.crossbarlab.app.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes the current request: the owner of its token, and whether the token is an admin token.
 * In the anonymous mode every request is {@link #ANONYMOUS}, which sees everything.
 *
 * @param owner the owner name jobs and sweeps are stored with
 * @param admin whether it sees and cancels every owner's jobs and manages tokens
 */
public record Caller(String owner, boolean admin) {

    public static final String ANONYMOUS_OWNER = "anonymous";
    public static final Caller ANONYMOUS = new Caller(ANONYMOUS_OWNER, true);

    /** The caller of the current request; {@link #ANONYMOUS} when no token authenticated it. */
    public static Caller current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getPrincipal() instanceof Caller c ? c : ANONYMOUS;
    }

    /** Whether this caller may see a job or sweep stored with {@code storedOwner}. */
    public boolean sees(String storedOwner) {
        return admin || owner.equals(storedOwner);
    }

    /** The owner a list is restricted to, or null for an admin, who sees every owner's. */
    public String listOwner() {
        return admin ? null : owner;
    }
}
