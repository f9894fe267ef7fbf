package io.crossbarlab.app.sweep;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Per-epoch statistics of each point over its succeeded runs. */
@Schema(name = "SweepCurvesResponse", description = "Per-epoch mean ± std of each point over its succeeded runs")
public record SweepCurves(
        @Schema(description = "Sweep id") UUID id,
        @Schema(description = "The points, by index") List<Curve> points) {

    @Schema(name = "SweepCurve", description = "One point's learning curve")
    public record Curve(
            @Schema(description = "Point index") int index,

            @Schema(description = "Spec path to value at this point")
            Map<String, JsonNode> parameters,

            @Schema(description = "Per epoch, over the point's succeeded runs")
            List<Epoch> epochs) {}

    @Schema(name = "SweepCurveEpoch", description = "One epoch over a point's runs")
    public record Epoch(
            @Schema(description = "Epoch, from 1", example = "1")
            int epoch,

            @Schema(description = "Training accuracy, fraction 0..1")
            Summary trainAccuracy,

            @Schema(description = "Training loss") Summary trainLoss,

            @Schema(description = "Test accuracy, fraction 0..1")
            Summary testAccuracy,

            @Schema(description = "Test loss") Summary testLoss) {}
}
