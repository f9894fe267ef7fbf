package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.Job;
import io.crossbarlab.app.job.JobExceptions;
import io.crossbarlab.app.job.JobService;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.job.SubmitCommand;
import io.crossbarlab.app.security.Caller;
import io.crossbarlab.app.spec.SimulationResult;
import io.crossbarlab.app.system.Csv;
import io.crossbarlab.app.system.Echo;
import io.crossbarlab.app.system.LabelFilters;
import io.crossbarlab.app.system.PageSizes;
import io.crossbarlab.app.system.RequestBodyFilter;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.preset.InvalidSpecException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "jobs", description = "Submit, follow and cancel simulated training jobs")
class JobController {

    /** Printable ASCII, as a structured-field string of the Idempotency-Key draft can carry. */
    static final java.util.regex.Pattern IDEMPOTENCY_KEY =
            java.util.regex.Pattern.compile("[\\x21-\\x7E](?:[\\x20-\\x7E]{0,198}[\\x21-\\x7E])?");

    /** At most this many label filters per request: a job carries at most 20 labels. */
    static final int MAX_LABEL_FILTERS = 20;

    private final JobService jobs;
    private final JobEventStreams streams;
    private final JsonMapper json;
    private final Clock clock;

    JobController(JobService jobs, JobEventStreams streams, JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.streams = streams;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitJob",
            summary = "Queue a training job",
            description = "Returns 202 with the job in state QUEUED and its Location. "
                    + "With an Idempotency-Key, the same key and body replay the first response.")
    @ApiResponse(responseCode = "202", description = "Queued (or replayed)")
    ResponseEntity<JobResponse> submit(
            @Valid @RequestBody SubmitJobRequest request,
            @Parameter(
                            description =
                                    "Makes the submission safe to retry (IETF draft-ietf-httpapi-idempotency-key-header)")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String idempotencyKey,
            @RequestAttribute(name = RequestBodyFilter.HASH_ATTRIBUTE, required = false) String bodyHash) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidSpecException(
                    "Idempotency-Key",
                    "must be 1 to 200 printable ASCII characters, not starting or ending with a space");
        }
        var submission = jobs.submit(new SubmitCommand(
                request.name(),
                request.labels(),
                request.priority() == null ? 0 : request.priority(),
                request.toSpec(),
                idempotencyKey,
                bodyHash == null ? "" : bodyHash,
                Boolean.TRUE.equals(request.floatingPointBaseline()),
                request.limits() == null ? null : request.limits().wallTimeSeconds(),
                !Boolean.FALSE.equals(request.reuse())));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(submission.job().getId())
                .toUri();
        return ResponseEntity.accepted().location(location).body(response(submission.job()));
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getJob",
            summary = "A job: state, progress, placement, timings and, once SUCCEEDED, its result")
    JobResponse get(@PathVariable UUID id) {
        return response(jobs.visible(id));
    }

    @GetMapping
    @Operation(operationId = "listJobs", summary = "Jobs, newest first, filtered by state and labels")
    JobPage list(
            @Parameter(
                            description = "Only jobs in these states (repeat or comma-separate)",
                            array =
                                    @io.swagger.v3.oas.annotations.media.ArraySchema(
                                            schema =
                                                    @Schema(
                                                            type = "string",
                                                            allowableValues = {
                                                                "QUEUED",
                                                                "RUNNING",
                                                                "CANCELLING",
                                                                "SUCCEEDED",
                                                                "FAILED",
                                                                "CANCELLED"
                                                            })))
                    @RequestParam(required = false)
                    List<String> state,
            @Parameter(
                            description = "Only jobs with all these labels, as key=value (repeatable, at most 20)",
                            array =
                                    @io.swagger.v3.oas.annotations.media.ArraySchema(
                                            maxItems = 20,
                                            schema = @Schema(type = "string", example = "study=polarity")))
                    @RequestParam(required = false)
                    List<String> label,
            @Parameter(
                            description = "Page size, 1 to 1000",
                            example = "50",
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
        List<JobState> states = new ArrayList<>();
        if (state != null) {
            for (String s : state) {
                try {
                    states.add(JobState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSpecException(
                            "state",
                            "must be one of QUEUED, RUNNING, CANCELLING, SUCCEEDED, FAILED, CANCELLED (was "
                                    + Echo.of(s) + ")");
                }
            }
        }
        Map<String, String> labels = LabelFilters.parse(label, MAX_LABEL_FILTERS);
        var page = jobs.list(states, labels, size, pageToken);
        var now = clock.instant();
        var baselines = jobs.baselinesOf(page.jobs());
        var epochs = jobs.epochsOf(page.jobs().stream()
                .filter(j -> j.getState() == JobState.SUCCEEDED)
                .map(Job::getRunId)
                .distinct()
                .toList());
        return new JobPage(
                page.jobs().stream()
                        .map(j -> JobResponse.from(
                                j,
                                j.getBaselineJobId() == null ? null : baselines.get(j.getBaselineJobId()),
                                epochs.getOrDefault(j.getRunId(), List.of()),
                                json,
                                now))
                        .toList(),
                page.nextPageToken());
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelJob",
            summary = "Cancel a job (idempotent)",
            description = "A queued job is cancelled at once; a running one moves to CANCELLING "
                    + "and frees its tiles within one training example. 409 on a job that already ended otherwise.")
    JobResponse cancel(@PathVariable UUID id) {
        return response(jobs.cancel(id));
    }

    private JobResponse response(Job job) {
        List<EpochReport> epochs = job.getState() == JobState.SUCCEEDED ? jobs.epochs(job) : List.of();
        return JobResponse.from(job, jobs.baselineOf(job), epochs, json, clock.instant());
    }

    @GetMapping("/{id}/metrics")
    @Operation(operationId = "getJobMetrics", summary = "Per-epoch metrics recorded so far")
    List<EpochReport> metrics(@PathVariable UUID id) {
        jobs.visible(id);
        return jobs.epochs(id);
    }

    @GetMapping(path = "/{id}/metrics.csv", produces = "text/csv")
    @Operation(
            operationId = "getJobMetricsCsv",
            summary = "Per-epoch metrics recorded so far as CSV (epoch, accuracies as fractions, losses, seconds)")
    @ApiResponse(
            responseCode = "200",
            description = "RFC 4180 CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    ResponseEntity<String> metricsCsv(@PathVariable UUID id) {
        jobs.visible(id);
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("epoch", "train_accuracy", "train_loss", "test_accuracy", "test_loss", "seconds"));
        for (EpochReport e : jobs.epochs(id)) {
            Csv.row(
                    out,
                    List.of(
                            Integer.toString(e.epoch()),
                            Double.toString(e.trainAccuracy()),
                            Double.toString(e.trainLoss()),
                            Double.toString(e.testAccuracy()),
                            Double.toString(e.testLoss()),
                            Double.toString(e.seconds())));
        }
        return Csv.attachment("job-" + id + "-metrics.csv", out.toString());
    }

    @GetMapping("/{id}/result")
    @Operation(
            operationId = "getJobResult",
            summary = "The result of a SUCCEEDED job; 409 with the current state otherwise")
    SimulationResult result(@PathVariable UUID id) {
        var job = jobs.visible(id);
        if (job.getState() != JobState.SUCCEEDED) {
            throw new JobExceptions.WrongState(id, job.getState(), "no result yet");
        }
        return json.readValue(job.getResult(), SimulationResult.class).withEpochs(jobs.epochs(job));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "Stream of events; each data field is a JobEventResponse",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = JobEventResponse.class)))
    @Operation(
            operationId = "streamJobEvents",
            summary = "Server-sent events of the job's state changes and epochs",
            description = "Each event's id is its row id; "
                    + "reconnect with Last-Event-ID to resume. The stream closes when the job reaches a final state.")
    SseEmitter events(
            @PathVariable UUID id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            jakarta.servlet.http.HttpServletRequest request) {
        long after = lastEventId(lastEventId);
        return streams.open(id, after < 0 ? 0 : after, request.getRemoteAddr());
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "Stream of events of every job; each data field is a JobEventResponse",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = JobEventResponse.class)))
    @Operation(
            operationId = "streamAllJobEvents",
            summary = "Server-sent events of every job (state changes, epochs), from now or from Last-Event-ID",
            description = "For live lists such as the dashboard's. Never closes on its own. Events committed "
                    + "out of id order by other nodes arrive when they are at most 256 ids late; "
                    + "a client that must see every change re-reads the jobs on reconnect.")
    SseEmitter allEvents(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            jakarta.servlet.http.HttpServletRequest request) {
        return streams.openAll(lastEventId(lastEventId), request.getRemoteAddr(), Caller.current());
    }

    /** The Last-Event-ID header as an event id, or -1 when absent. */
    private static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("Last-Event-ID", "must be an event id from this stream");
        }
    }
}
