package io.crossbarlab.app.sweep.web;

import static io.crossbarlab.app.system.ProblemDocuments.problem;

import io.crossbarlab.app.sweep.SweepExceptions;
import io.crossbarlab.app.system.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The sweep API's own errors as problem documents, ahead of the service-wide catch-all. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SweepProblemHandling {

    @ExceptionHandler(SweepExceptions.NotFound.class)
    ProblemDetail notFound(SweepExceptions.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Sweep not found", e.getMessage());
    }

    @ExceptionHandler(SweepExceptions.Conflict.class)
    ProblemDetail conflict(SweepExceptions.Conflict e) {
        ProblemDetail p =
                problem(HttpStatus.CONFLICT, ProblemTypes.WRONG_STATE, "Sweep is in the wrong state", e.getMessage());
        p.setProperty("state", e.state().name());
        return p;
    }
}
