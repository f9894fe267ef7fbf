package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.TrainTestSplit;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two or more builds of the simulator in one JVM, alternated: each class directory is loaded by a
 * class loader of its own (with this test tree and the dependencies), so every build is compiled by
 * the JIT on its own while the machine's state (other tenants, clock, caches) is shared by all of
 * them round by round. On machines whose speed moves by more than the difference being measured
 * between two JVM launches, the ratio of two builds within a round is the steadier number.
 *
 * <p>Arguments: rounds, {@code SCHEME:EPOCHS} (784-250-10 on mnist-10k, lr 0.1, seed 1, as {@link
 * BenchmarkSupport#mnistSpec}), the classpath shared by all builds (test classes and dependencies),
 * then the class directories, the first being the reference. After one warm-up run per build, each
 * round runs every build once, starting with a different one each round. Prints training µs per
 * example and the seconds of the second half of the epochs per run, then per build the medians and
 * the median and range of its per-round ratio to the reference. Run with {@code bench/side-by-side};
 * not part of the test suite. The run code is this tree's: the builds must share the API it calls.
 */
public final class SideBySideBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String spec = args[1];
        List<URL> common = urls(args[2]);
        int builds = args.length - 3;
        List<Function<String, double[]>> runs = new ArrayList<>();
        for (int b = 0; b < builds; b++) {
            List<URL> urls = new ArrayList<>(urls(args[3 + b]));
            urls.addAll(common);
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            @SuppressWarnings("unchecked")
            Function<String, double[]> run = (Function<String, double[]>)
                    loader.loadClass(Run.class.getName()).getConstructor().newInstance();
            runs.add(run);
        }
        System.out.println("One JVM, one thread; " + spec + " (784-250-10, mnist-10k, lr 0.1, seed 1); builds: ");
        for (int b = 0; b < builds; b++) {
            System.out.println("  " + (char) ('A' + b) + " = " + args[3 + b]);
        }
        for (int b = 0; b < builds; b++) {
            double[] w = runs.get(b).apply(spec);
            System.out.printf(
                    Locale.ROOT, "warm-up %c: %.1f us per example, test accuracy %.4f%n", 'A' + b, w[0], w[1]);
        }
        double[][] perExample = new double[builds][rounds];
        double[][] lateHalf = new double[builds][rounds];
        double[] accuracy = new double[builds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < builds; k++) {
                int b = (k + r) % builds;
                double[] x = runs.get(b).apply(spec);
                perExample[b][r] = x[0];
                lateHalf[b][r] = x[2];
                accuracy[b] = x[1];
                System.out.printf(
                        Locale.ROOT,
                        "round %d %c: %.1f us per example, second half %.3f s, test accuracy %.4f%n",
                        r + 1,
                        'A' + b,
                        x[0],
                        x[2],
                        x[1]);
            }
        }
        System.out.println();
        System.out.println("| build | training, us per example (median, range) | second half of the epochs, s "
                + "(median) | per-round ratio to A (median, range) | test accuracy |");
        System.out.println("|---|---|---|---|---|");
        for (int b = 0; b < builds; b++) {
            List<Double> ratio = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratio.add(perExample[b][r] / perExample[0][r]);
            }
            List<Double> us = list(perExample[b]);
            System.out.printf(
                    Locale.ROOT,
                    "| %c | %.1f (%.1f-%.1f) | %.3f | %.3f (%.3f-%.3f) | %.4f |%n",
                    'A' + b,
                    BenchmarkSupport.median(us),
                    min(us),
                    max(us),
                    BenchmarkSupport.median(list(lateHalf[b])),
                    BenchmarkSupport.median(ratio),
                    min(ratio),
                    max(ratio),
                    accuracy[b]);
        }
    }

    private static List<URL> urls(String classpath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String p : classpath.split(File.pathSeparator, -1)) {
            if (!p.isEmpty()) {
                urls.add(new File(p).toURI().toURL());
            }
        }
        return urls;
    }

    private static List<Double> list(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * One run of the spec in the build its class loader holds: training µs per example, test
     * accuracy, and the seconds of the second half of the epochs.
     */
    public static final class Run implements Function<String, double[]> {

        private TrainTestSplit data;

        @Override
        public double[] apply(String spec) {
            try {
                if (data == null) {
                    data = BenchmarkSupport.mnist10k();
                }
                String[] p = spec.split(":", -1);
                TrainingResult t =
                        BenchmarkSupport.run(BenchmarkSupport.mnistSpec(p[0], Integer.parseInt(p[1]), 1L), data);
                double trainSeconds = t.counters().trainExamples() / t.trainExamplesPerSecond();
                double late = 0;
                List<EpochReport> epochs = t.epochs();
                for (int e = epochs.size() / 2; e < epochs.size(); e++) {
                    late += epochs.get(e).seconds();
                }
                return new double[] {trainSeconds / t.counters().trainExamples() * 1e6, t.testAccuracy(), late};
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
