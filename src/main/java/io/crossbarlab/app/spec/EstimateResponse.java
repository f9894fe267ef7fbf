package io.crossbarlab.app.spec;

import io.crossbarlab.sim.estimate.Estimate;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/** Energy, time and area of training on the modelled hardware (see docs/estimates.md). */
@Schema(description = "Energy, area and speed estimate of training on the modelled hardware")
public record EstimateResponse(
        @Schema(
                description =
                        "Operations per training example (a multiply and an add per cell per forward, backward and update)",
                example = "1572864")
        double opsPerExample,

        @Schema(description = "Energy of one training example, joules", example = "5.6e-8")
        double energyPerExampleJoules,

        @Schema(description = "Time per training example at steady state, seconds", example = "3.67e-7")
        double secondsPerExample,

        @Schema(description = "Training examples per second", example = "2723876")
        double examplesPerSecond,

        @Schema(description = "Operations per second / 1e9", example = "4284")
        double gopsPerSecond,

        @Schema(description = "Average power while training, watts", example = "0.153")
        double powerWatts,

        @Schema(description = "Energy efficiency, GOP/s/W", example = "28065")
        double energyEfficiencyGopsPerWatt,

        @Schema(description = "Throughput per area, TOP/s/mm²", example = "3.6")
        double throughputPerAreaTopsPerMm2,

        @Schema(description = "Area of the tiles used, mm²", example = "1.19")
        double areaMm2,

        @Schema(description = "Tiles used", example = "1") int tiles,

        @Schema(
                description =
                        "Energy (J per example) and time (s per example) of forward, backward, update and transfer")
        Map<String, PhaseEstimate> phases,

        @Schema(
                description =
                        "Energy per example by component (arrayRead, adc, lineDrivers, neurons, capacitorUpdate, pcmUpdate, pcmTransfer), joules")
        Map<String, Double> components,

        @Schema(description = "The reference GPU and our ratios to it")
        GpuComparison gpu) {

    @Schema(description = "Energy and time of one phase per training example")
    public record PhaseEstimate(
            @Schema(description = "Energy per example, joules", example = "2.5e-8")
            double energyJoules,

            @Schema(description = "Time per example, seconds", example = "5e-8")
            double seconds) {}

    @Schema(description = "Comparison with a datasheet GPU")
    public record GpuComparison(
            @Schema(description = "GPU", example = "NVIDIA V100 (FP16, no tensor cores)")
            String name,

            @Schema(description = "The GPU's GOP/s/W from its datasheet", example = "104.7")
            double gopsPerWatt,

            @Schema(description = "The GPU's TOP/s/mm² from its datasheet", example = "0.0385")
            double topsPerMm2,

            @Schema(description = "Our GOP/s/W over the GPU's", example = "268")
            double energyEfficiencyRatio,

            @Schema(description = "Our TOP/s/mm² over the GPU's", example = "93")
            double throughputPerAreaRatio) {}

    public static EstimateResponse from(Estimate e) {
        Map<String, PhaseEstimate> phases = new LinkedHashMap<>();
        e.phases().forEach((k, v) -> phases.put(k, new PhaseEstimate(v.energyJoules(), v.seconds())));
        var g = e.gpu();
        return new EstimateResponse(
                e.opsPerExample(),
                e.energyPerExampleJoules(),
                e.secondsPerExample(),
                e.examplesPerSecond(),
                e.gopsPerSecond(),
                e.powerWatts(),
                e.energyEfficiencyGopsPerWatt(),
                e.throughputPerAreaTopsPerMm2(),
                e.areaMm2(),
                e.tiles(),
                phases,
                new LinkedHashMap<>(e.components()),
                new GpuComparison(
                        g.name(),
                        g.gopsPerWatt(),
                        g.topsPerMm2(),
                        g.energyEfficiencyRatio(),
                        g.throughputPerAreaRatio()));
    }
}
