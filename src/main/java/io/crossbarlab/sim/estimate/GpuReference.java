package io.crossbarlab.sim.estimate;

/**
 * A GPU to compare with, from its datasheet.
 *
 * @param name product
 * @param peakOpsPerSecond peak operations per second (a FLOP counts as one operation)
 * @param powerWatts board power
 * @param dieAreaMm2 die area
 */
public record GpuReference(String name, double peakOpsPerSecond, double powerWatts, double dieAreaMm2) {

    /**
     * NVIDIA Tesla V100 (2017/2018 datacentre GPU): 31.4 TFLOP/s FP16 without tensor cores, 300 W,
     * 815 mm² (NVIDIA V100 datasheet).
     */
    public static final GpuReference V100 = new GpuReference("NVIDIA V100 (FP16, no tensor cores)", 31.4e12, 300, 815);

    public double gopsPerWatt() {
        return peakOpsPerSecond / 1e9 / powerWatts;
    }

    public double topsPerMm2() {
        return peakOpsPerSecond / 1e12 / dieAreaMm2;
    }
}
