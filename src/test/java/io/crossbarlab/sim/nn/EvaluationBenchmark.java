package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.TrainTestSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steady-state cost of training and of evaluation, per scheme, in one warm JVM on one thread: after a
 * warm-up run, {@code rounds} 2-epoch runs of 784-250-10 on mnist-10k; prints the medians of training
 * time per example, evaluation time per test example (batched, as the trainer does it) and the
 * evaluation's share of an epoch. Cold runs (`bench/run`) add JIT warm-up to both. Run with {@code
 * bench/evaluation}; not part of the test suite. The second argument, if given, names the schemes
 * to run, comma-separated (default: FLOATING_POINT, PCM_3T1C, PCM_3T1C_TRAINS, PCM_PAIR; PCM_3T1C_TRAINS is PCM_3T1C with the
 * pulse-train update of BL 31, as in bench/run).
 */
public final class EvaluationBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TrainTestSplit data = BenchmarkSupport.mnist10k();
        System.out.println("Warm JVM, one thread, 784-250-10, 2 epochs of mnist-10k (8,000 training and 2,000"
                + " test examples an epoch); medians of " + rounds + " runs after a warm-up run.");
        System.out.println();
        System.out.println("| scheme | training, µs per example | evaluation, µs per test example "
                + "| evaluation / training per example | evaluation, share of an epoch |");
        System.out.println("|---|---|---|---|---|");
        List<String> schemes = args.length > 1
                ? List.of(args[1].split(","))
                : List.of("FLOATING_POINT", "PCM_3T1C", "PCM_3T1C_TRAINS", "PCM_PAIR");
        for (String scheme : schemes) {
            RunSpec spec = BenchmarkSupport.mnistSpec(scheme, 2, 1L);
            BenchmarkSupport.run(spec, data); // warm-up
            List<Double> train = new ArrayList<>();
            List<Double> eval = new ArrayList<>();
            List<Double> share = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                TrainingResult t = BenchmarkSupport.run(spec, data);
                double trainSeconds = t.counters().trainExamples() / t.trainExamplesPerSecond();
                train.add(trainSeconds / t.counters().trainExamples() * 1e6);
                eval.add(t.evaluationSeconds() / t.counters().evalExamples() * 1e6);
                share.add(t.evaluationSeconds() / (trainSeconds + t.evaluationSeconds()));
            }
            double tr = BenchmarkSupport.median(train);
            double ev = BenchmarkSupport.median(eval);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.2f | %.1f %% |%n",
                    scheme,
                    tr,
                    ev,
                    ev / tr,
                    100 * BenchmarkSupport.median(share));
        }
    }
}
