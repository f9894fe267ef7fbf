package io.crossbarlab.app.job.web;

import static io.crossbarlab.app.system.ProblemDocuments.errors;
import static io.crossbarlab.app.system.ProblemDocuments.problem;

import io.crossbarlab.app.job.JobExceptions;
import io.crossbarlab.app.system.ProblemTypes;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The job API's own errors as problem documents. Ordered before the service-wide handler (which ends
 * in a catch-all), so that these exceptions reach their handlers here.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobProblemHandling {

    @ExceptionHandler(JobExceptions.JobNotFound.class)
    ProblemDetail notFound(JobExceptions.JobNotFound e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Job not found", e.getMessage());
    }

    @ExceptionHandler(JobExceptions.NoWeights.class)
    ProblemDetail noWeights(JobExceptions.NoWeights e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No weights", e.getMessage());
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
}
