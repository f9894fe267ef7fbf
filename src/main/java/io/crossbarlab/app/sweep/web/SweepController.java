package io.crossbarlab.app.sweep.web;

import io.crossbarlab.app.sweep.SweepCurves;
import io.crossbarlab.app.sweep.SweepDefinition;
import io.crossbarlab.app.sweep.SweepExtension;
import io.crossbarlab.app.sweep.SweepPage;
import io.crossbarlab.app.sweep.SweepService;
import io.crossbarlab.app.sweep.SweepView;
import io.crossbarlab.app.system.Csv;
import io.crossbarlab.app.system.LabelFilters;
import io.crossbarlab.app.system.PageSizes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/sweeps", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "sweeps",
        description = "Studies: a base spec over a grid, random or listed points x seeds, expanded into jobs, "
                + "with statistics over seeds, curves, CSV and the accuracy-energy Pareto front")
class SweepController {

    /** A sweep carries at most 18 labels (its jobs also get crossbar.sweep and crossbar.sweep-point). */
    static final int MAX_LABEL_FILTERS = 18;

    private final SweepService sweeps;

    SweepController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitSweep",
            summary = "Queue a sweep",
            description = "Validates every point and run first: a bad point rejects the whole sweep with one "
                    + "problem listing each bad point and field. Returns 202 with the sweep and its Location; "
                    + "its jobs are ordinary jobs labelled crossbar.sweep and crossbar.sweep-point.")
    @ApiResponse(responseCode = "202", description = "Queued")
    ResponseEntity<SweepView> submit(@Valid @RequestBody SweepDefinition request) {
        SweepView v = sweeps.create(request);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(v.id())
                .toUri();
        return ResponseEntity.accepted().location(location).body(v);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getSweep",
            summary = "A sweep: state, progress and per point mean, std, n and 95 % interval of its metrics")
    SweepView get(@PathVariable UUID id) {
        return sweeps.get(id);
    }

    @GetMapping("/{id}/curves")
    @Operation(operationId = "getSweepCurves", summary = "Per-epoch mean ± std of each point over its runs")
    SweepCurves curves(@PathVariable UUID id) {
        return sweeps.curves(id);
    }

    @GetMapping(path = "/{id}/results.csv", produces = "text/csv")
    @Operation(
            operationId = "getSweepResultsCsv",
            summary = "One CSV row per run: point, parameters, seed, job, state and metrics")
    @ApiResponse(
            responseCode = "200",
            description = "RFC 4180 CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    ResponseEntity<String> csv(@PathVariable UUID id) {
        return Csv.attachment("sweep-" + id + ".csv", sweeps.csv(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelSweep",
            summary = "Cancel a sweep (idempotent): each of its jobs that has not ended is cancelled")
    SweepView cancel(@PathVariable UUID id) {
        return sweeps.cancel(id);
    }

    @PostMapping(path = "/{id}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "extendSweep",
            summary = "Add seeds or points to a sweep",
            description = "Every point then runs with every seed; runs it has are kept and identical finished "
                    + "runs are reused. 409 on a cancelled sweep.")
    ResponseEntity<SweepView> extend(@PathVariable UUID id, @Valid @RequestBody SweepExtension request) {
        return ResponseEntity.accepted().body(sweeps.extend(id, request));
    }

    @GetMapping
    @Operation(operationId = "listSweeps", summary = "Sweeps, newest first, filtered by labels")
    SweepPage list(
            @Parameter(
                            description = "Only sweeps with all these labels, as key=value (repeatable, at most 18)",
                            array =
                                    @ArraySchema(
                                            maxItems = 18,
                                            schema = @Schema(type = "string", example = "study=polarity")))
                    @RequestParam(required = false)
                    List<String> label,
            @Parameter(
                            description = "Page size, 1 to 1000",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "1000",
                                            defaultValue = "50"))
                    @RequestParam(required = false)
                    Integer pageSize,
            @Parameter(description = "Token from the previous page") @RequestParam(required = false) String pageToken) {
        int size = PageSizes.of(pageSize);
        Map<String, String> labels = LabelFilters.parse(label, MAX_LABEL_FILTERS);
        return sweeps.list(labels, size, pageToken);
    }
}
