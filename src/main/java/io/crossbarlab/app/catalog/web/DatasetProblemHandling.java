package io.crossbarlab.app.catalog.web;

import static io.crossbarlab.app.system.ProblemDocuments.errors;
import static io.crossbarlab.app.system.ProblemDocuments.problem;

import io.crossbarlab.app.catalog.DatasetUploads;
import io.crossbarlab.app.system.ProblemTypes;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The data set and device table APIs' own errors as problem documents, ahead of the service-wide catch-all. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatasetProblemHandling {

    @ExceptionHandler(DatasetController.DatasetNotFound.class)
    ProblemDetail notFound(DatasetController.DatasetNotFound e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Data set not found", e.getMessage());
    }

    @ExceptionHandler(DeviceTableController.NotFound.class)
    ProblemDetail tableNotFound(DeviceTableController.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Device table not found", e.getMessage());
    }

    @ExceptionHandler(DatasetUploads.Malformed.class)
    ProblemDetail malformed(DatasetUploads.Malformed e) {
        ProblemDetail p =
                problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_DATASET, "Malformed data set", e.getMessage());
        p.setProperty("errors", errors(List.of(new InvalidSpecException.Violation("body", e.getMessage()))));
        return p;
    }

    @ExceptionHandler(DatasetUploads.NameTaken.class)
    ProblemDetail taken(DatasetUploads.NameTaken e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, ProblemTypes.NAME_TAKEN, "Name taken", e.getMessage());
        p.setProperty("errors", errors(List.of(new InvalidSpecException.Violation("name", e.getMessage()))));
        return p;
    }
}
