package io.crossbarlab.app.spec;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.estimate.Estimate;
import io.crossbarlab.sim.estimate.Estimator;
import io.crossbarlab.sim.estimate.Reference;
import io.crossbarlab.sim.estimate.Workload;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.TrainingResult;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.ParameterValues;

/** Builds estimates for runs and specs (shared by the service and the command line). */
public final class Estimates {

    /** Fraction of non-zero pixels in mnist-10k's training images (measured: 0.1917), for estimates of untrained networks. */
    public static final double MNIST_ACTIVE_INPUTS = 0.19;

    private Estimates() {}

    /** The estimate of a finished run, from its own event counters. */
    public static Estimate ofRun(RunSpec run, TrainingResult result) {
        Workload w =
                Workload.fromRun(result.counters(), run.layerArray(), result.tiles(), run.tileRows(), run.tileCols());
        return Estimator.estimate(w, run.hardware(), run.deviceConfig());
    }

    /** The estimate of a network that has not been trained, with the paper's update statistics. */
    public static Estimate ofNetwork(
            int[] layers,
            int tileRows,
            int tileCols,
            DeviceConfig device,
            ParameterValues<HardwareParameter> hardware) {
        Workload w = Workload.analytic(
                layers,
                tileRows,
                tileCols,
                MNIST_ACTIVE_INPUTS,
                Reference.PULSES_PER_SYNAPSE_PER_EXAMPLE,
                device.cell().transferIntervalExamples(),
                Reference.meanProgramIterations(device.pcm()),
                Reference.slowestOfRow(device.pcm(), Math.min(tileCols, layers[1])));
        return Estimator.estimate(w, hardware, device);
    }

    /** The hardware preset's reference workload (one 512 x 512 tile). */
    public static Estimate reference(DeviceConfig device, ParameterValues<HardwareParameter> hardware) {
        return Reference.estimate(hardware, device);
    }
}
