package io.crossbarlab.app.sweep;

import io.crossbarlab.app.system.PlainText;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/sweeps}: a base spec, the points to run it at (a grid, a random search
 * or a list of dotted-path assignments; none means the base alone) and the seeds each point runs
 * with. Every point × seed becomes an ordinary job.
 */
@Schema(
        description = "A study: the base spec run at each point (grid, random or list; at most one) with each seed. "
                + "Paths are the spec's field names joined by dots, e.g. training.learningRate or "
                + "device.overrides.gainFactor.")
public record SweepDefinition(
        @Schema(description = "Display name, at most 200 characters of plain text", example = "inversion vs mismatch")
        @Size(max = 200)
        @PlainText
        String name,

        @Schema(
                description = "Labels of the sweep, copied to each of its jobs (at most 18: each job also gets "
                        + "crossbar.sweep and crossbar.sweep-point)",
                example = "{\"study\": \"polarity\"}",
                maxProperties = 18)
        @Size(max = 18)
        Map<@Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String, @NotNull @Size(max = 200) @PlainText String> labels,

        @Schema(
                description = "Scheduling priority of the sweep's jobs, -1000 to 1000",
                example = "0",
                defaultValue = "0",
                minimum = "-1000",
                maximum = "1000")
        @Min(-1000)
        @Max(1000)
        Integer priority,

        @Schema(description = "The job spec every point starts from", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Valid
        SimulationSpec base,

        @Schema(
                description = "Full factorial grid: each path with the values it takes; the points are every "
                        + "combination, the last path varying fastest",
                example =
                        "{\"device.overrides.polarityInversion\": [true, false], \"training.learningRate\": [0.05, 0.1]}")
        LinkedHashMap<String, List<JsonNode>> grid,

        @Schema(description = "Random search: samples drawn from a space, reproducibly from its seed") @Valid
        RandomSearch random,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Explicit points, each a map from path to value",
                                example = "[{\"training.learningRate\": 0.05}, {\"training.epochs\": 5}]"))
        List<LinkedHashMap<String, JsonNode>> list,

        @ArraySchema(
                arraySchema =
                        @Schema(description = "Seeds each point runs with (1 to 100, distinct)", example = "[1, 2, 3]"),
                schema = @Schema(minimum = "0"))
        @NotNull
        @Size(min = 1, max = 100)
        List<@NotNull @Min(0) Long> seeds,

        @Schema(
                description = "Most tiles the sweep's running jobs may hold at once, over all nodes (so that one "
                        + "sweep cannot take every tile); absent: no cap",
                example = "4",
                minimum = "1")
        @Min(1)
        Integer maxTiles,

        @Schema(
                description = "Answer each run from a finished job with the same resolved spec, seed and simulator "
                        + "version when there is one",
                defaultValue = "true")
        Boolean reuse,

        @Schema(description = "Wall-time limit of each run's attempt, seconds (as limits.wallTimeSeconds of a job)")
        @Min(1)
        Long wallTimeSeconds) {

    /** A random search space: {@code samples} points drawn with {@code seed}. */
    @Schema(description = "Random search over a space of paths")
    public record RandomSearch(
            @Schema(description = "Points to draw", example = "8", minimum = "1") @NotNull @Min(1)
            Integer samples,

            @Schema(description = "Seed of the draw: the same seed draws the same points", example = "7") @NotNull
            Long seed,

            @Schema(
                    description = "Each path with a range {\"min\", \"max\", \"log\": bool, \"integer\": bool} "
                            + "(uniform, or log-uniform with log) or a list of values (one drawn uniformly)",
                    example = "{\"training.learningRate\": {\"min\": 0.01, \"max\": 0.1, \"log\": true}, "
                            + "\"device.overrides.polarityInversion\": [true, false]}")
            @NotNull
            LinkedHashMap<String, JsonNode> space) {}
}
