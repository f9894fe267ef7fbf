package io.crossbarlab.app.system;

import static io.crossbarlab.app.system.ProblemDocuments.errors;
import static io.crossbarlab.app.system.ProblemDocuments.problem;

import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 {@code application/problem+json}, with a stable {@code type} per kind and,
 * for invalid input, {@code errors[]} naming each field and what is allowed there.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(InvalidSpecException.class)
    ProblemDetail invalid(InvalidSpecException e) {
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "Invalid request",
                e.violations().size() + " field(s) are invalid: "
                        + e.violations().get(0).field() + ": "
                        + e.violations().get(0).message() + (e.violations().size() > 1 ? "; ..." : ""));
        p.setProperty("errors", errors(e.violations()));
        return p;
    }

    @ExceptionHandler(LimitExceeded.class)
    ResponseEntity<ProblemDetail> limit(LimitExceeded e) {
        ProblemDetail p = problem(e.status(), ProblemTypes.LIMIT_EXCEEDED, "Limit exceeded", e.getMessage());
        p.setProperty("limit", e.limit());
        p.setProperty("limitValue", e.value());
        if (e.field() != null) {
            p.setProperty("errors", errors(List.of(new InvalidSpecException.Violation(e.field(), e.getMessage()))));
        }
        var response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            response = response.header(HttpHeaders.RETRY_AFTER, "10");
        }
        return response.body(p);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> t = e.getRequiredType();
        String expected = t == java.util.UUID.class
                ? "a UUID"
                : t == Integer.class || t == int.class || t == Long.class || t == long.class
                        ? "an integer"
                        : t == Boolean.class || t == boolean.class ? "true or false" : "a valid value";
        InvalidSpecException.Violation v = new InvalidSpecException.Violation(
                e.getName(), "must be " + expected + " (was " + Echo.of(e.getValue()) + ")");
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", v.field() + ": " + v.message());
        p.setProperty("errors", errors(List.of(v)));
        return p;
    }

    /**
     * The database cannot be reached (down, restarting, connections refused or cut): the request did
     * not take effect, or, for a submission, may have; retrying it with the same Idempotency-Key is
     * safe either way.
     */
    static ResponseEntity<Object> unavailable(Exception e) {
        log.warn("database unavailable: {}", e.toString());
        ProblemDetail p = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.UNAVAILABLE,
                "Service unavailable",
                "the database cannot be reached; retry later (submissions with the same Idempotency-Key are safe to retry)");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseFailures.isTransient(e)) {
            return unavailable(e);
        }
        log.error("unexpected error", e);
        return ResponseEntity.internalServerError()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ProblemTypes.INTERNAL,
                        "Internal error",
                        "an unexpected error occurred; it has been logged"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidSpecException.Violation> v = new ArrayList<>();
        for (FieldError f : ex.getBindingResult().getFieldErrors()) {
            v.add(new InvalidSpecException.Violation(
                    f.getField(), f.getDefaultMessage() + " (was " + Echo.of(f.getRejectedValue()) + ")"));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> v.add(new InvalidSpecException.Violation(g.getObjectName(), g.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(new InvalidSpecException(v)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidSpecException.Violation> v = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(r -> r.getResolvableErrors()
                        .forEach(err -> v.add(new InvalidSpecException.Violation(
                                r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        if (v.isEmpty()) {
            v.add(new InvalidSpecException.Violation("request", "is invalid"));
        }
        return ResponseEntity.badRequest().body(invalid(new InvalidSpecException(v)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        InvalidSpecException.Violation v;
        if (ex.getCause() instanceof JacksonException je) {
            v = JsonErrors.describe(je);
        } else if (ex.getMessage() != null && ex.getMessage().contains("Required request body is missing")) {
            v = new InvalidSpecException.Violation("body", "is required");
        } else {
            v = new InvalidSpecException.Violation("body", "is not valid JSON");
        }
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_BODY,
                "Malformed request body",
                v.field() + ": " + v.message());
        p.setProperty("errors", errors(List.of(v)));
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(
                        HttpStatus.NOT_FOUND,
                        ProblemTypes.NOT_FOUND,
                        "Not found",
                        "no resource at /" + ex.getResourcePath()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof org.springframework.web.ErrorResponse er) {
            body = er.updateAndGetBody(
                    getMessageSource(), org.springframework.context.i18n.LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail p
                && (p.getType() == null || "about:blank".equals(p.getType().toString()))) {
            p.setType(
                    switch (statusCode.value()) {
                        case 404 -> ProblemTypes.NOT_FOUND;
                        case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
                        case 406 -> ProblemTypes.NOT_ACCEPTABLE;
                        case 413 -> ProblemTypes.BODY_TOO_LARGE;
                        case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
                        case 400 -> ProblemTypes.MALFORMED_REQUEST;
                        case 503 -> ProblemTypes.UNAVAILABLE;
                        default -> ProblemTypes.INTERNAL;
                    });
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
