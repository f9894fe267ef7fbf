package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.Dataset;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.TrainTestSplit;
import java.util.List;
import java.util.Locale;

/**
 * The two ways of putting an example into the first layer, timed in one warm JVM: copying all its
 * pixels and letting the layer scan for the non-zero ones ({@link Dataset#copyFeatures}), or writing
 * only the non-zero pixels from the dataset's mask and handing the layer their list ({@link
 * Network#loadInput}, {@link Network#loadBatchInput}), which the trainer does. Per scheme: batched
 * evaluation of the 2,000 test examples, then training in blocks of 1,000 examples, the two ways
 * alternating; the minimum over the timed repetitions (after a third of them as warm-up) is the
 * figure least disturbed by the machine. Arguments: the schemes (comma-separated; default all three)
 * and the dataset (mnist-10k, the default, or mnist-backrand, whose noisy background makes almost
 * every pixel non-zero). Run with {@code bench/input-loading}; not part of the test suite.
 */
public final class InputLoadingBenchmark {

    private static final int REPETITIONS = 48;
    private static final int TRAINING_BLOCK = 1000;

    public static void main(String[] args) throws Exception {
        List<String> schemes =
                args.length > 0 ? List.of(args[0].split(",")) : List.of("FLOATING_POINT", "PCM_3T1C", "PCM_PAIR");
        String dataset = args.length > 1 ? args[1] : DatasetCatalog.MNIST_10K;
        TrainTestSplit data = DatasetCatalog.load(
                dataset, f -> InputLoadingBenchmark.class.getResourceAsStream("/datasets/mnist-10k/" + f), null);
        System.out.println("Dataset " + dataset + ".");
        System.out.println();
        System.out.println("| scheme | phase | copied and scanned, µs per example | loaded from the mask | change |");
        System.out.println("|---|---|---|---|---|");
        for (String scheme : schemes) {
            Network net = BenchmarkSupport.mnistNetwork(scheme);
            Dataset test = data.test();
            long[] evaluation = new long[2];
            double[] sums = new double[2];
            time(evaluation, way -> sums[way] = evaluate(net, test, way == 1));
            if (sums[0] != sums[1]) {
                throw new AssertionError(scheme + ": the two ways gave different outputs");
            }
            print(scheme, "evaluation", evaluation, test.count());

            Dataset train = data.train();
            long[] done = {0};
            int[] block = {0};
            long[] training = new long[2];
            time(training, way -> {
                int from = (block[0]++ * TRAINING_BLOCK) % (train.count() - TRAINING_BLOCK + 1);
                for (int i = from; i < from + TRAINING_BLOCK; i++) {
                    net.beforeExample(done[0]);
                    if (way == 1) {
                        net.loadInput(train, i);
                    } else {
                        train.copyFeatures(i, net.input());
                    }
                    net.forward(true);
                    net.backwardAndUpdate(train.label(i), 0.1f);
                    done[0]++;
                    net.afterExample(done[0]);
                }
            });
            print(scheme, "training", training, TRAINING_BLOCK);
        }
    }

    /** Runs both ways alternately; leaves the minimum nanoseconds of each in {@code best}. */
    private static void time(long[] best, java.util.function.IntConsumer way) {
        best[0] = Long.MAX_VALUE;
        best[1] = Long.MAX_VALUE;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            for (int w = 0; w < 2; w++) {
                long t0 = System.nanoTime();
                way.accept(w);
                long t = System.nanoTime() - t0;
                if (rep >= REPETITIONS / 3) {
                    best[w] = Math.min(best[w], t);
                }
            }
        }
    }

    private static double evaluate(Network net, Dataset d, boolean fromMask) {
        double sum = 0;
        for (int start = 0; start < d.count(); start += Network.EVAL_BATCH) {
            int count = Math.min(Network.EVAL_BATCH, d.count() - start);
            for (int b = 0; b < count; b++) {
                if (fromMask) {
                    net.loadBatchInput(b, d, start + b);
                } else {
                    d.copyFeatures(start + b, net.batchInput(b));
                }
            }
            float[][] p = net.forwardBatch(count);
            for (int b = 0; b < count; b++) {
                sum += p[b][d.label(start + b)];
            }
        }
        return sum;
    }

    private static void print(String scheme, String phase, long[] best, int examples) {
        double copied = best[0] / 1e3 / examples;
        double loaded = best[1] / 1e3 / examples;
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %.2f | %.2f | %+.1f %% |%n",
                scheme,
                phase,
                copied,
                loaded,
                100 * (loaded - copied) / copied);
    }
}
