package io.crossbarlab.app.job.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of jobs, newest first. */
@Schema(description = "A page of jobs, newest first")
record JobPage(
        @Schema(description = "The jobs of this page") List<JobResponse> jobs,

        @Schema(description = "Opaque token for the next page; absent on the last page", example = "MTczMjc5...")
        String nextPageToken) {}
