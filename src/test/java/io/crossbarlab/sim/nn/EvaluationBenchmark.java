package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.TrainTestSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steady-state cost of training and of evaluation, per scheme, in one warm JVM on one thread: after a
 * warm-up run, {@code rounds} 2-epoch runs of 784-250-10 on mnist-10k; prints the medians of training
 * time per example, evaluation time per test example (batched, as the trainer does it) and the
 * evaluation's share of an epoch. Cold runs (`bench/run`) add JIT warm-up to both. Run with {@code
 * bench/evaluation}; not part of the test suite.
 */
public final class EvaluationBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TrainTestSplit data = DatasetCatalog.load(
                DatasetCatalog.MNIST_10K,
                f -> EvaluationBenchmark.class.getResourceAsStream("/datasets/mnist-10k/" + f),
                null);
        System.out.println("Warm JVM, one thread, 784-250-10, 2 epochs of mnist-10k (8,000 training and 2,000"
                + " test examples an epoch); medians of " + rounds + " runs after a warm-up run.");
        System.out.println();
        System.out.println("| scheme | training, µs per example | evaluation, µs per test example "
                + "| evaluation / training per example | evaluation, share of an epoch |");
        System.out.println("|---|---|---|---|---|");
        for (String scheme : List.of("FLOATING_POINT", "PCM_3T1C", "PCM_PAIR")) {
            RunSpec spec = RunSpec.resolve(
                    new RunRequest(
                            null,
                            new RunRequest.NetworkPart(List.of(784, 250, 10), null),
                            new RunRequest.TrainingPart(2, 0.1),
                            new RunRequest.DevicePart(scheme, null, null),
                            null,
                            1L),
                    0);
            ConcurrencyBenchmark.run(spec, data); // warm-up
            List<Double> train = new ArrayList<>();
            List<Double> eval = new ArrayList<>();
            List<Double> share = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                TrainingResult t = ConcurrencyBenchmark.run(spec, data);
                double trainSeconds = t.counters().trainExamples() / t.trainExamplesPerSecond();
                train.add(trainSeconds / t.counters().trainExamples() * 1e6);
                eval.add(t.evaluationSeconds() / t.counters().evalExamples() * 1e6);
                share.add(t.evaluationSeconds() / (trainSeconds + t.evaluationSeconds()));
            }
            double tr = ConcurrencyBenchmark.median(train);
            double ev = ConcurrencyBenchmark.median(eval);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.2f | %.1f %% |%n",
                    scheme,
                    tr,
                    ev,
                    ev / tr,
                    100 * ConcurrencyBenchmark.median(share));
        }
    }
}
