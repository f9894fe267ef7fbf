package io.crossbarlab.app.system;

import org.springframework.http.HttpStatus;

/**
 * A request refused because it would pass a configured limit. The problem response names the limit
 * (its configuration property), its value and, where it applies, the field of the request at fault.
 */
public final class LimitExceeded extends RuntimeException {

    private final HttpStatus status;
    private final String limit;
    private final Object value;
    private final String field;

    /**
     * @param status 429 for a limit on open resources or rates (retry later), 422 for a request that
     *     can never be accepted as it is
     * @param limit the configuration property of the limit, such as {@code crossbar.limits.max-work}
     * @param value the limit's value
     * @param field the request field at fault, or null
     * @param message what was refused and why, in the client's terms
     */
    public LimitExceeded(HttpStatus status, String limit, Object value, String field, String message) {
        super(message);
        this.status = status;
        this.limit = limit;
        this.value = value;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String limit() {
        return limit;
    }

    public Object value() {
        return value;
    }

    public String field() {
        return field;
    }
}
