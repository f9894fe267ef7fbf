package io.crossbarlab.app.sweep;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/sweeps/{id}/extend}: seeds to add to every point and points to add
 * (run with every seed). Runs that exist already are kept; identical finished runs are reused.
 */
@Schema(description = "Seeds and points to add to a sweep; every point runs with every seed")
public record SweepExtension(
        @ArraySchema(
                arraySchema =
                        @Schema(description = "Seeds to add (seeds the sweep has are ignored)", example = "[4, 5]"),
                schema = @Schema(minimum = "0"))
        @Size(max = 100)
        List<@NotNull @Min(0) Long> seeds,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Points to add, each a map from spec path to value",
                                example = "[{\"training.learningRate\": 0.02}]"))
        List<LinkedHashMap<String, JsonNode>> list) {}
