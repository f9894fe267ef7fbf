package io.crossbarlab.app.job.web;

import io.crossbarlab.app.system.PlainText;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of {@code POST /api/v1/jobs}: what to simulate plus how to file and schedule it. */
@Schema(
        description =
                "A training job to queue. Everything but network.layers is optional; defaults come from the presets.")
record SubmitJobRequest(
        @Schema(
                description = "Display name, at most 200 characters of plain text",
                example = "ambrogio-2018 seed sweep",
                maxLength = 200)
        @Size(max = 200)
        @PlainText
        String name,

        @Schema(
                description =
                        "Labels for filtering (at most 20; keys 1-100 characters of [A-Za-z0-9._-], values at most 200 characters of plain text)",
                example = "{\"study\": \"polarity\"}",
                maxProperties = 20)
        @Size(max = 20)
        Map<@Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String, @NotNull @Size(max = 200) @PlainText String> labels,

        @Schema(
                description = "Scheduling priority, -1000 to 1000; higher runs first",
                example = "0",
                defaultValue = "0",
                minimum = "-1000",
                maximum = "1000")
        @Min(-1000)
        @Max(1000)
        Integer priority,

        @Schema(description = "Dataset and how much of it to use") @Valid
        SimulationSpec.DatasetSpec dataset,

        @Schema(description = "Network architecture", requiredMode = Schema.RequiredMode.REQUIRED) @Valid
        SimulationSpec.NetworkSpec network,

        @Schema(description = "SGD settings") @Valid SimulationSpec.TrainingSpec training,

        @Schema(description = "Unit-cell scheme and device parameters") @Valid
        SimulationSpec.DeviceSpec device,

        @Schema(description = "Tile geometry and periphery parameters") @Valid
        SimulationSpec.HardwareSpec hardware,

        @Schema(description = "Root seed of every random stream; generated and stored when absent", example = "42")
        Long seed,

        @Schema(
                description =
                        "Also queue this spec and seed in floating point (FP32 SGD: same network, initialisation, "
                                + "example order and epochs) as a linked job, the run's software baseline; the job then shows "
                                + "the test-accuracy difference. Not for a FLOATING_POINT job.",
                example = "true",
                defaultValue = "false")
        Boolean floatingPointBaseline,

        @Schema(
                description =
                        "Answer from a finished job with the same resolved spec, seed and simulator version instead of "
                                + "running again (a run is a pure function of the three): the job is SUCCEEDED at once, "
                                + "with that job's result and reusedFrom naming it. false runs it anew.",
                example = "true",
                defaultValue = "true")
        Boolean reuse,

        @Schema(description = "Bounds on this job's cost") @Valid
        Limits limits) {

    @Schema(description = "Bounds on a job's cost")
    record Limits(
            @Schema(
                    description = "Wall-time limit of each attempt, seconds; past it the job FAILs. Required for jobs "
                            + "whose work (synapses x examples x epochs) is above crossbar.limits.max-work-without-wall-time;"
                            + " default crossbar.limits.default-wall-time, at most crossbar.limits.max-wall-time",
                    example = "3600",
                    minimum = "1")
            @Min(1)
            Long wallTimeSeconds) {}

    SimulationSpec toSpec() {
        return new SimulationSpec(dataset, network, training, device, hardware, seed);
    }
}
