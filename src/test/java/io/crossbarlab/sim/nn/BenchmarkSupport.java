package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.TrainTestSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the benchmark mains share: the embedded mnist-10k, the 784-250-10 spec, one run, medians. */
final class BenchmarkSupport {

    private BenchmarkSupport() {}

    static TrainTestSplit mnist10k() throws IOException {
        return DatasetCatalog.load(
                DatasetCatalog.MNIST_10K,
                f -> BenchmarkSupport.class.getResourceAsStream("/datasets/mnist-10k/" + f),
                null);
    }

    /** 784-250-10 with the scheme's default preset, learning rate 0.1. */
    static RunSpec mnistSpec(String scheme, int epochs, long seed) {
        // PCM_3T1C_TRAINS: PCM_3T1C with the pulse-train update of bench/run (BL 31)
        boolean trains = scheme.equals("PCM_3T1C_TRAINS");
        return RunSpec.resolve(
                new SimulationSpec(
                        null,
                        new SimulationSpec.NetworkSpec(List.of(784, 250, 10), null),
                        new SimulationSpec.TrainingSpec(epochs, 0.1),
                        trains
                                ? new SimulationSpec.DeviceSpec(
                                        "PCM_3T1C", null, java.util.Map.of("pulseTrainLength", 31), null, null)
                                : new SimulationSpec.DeviceSpec(scheme, null, null, null, null),
                        null,
                        seed),
                0);
    }

    /** A fresh 784-250-10 network of the scheme ({@link #mnistSpec}, streams of seed 1). */
    static Network mnistNetwork(String scheme) {
        return network(mnistSpec(scheme, 1, 1L));
    }

    /** A fresh network of {@code spec}, its random streams from the spec's seed. */
    static Network network(RunSpec spec) {
        return Network.build(
                spec.layerArray(),
                spec.activation(),
                spec.deviceConfig(),
                spec.tileParameters(),
                new io.crossbarlab.sim.random.RandomStreams(spec.seed()),
                new io.crossbarlab.sim.tile.EventCounters());
    }

    static TrainingResult run(RunSpec spec, TrainTestSplit data) {
        return Trainer.train(spec, data.train(), data.test(), TrainingListener.NONE, () -> false);
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
