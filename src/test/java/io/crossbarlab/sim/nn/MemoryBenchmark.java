package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.TrainTestSplit;
import io.crossbarlab.sim.tile.EventCounters;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Heap taken by one 784-250-10 job per scheme (heap after GC with and without a built network that
 * has run one evaluation, so its buffers exist), then four PCM_3T1C jobs trained at once on four
 * threads in this JVM; run it with a small heap ({@code bench/memory} uses -Xmx512m) to check that
 * they fit. Not part of the test suite.
 */
public final class MemoryBenchmark {

    public static void main(String[] args) throws Exception {
        TrainTestSplit data = BenchmarkSupport.mnist10k();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.out.printf(
                Locale.ROOT, "max heap %.0f MB%n%n", Runtime.getRuntime().maxMemory() / 1e6);
        System.out.println("| scheme | heap per 784-250-10 network, MB | bytes per cell |");
        System.out.println("|---|---|---|");
        List<String> schemes = List.of("FLOATING_POINT", "PCM_PAIR", "PCM_3T1C");
        for (String scheme : schemes) {
            build(scheme, data); // warm-up: classes, static tables and dataset views exist before measuring
        }
        usedAfterGc(mem); // settle: the first full collections after the warm-up still free memory
        usedAfterGc(mem);
        for (String scheme : schemes) {
            long before = usedAfterGc(mem);
            KEEP.add(build(scheme, data));
            long after = usedAfterGc(mem);
            double cells = 785.0 * 250 + 251.0 * 10;
            System.out.printf(
                    Locale.ROOT, "| %s | %.2f | %.1f |%n", scheme, (after - before) / 1e6, (after - before) / cells);
        }
        KEEP.clear();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<TrainingResult>> jobs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int j = 0; j < 4; j++) {
            RunSpec spec = BenchmarkSupport.mnistSpec("PCM_3T1C", 2, j + 1L);
            jobs.add(pool.submit(() -> BenchmarkSupport.run(spec, data)));
        }
        for (Future<TrainingResult> f : jobs) {
            TrainingResult r = f.get();
            System.out.printf(Locale.ROOT, "%njob done: test accuracy %.4f", r.testAccuracy());
        }
        pool.shutdown();
        System.out.printf(
                Locale.ROOT,
                "%nfour concurrent PCM_3T1C jobs (784-250-10, 2 epochs) finished in %.1f s; peak heap used %.0f MB%n",
                (System.nanoTime() - t0) / 1e9,
                ManagementFactory.getMemoryPoolMXBeans().stream()
                                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                                .mapToLong(p -> p.getPeakUsage().getUsed())
                                .sum()
                        / 1e6);
    }

    /** Networks under measurement stay reachable here. */
    static final List<Network> KEEP = new ArrayList<>();

    /** A 784-250-10 network of the scheme after one evaluation of 64 examples (its buffers allocated). */
    static Network build(String scheme, TrainTestSplit data) {
        Network net = BenchmarkSupport.mnistNetwork(scheme);
        Trainer.evaluate(net, data.test().limit(64), new EventCounters());
        return net;
    }

    static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
