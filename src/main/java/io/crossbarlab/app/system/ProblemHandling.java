package io.crossbarlab.app.system;

import io.crossbarlab.app.job.JobExceptions;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type);
        p.setTitle(title);
        return p;
    }

    static List<Map<String, String>> errors(List<InvalidSpecException.Violation> violations) {
        List<Map<String, String>> out = new ArrayList<>();
        for (InvalidSpecException.Violation v : violations) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("field", v.field());
            e.put("message", v.message());
            out.add(e);
        }
        return out;
    }

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

    @ExceptionHandler(JobExceptions.JobNotFound.class)
    ProblemDetail notFound(JobExceptions.JobNotFound e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Job not found", e.getMessage());
    }

    @ExceptionHandler(JobExceptions.WrongState.class)
    ProblemDetail wrongState(JobExceptions.WrongState e) {
        ProblemDetail p =
                problem(HttpStatus.CONFLICT, ProblemTypes.WRONG_STATE, "Job is in the wrong state", e.getMessage());
        p.setProperty("state", e.state().name());
        return p;
    }

    @ExceptionHandler(JobExceptions.TooLarge.class)
    ProblemDetail tooLarge(JobExceptions.TooLarge e) {
        ProblemDetail p = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemTypes.TOO_LARGE_FOR_POOL,
                "Job can never fit a node",
                e.getMessage());
        p.setProperty("tilesRequired", e.required());
        p.setProperty("tilesPerNode", e.capacity());
        p.setProperty(
                "errors",
                errors(List.of(new InvalidSpecException.Violation(
                        "network.layers", "needs " + e.required() + " tiles; a node has " + e.capacity()))));
        return p;
    }

    @ExceptionHandler(JobExceptions.KeyReused.class)
    ProblemDetail keyReused(JobExceptions.KeyReused e) {
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key reused",
                e.getMessage());
    }

    @ExceptionHandler(JobExceptions.KeyInFlight.class)
    ProblemDetail keyInFlight(JobExceptions.KeyInFlight e) {
        return problem(
                HttpStatus.CONFLICT, ProblemTypes.IDEMPOTENCY_KEY_IN_FLIGHT, "Request still in flight", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        InvalidSpecException.Violation v = new InvalidSpecException.Violation(
                e.getName(), "must be a " + expected + " (was '" + e.getValue() + "')");
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", v.field() + ": " + v.message());
        p.setProperty("errors", errors(List.of(v)));
        return p;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL,
                "Internal error",
                "an unexpected error occurred; it has been logged");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidSpecException.Violation> v = new ArrayList<>();
        for (FieldError f : ex.getBindingResult().getFieldErrors()) {
            v.add(new InvalidSpecException.Violation(
                    f.getField(), f.getDefaultMessage() + " (was " + f.getRejectedValue() + ")"));
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
            v.add(new InvalidSpecException.Violation("request", ex.getMessage()));
        }
        return ResponseEntity.badRequest().body(invalid(new InvalidSpecException(v)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "is not valid JSON";
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException je) {
            String path = path(je);
            if (!path.isEmpty()) {
                field = path;
            }
            message = je.getOriginalMessage();
            if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
                message = "unknown property";
            } else if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mi
                    && mi.getTargetType() != null) {
                message = "must be of type " + simpleType(mi.getTargetType()) + " ("
                        + firstLine(je.getOriginalMessage()) + ")";
            } else if (cause instanceof tools.jackson.core.exc.StreamReadException) {
                message = "is not valid JSON: " + firstLine(je.getOriginalMessage());
            }
        } else if (ex.getMessage() != null && ex.getMessage().contains("Required request body is missing")) {
            message = "is required";
        }
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body", field + ": " + message);
        p.setProperty("errors", errors(List.of(new InvalidSpecException.Violation(field, message))));
        return ResponseEntity.badRequest().body(p);
    }

    private static String simpleType(Class<?> c) {
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return "integer";
        }
        if (c == Double.class || c == double.class) {
            return "number";
        }
        if (c == String.class) {
            return "string";
        }
        if (java.util.List.class.isAssignableFrom(c)) {
            return "array";
        }
        if (java.util.Map.class.isAssignableFrom(c) || c.isRecord()) {
            return "object";
        }
        return c.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
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
                        case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
                        case 400 -> ProblemTypes.VALIDATION;
                        default -> ProblemTypes.INTERNAL;
                    });
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
