package io.crossbarlab.sim.estimate;

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
 * @param gpu the reference GPU and our ratios to it
 */
public record Estimate(
        double opsPerExample,
        double energyPerExampleJoules,
        double secondsPerExample,
        double examplesPerSecond,
        double gopsPerSecond,
        double powerWatts,
        double energyEfficiencyGopsPerWatt,
        double throughputPerAreaTopsPerMm2,
        double areaMm2,
        int tiles,
        Map<String, Phase> phases,
        Map<String, Double> components,
        GpuComparison gpu) {

    /** Energy and time of one phase per training example. */
    public record Phase(double energyJoules, double seconds) {}

    /**
     * Our figures against a GPU's.
     *
     * @param name the GPU
     * @param gopsPerWatt the GPU's GOP/s/W
     * @param topsPerMm2 the GPU's TOP/s/mm²
     * @param energyEfficiencyRatio our GOP/s/W over the GPU's
     * @param throughputPerAreaRatio our TOP/s/mm² over the GPU's
     */
    public record GpuComparison(
            String name,
            double gopsPerWatt,
            double topsPerMm2,
            double energyEfficiencyRatio,
            double throughputPerAreaRatio) {}
}
