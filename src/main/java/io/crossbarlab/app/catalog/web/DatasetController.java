package io.crossbarlab.app.catalog.web;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.catalog.DatasetUploads;
import io.crossbarlab.app.catalog.UploadedDatasets;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "catalog", description = "Presets and datasets")
class DatasetController {

    private final DatasetLoader datasets;
    private final UploadedDatasets uploaded;
    private final DatasetUploads uploads;

    DatasetController(DatasetLoader datasets, UploadedDatasets uploaded, DatasetUploads uploads) {
        this.datasets = datasets;
        this.uploaded = uploaded;
        this.uploads = uploads;
    }

    @Schema(description = "A dataset a job can name")
    record DatasetResponse(
            @Schema(description = "Name used in specs", example = "mnist-10k")
            String name,

            @Schema(description = "What it is") String description,

            @Schema(
                    description = "EMBEDDED (ships with the service), DIRECTORY (read from a configured directory) or"
                            + " UPLOADED (POST /api/v1/datasets)")
            String location,

            @Schema(description = "Whether this service can load it", example = "true")
            boolean available,

            @Schema(description = "Training examples, when known", example = "8000")
            Integer trainExamples,

            @Schema(description = "Test examples, when known", example = "2000")
            Integer testExamples,

            @Schema(description = "Inputs per example", example = "784")
            int features,

            @Schema(description = "Classes", example = "10") int classes,
            @Schema(description = "Licence and attribution") String licence,

            @Schema(description = "SHA-256 of an uploaded data set's canonical form; null for built-in ones")
            String sha256) {}

    @Schema(description = "How uploaded features were put on the simulator's 8-bit input grid")
    record ScaleResponse(
            @Schema(description = "Features were integers in [0, 255] and are kept exactly")
            boolean exact,

            @Schema(description = "Feature value mapped to input 0 (min(0, training minimum))")
            double low,

            @Schema(description = "Feature value mapped to input 255 (training maximum)")
            double high,

            @Schema(description = "One input step in feature units, (high - low) / 255")
            double step) {}

    @Schema(description = "An uploaded data set")
    record UploadedDatasetResponse(
            @Schema(description = "Name used in specs (dataset.name)", example = "cifar10-resnet50")
            String name,

            @Schema(description = "What the uploader said it is")
            String description,

            @Schema(
                    description = "SHA-256 of the canonical form (the examples, labels and classes, whatever the"
                            + " upload format): equal hashes are equal data sets")
            String sha256,

            @Schema(description = "Layout found in the archive: NPZ, IDX or CSV")
            String layout,

            @Schema(description = "Training examples", example = "50000")
            int trainExamples,

            @Schema(description = "Test examples", example = "10000")
            int testExamples,

            @Schema(description = "Inputs per example", example = "2048")
            int features,

            @Schema(description = "Classes", example = "10") int classes,

            @Schema(description = "How the features were put on the 8-bit input grid")
            ScaleResponse scale,

            @Schema(description = "Test feature values outside the training range, clipped to it")
            long clippedTestValues,

            @Schema(description = "Size of the archive as uploaded, bytes")
            long uploadBytes,

            @Schema(description = "Size stored (compressed canonical form), bytes")
            long storedBytes,

            @Schema(description = "When it was uploaded") Instant createdAt) {

        static UploadedDatasetResponse from(UploadedDatasets.Entry e) {
            var r = e.report();
            return new UploadedDatasetResponse(
                    e.name(),
                    e.description(),
                    e.sha256(),
                    r.layout().name(),
                    r.trainExamples(),
                    r.testExamples(),
                    r.features(),
                    r.classes(),
                    new ScaleResponse(
                            r.scale().exact(),
                            r.scale().low(),
                            r.scale().high(),
                            r.scale().step()),
                    r.clippedTestValues(),
                    e.uploadBytes(),
                    e.storedBytes(),
                    e.createdAt());
        }
    }

    @GetMapping
    @Operation(
            operationId = "listDatasets",
            summary = "Datasets, built in and uploaded, and whether this service can load each")
    List<DatasetResponse> list() {
        List<DatasetResponse> out = new ArrayList<>();
        for (DatasetCatalog.Info i : DatasetCatalog.all()) {
            out.add(response(i, null));
        }
        for (UploadedDatasets.Entry e : uploaded.all()) {
            out.add(response(e.info(), e.sha256()));
        }
        return out;
    }

    private DatasetResponse response(DatasetCatalog.Info i, String sha256) {
        return new DatasetResponse(
                i.name(),
                i.description(),
                i.location().name(),
                datasets.available(i.name()),
                i.trainExamples(),
                i.testExamples(),
                i.features(),
                i.classes(),
                i.licence(),
                sha256);
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getUploadedDataset", summary = "An uploaded data set: its hash, sizes and input scale")
    UploadedDatasetResponse get(@PathVariable String name) {
        return uploaded.find(name).map(UploadedDatasetResponse::from).orElseThrow(() -> new DatasetNotFound(name));
    }

    /** No uploaded data set of this name (404). */
    static final class DatasetNotFound extends RuntimeException {
        DatasetNotFound(String name) {
            super("no uploaded data set named '" + name + "'");
        }
    }

    @PostMapping(consumes = {"application/zip", "application/x-npz", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(
            operationId = "uploadDataset",
            summary = "Upload a data set (an .npz, or a .zip of IDX or CSV files) as the request body",
            description = "The body is one ZIP archive holding x_train.npy, y_train.npy, x_test.npy and y_test.npy"
                    + " (what numpy.savez writes), or train.csv and test.csv (label first, then the features), or"
                    + " the four MNIST IDX files. Features that are integers in [0, 255] are kept; others are"
                    + " mapped linearly onto the 8-bit input grid from min(0, training minimum) to the training"
                    + " maximum. Stored by the SHA-256 of its canonical form; 201 when new, 200 when this name"
                    + " already holds the same content, 409 when it holds other content (names are never rebound)."
                    + " Limits: crossbar.datasets.max-upload-bytes (413) and crossbar.datasets.max-values (422).")
    @ApiResponse(responseCode = "201", description = "Stored")
    @ApiResponse(
            responseCode = "200",
            description = "This name already holds this content",
            content = @Content(schema = @Schema(implementation = UploadedDatasetResponse.class)))
    ResponseEntity<UploadedDatasetResponse> upload(
            @Parameter(description = "Name to use in specs (dataset.name)", example = "cifar10-resnet50")
                    @RequestParam(required = false)
                    String name,
            @Parameter(description = "What it is, for people (at most 500 characters)") @RequestParam(required = false)
                    String description,
            @Parameter(description = "Number of classes (2-256); default: the largest label + 1")
                    @RequestParam(required = false)
                    Integer classes,
            HttpServletRequest request)
            throws IOException {
        DatasetUploads.Result r =
                uploads.upload(name, description, classes, request.getInputStream(), request.getContentLengthLong());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{name}")
                .buildAndExpand(r.entry().name())
                .toUri();
        UploadedDatasetResponse body = UploadedDatasetResponse.from(r.entry());
        return r.created()
                ? ResponseEntity.created(location).body(body)
                : ResponseEntity.ok().location(location).body(body);
    }
}
