package io.crossbarlab.app.catalog.web;

import io.crossbarlab.app.spec.Estimates;
import io.crossbarlab.sim.estimate.Estimate;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.preset.InvalidSpecException;
import io.crossbarlab.sim.preset.InvalidSpecException.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "estimates", description = "Energy, area and speed without training")
class EstimateController {

    @Schema(
            description =
                    "What to estimate: a network on a device and hardware spec; without a network, the hardware preset's reference workload")
    record EstimateRequest(
            @Schema(description = "Network to map onto tiles; absent = the reference workload (one 512 x 512 tile)")
            @Valid
            SimulationSpec.NetworkSpec network,

            @Schema(description = "Unit-cell scheme and device parameters") @Valid
            SimulationSpec.DeviceSpec device,

            @Schema(description = "Hardware preset, tile geometry and parameter overrides") @Valid
            SimulationSpec.HardwareSpec hardware) {}

    @PostMapping(
            path = "/api/v1/estimates",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "estimateHardware",
            summary = "Estimate energy, area and speed of training without simulating it",
            description =
                    "With a network: its layers mapped onto tiles, with the paper's update statistics (0.0625 pulses per "
                            + "synapse per example, transfers every transferIntervalExamples). Without one: the hardware preset's reference "
                            + "workload, which for ambrogio-2018 reproduces the paper's 28,065 GOP/s/W and 3.6 TOP/s/mm².")
    Estimate estimate(@Valid @RequestBody EstimateRequest request) {
        SimulationSpec.HardwareSpec hw = request.hardware();
        SimulationSpec r = new SimulationSpec(null, null, null, request.device(), hw, null);
        RunSpec.HardwareOnly ctx = RunSpec.resolveHardwareOnly(r);
        if (request.network() == null) {
            return Estimates.reference(ctx.device(), ctx.hardware());
        }
        List<Integer> layers = request.network().layers();
        List<Violation> v = new ArrayList<>();
        if (layers == null || layers.size() < 2 || layers.size() > RunSpec.MAX_LAYERS) {
            v.add(new Violation("network.layers", "must list between 2 and " + RunSpec.MAX_LAYERS + " layer sizes"));
        } else {
            for (int i = 0; i < layers.size(); i++) {
                Integer n = layers.get(i);
                if (n == null || n < 1 || n > RunSpec.MAX_LAYER_SIZE) {
                    v.add(new Violation(
                            "network.layers[" + i + "]",
                            "must be between 1 and " + RunSpec.MAX_LAYER_SIZE + " (was " + n + ")"));
                }
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidSpecException(v);
        }
        int rows = hw != null && hw.tileRows() != null
                ? hw.tileRows()
                : io.crossbarlab.sim.preset.HardwarePresets.DEFAULT_TILE_ROWS;
        int cols = hw != null && hw.tileCols() != null
                ? hw.tileCols()
                : io.crossbarlab.sim.preset.HardwarePresets.DEFAULT_TILE_COLS;
        return Estimates.ofNetwork(
                layers.stream().mapToInt(Integer::intValue).toArray(), rows, cols, ctx.device(), ctx.hardware());
    }
}
