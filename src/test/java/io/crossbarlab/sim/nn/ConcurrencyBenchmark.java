package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.TrainTestSplit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two jobs side by side in one warm JVM, as the service runs them: per scheme, after a warm-up run,
 * {@code rounds} times one 784-250-10 run alone and then two identical runs on two threads; prints
 * the throughput of the pair over the single run (median and range) and whether every run produced
 * the same accuracy and event counts. Run with {@code bench/concurrency}; not part of the test suite.
 */
public final class ConcurrencyBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        TrainTestSplit data = BenchmarkSupport.mnist10k();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        System.out.println("Examples/s over whole runs, evaluation included; " + rounds + " rounds per scheme.");
        System.out.println();
        System.out.println("| scheme | one job alone, examples/s (median) | two jobs together, examples/s (median) "
                + "| together / alone (median, range) | identical results |");
        System.out.println("|---|---|---|---|---|");
        for (String scheme : List.of("FLOATING_POINT", "PCM_3T1C", "PCM_PAIR")) {
            RunSpec spec = BenchmarkSupport.mnistSpec(scheme, 2, 1L);
            TrainingResult reference = BenchmarkSupport.run(spec, data); // warm-up, and the result every run must equal
            List<Double> alone = new ArrayList<>();
            List<Double> together = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            boolean identical = true;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                TrainingResult one = BenchmarkSupport.run(spec, data);
                double a = one.counters().trainExamples() / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                Future<TrainingResult> f1 = pool.submit(() -> BenchmarkSupport.run(spec, data));
                Future<TrainingResult> f2 = pool.submit(() -> BenchmarkSupport.run(spec, data));
                TrainingResult r1 = f1.get();
                TrainingResult r2 = f2.get();
                double t = (r1.counters().trainExamples() + r2.counters().trainExamples())
                        / ((System.nanoTime() - t0) / 1e9);
                alone.add(a);
                together.add(t);
                ratio.add(t / a);
                for (TrainingResult x : List.of(one, r1, r2)) {
                    identical &= sameMetrics(x, reference) && x.counters().equals(reference.counters());
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,.0f | %,.0f | %.2fx (%.2f-%.2f) | %s |%n",
                    scheme,
                    BenchmarkSupport.median(alone),
                    BenchmarkSupport.median(together),
                    BenchmarkSupport.median(ratio),
                    Collections.min(ratio),
                    Collections.max(ratio),
                    identical ? "yes" : "NO");
        }
        pool.shutdown();
    }

    /** Accuracy and losses of every epoch equal (wall times naturally differ). */
    static boolean sameMetrics(TrainingResult a, TrainingResult b) {
        for (int e = 0; e < a.epochs().size(); e++) {
            EpochReport x = a.epochs().get(e);
            EpochReport y = b.epochs().get(e);
            if (x.trainLoss() != y.trainLoss()
                    || x.testLoss() != y.testLoss()
                    || x.testAccuracy() != y.testAccuracy()) {
                return false;
            }
        }
        return true;
    }
}
