package io.crossbarlab.sim.estimate;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Energy, time and area of training on the modelled hardware, per example and as headline figures.
 *
 * @param opsPerExample operations per training example (2 per cell per forward, backward and update)
 * @param energyPerExampleJoules energy of one training example, J
 * @param secondsPerExample time per training example at steady state, s
 * @param examplesPerSecond training examples per second
 * @param gopsPerSecond operations per second / 1e9
 * @param powerWatts average power while training, W
 * @param energyEfficiencyGopsPerWatt GOP/s/W
 * @param throughputPerAreaTopsPerMm2 TOP/s/mm²
 * @param areaMm2 area of the tiles used, mm²
 * @param tiles tiles used
 * @param phases energy (J per example) and time (s per example) of forward, backward, update and
 *     transfer
 * @param components energy per example by component, J
 * @param areaComponents area by component (cells, ADCs, line drivers, neurons), mm²
 * @param gpu the reference GPU and our ratios to it
 */
@Schema(name = "EstimateResponse", description = "Energy, area and speed estimate of training on the modelled hardware")
public record Estimate(
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
        Map<String, Phase> phases,

        @Schema(
                description =
                        "Energy per example by component (arrayRead, adc, lineDrivers, neurons, capacitorUpdate, pcmUpdate, pcmTransfer), joules")
        Map<String, Double> components,

        @Schema(
                description = "Area by component (cells, adcs, lineDrivers, neurons), mm²; they add up to areaMm2."
                        + " Absent in results stored before it was reported")
        Map<String, Double> areaComponents,

        @Schema(description = "The reference GPU and our ratios to it")
        GpuComparison gpu) {

    /** Energy and time of one phase per training example. */
    @Schema(name = "PhaseEstimate", description = "Energy and time of one phase per training example")
    public record Phase(
            @Schema(description = "Energy per example, joules", example = "2.5e-8")
            double energyJoules,

            @Schema(description = "Time per example, seconds", example = "5e-8")
            double seconds) {}

    /**
     * Our figures against a GPU's.
     *
     * @param name the GPU
     * @param gopsPerWatt the GPU's GOP/s/W
     * @param topsPerMm2 the GPU's TOP/s/mm²
     * @param energyEfficiencyRatio our GOP/s/W over the GPU's
     * @param throughputPerAreaRatio our TOP/s/mm² over the GPU's
     */
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
}
