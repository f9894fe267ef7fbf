package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.Job;
import io.crossbarlab.app.job.JobExceptions;
import io.crossbarlab.app.job.JobService;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.job.JobWeights;
import io.crossbarlab.app.system.LimitExceeded;
import io.crossbarlab.sim.nn.TrainedWeights;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A succeeded job's trained weights: the effective weights its arrays read at the end of training, as
 * NumPy's .npz or as JSON. A memoised job answers with the weights of the run it reused.
 */
@RestController
@RequestMapping(path = "/api/v1/jobs")
@Tag(name = "jobs", description = "Submit, follow and cancel simulated training jobs")
class JobWeightsController {

    /** Most weights served as JSON (a few tens of MB of text); larger networks take the .npz. */
    static final long MAX_JSON_WEIGHTS = 2_000_000;

    private final JobService jobs;
    private final JobWeights weights;

    JobWeightsController(JobService jobs, JobWeights weights) {
        this.jobs = jobs;
        this.weights = weights;
    }

    @Schema(description = "One layer's trained weights")
    @SuppressWarnings("ArrayRecordComponent") // a response document, serialised once, never compared
    record LayerWeightsResponse(
            @Schema(description = "Inputs of the layer, without the bias", example = "784")
            int inputs,

            @Schema(description = "Outputs of the layer", example = "250")
            int outputs,

            @Schema(description = "weights[i][j]: from input i to output j, in network units")
            List<float[]> weights,

            @Schema(description = "biases[j]: the bias row of output j")
            float[] biases) {}

    @Schema(description = "A job's trained weights, input side first")
    record WeightsResponse(
            @Schema(description = "The job") UUID jobId,

            @Schema(description = "The job whose run produced them (itself, or the run a memoised job reused)")
            UUID computedBy,

            @Schema(description = "Layers, input side first")
            List<LayerWeightsResponse> layers) {}

    private UUID source(UUID id) {
        Job job = jobs.visible(id);
        if (job.getState() != JobState.SUCCEEDED) {
            throw new JobExceptions.WrongState(id, job.getState(), "weights exist once a job has SUCCEEDED");
        }
        UUID source = job.getReusedFrom() != null ? job.getReusedFrom() : id;
        if (!weights.exists(source)) {
            throw new JobExceptions.NoWeights(id);
        }
        return source;
    }

    @GetMapping(path = "/{id}/weights.npz", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(
            operationId = "getJobWeightsNpz",
            summary = "Trained weights as NumPy .npz: layer0.npy, layer1.npy, ... float32 (inputs + 1, outputs),"
                    + " the bias row last")
    @ApiResponse(
            responseCode = "200",
            description = "The .npz (numpy.load(f)['layer0'])",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
    void npz(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        UUID source = source(id);
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader("Content-Disposition", "attachment; filename=\"job-" + id + "-weights.npz\"");
        try (InputStream in = weights.open(source)) {
            in.transferTo(response.getOutputStream());
        }
    }

    @GetMapping(path = "/{id}/weights", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getJobWeights",
            summary = "Trained weights as JSON (networks of up to 2,000,000 weights; larger ones: weights.npz)")
    ResponseEntity<WeightsResponse> json(@Parameter(description = "The job") @PathVariable UUID id) {
        UUID source = source(id);
        TrainedWeights w = weights.read(source);
        if (w.count() > MAX_JSON_WEIGHTS) {
            throw new LimitExceeded(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "weights.max-json-weights",
                    MAX_JSON_WEIGHTS,
                    null,
                    "this network has " + w.count() + " weights, more than JSON is served for; GET /api/v1/jobs/" + id
                            + "/weights.npz");
        }
        List<LayerWeightsResponse> layers = new ArrayList<>();
        for (TrainedWeights.LayerWeights l : w.layers()) {
            List<float[]> rows = new ArrayList<>(l.inputs());
            for (int i = 0; i < l.inputs(); i++) {
                rows.add(Arrays.copyOfRange(l.values(), i * l.outputs(), (i + 1) * l.outputs()));
            }
            float[] biases = Arrays.copyOfRange(l.values(), l.inputs() * l.outputs(), (l.inputs() + 1) * l.outputs());
            layers.add(new LayerWeightsResponse(l.inputs(), l.outputs(), rows, biases));
        }
        return ResponseEntity.ok(new WeightsResponse(id, source, layers));
    }
}
