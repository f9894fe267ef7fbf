package io.crossbarlab.app.system;

import java.net.URI;

/** Stable {@code type} URIs of the problem responses (RFC 9457), one per kind of error. */
public final class ProblemTypes {

    private static final String BASE = "https://crossbarlab.io/problems/";

    public static final URI VALIDATION = URI.create(BASE + "validation");
    public static final URI MALFORMED_BODY = URI.create(BASE + "malformed-body");
    public static final URI BODY_TOO_LARGE = URI.create(BASE + "body-too-large");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI WRONG_STATE = URI.create(BASE + "wrong-state");
    public static final URI TOO_LARGE_FOR_POOL = URI.create(BASE + "too-large-for-pool");
    public static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");
    public static final URI IDEMPOTENCY_KEY_IN_FLIGHT = URI.create(BASE + "idempotency-key-in-flight");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
    public static final URI MALFORMED_DATASET = URI.create(BASE + "malformed-dataset");
    public static final URI NAME_TAKEN = URI.create(BASE + "name-taken");
    public static final URI LIMIT_EXCEEDED = URI.create(BASE + "limit-exceeded");
    public static final URI UNAVAILABLE = URI.create(BASE + "unavailable");
    public static final URI INTERNAL = URI.create(BASE + "internal");
    public static final URI UNAUTHENTICATED = URI.create(BASE + "unauthenticated");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

    private ProblemTypes() {}
}
