package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.data.Dataset;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.preset.HardwarePresets;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How training cost grows with synapses: one thread, per-example SGD on synthetic data (one input in
 * five non-zero, uniform magnitudes; random labels) for 784-250-10, the paper's largest layer
 * (2048 + 1 bias inputs x 100 outputs = 204,900 synapses) and a 4096 x 4096 layer. Prints examples/s
 * and examples/s x synapses per scheme (median of three runs after a warm-up). Run with {@code bench/scaling}; not part of the test suite.
 */
public final class ScalingBenchmark {

    record Shape(String name, List<Integer> layers, int examples) {}

    public static void main(String[] args) {
        List<Shape> shapes = List.of(
                new Shape("784-250-10", List.of(784, 250, 10), 4000),
                new Shape("2048-100 (paper's largest layer)", List.of(2048, 100), 4000),
                new Shape("4096-4096", List.of(4096, 4096), 300));
        System.out.println("| network | synapses | scheme | examples/s, median of 3 [range] | examples/s x synapses |");
        System.out.println("|---|---|---|---|---|");
        for (Shape shape : shapes) {
            int[] l = shape.layers().stream().mapToInt(Integer::intValue).toArray();
            long synapses = 0;
            for (int i = 0; i + 1 < l.length; i++) {
                synapses += (long) (l[i] + 1) * l[i + 1];
            }
            Dataset train = synthetic(l[0], l[l.length - 1], shape.examples(), 1);
            Dataset test = synthetic(l[0], l[l.length - 1], 50, 2);
            for (Scheme scheme : Scheme.values()) {
                RunSpec spec = new RunSpec(
                        "synthetic",
                        null,
                        null,
                        shape.layers(),
                        Activation.SIGMOID,
                        1,
                        0.1,
                        scheme,
                        scheme.defaultPreset(),
                        DevicePresets.byName(scheme.defaultPreset())
                                .orElseThrow()
                                .resolve(Map.of(), ""),
                        HardwarePresets.AMBROGIO_2018,
                        HardwarePresets.byName(HardwarePresets.AMBROGIO_2018)
                                .orElseThrow()
                                .resolve(Map.of(), ""),
                        512,
                        512,
                        1,
                        null,
                        List.of(),
                        null);
                Trainer.train(
                        spec,
                        train.limit(Math.min(200, shape.examples())),
                        test,
                        TrainingListener.NONE,
                        () -> false); // warm-up
                double[] eps = new double[3]; // median of three: timings here wander by 20 %
                for (int i = 0; i < eps.length; i++) {
                    eps[i] = Trainer.train(spec, train, test, TrainingListener.NONE, () -> false)
                            .trainExamplesPerSecond();
                }
                java.util.Arrays.sort(eps);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %,d | %s | %,.0f [%,.0f-%,.0f] | %.3g |%n",
                        shape.name(),
                        synapses,
                        scheme,
                        eps[1],
                        eps[0],
                        eps[2],
                        eps[1] * synapses);
            }
        }
    }

    static Dataset synthetic(int features, int classes, int count, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        byte[] pixels = new byte[count * features];
        byte[] labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextDouble() < 0.2 ? (byte) (1 + rng.nextInt(255)) : 0;
        }
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) rng.nextInt(Math.min(classes, 256));
        }
        return new Dataset("synthetic", pixels, labels, count, features, Math.min(classes, 256));
    }
}
