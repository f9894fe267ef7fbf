package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.TrainTestSplit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Size of an epoch checkpoint of the paper's 784-250-10 network per scheme, and the time to write it
 * to bytes and read it back (median of 5 after 3 warm-ups). Not part of the test suite: {@code
 * bench/checkpoint}.
 */
public final class CheckpointBenchmark {

    public static void main(String[] args) throws Exception {
        TrainTestSplit data = BenchmarkSupport.mnist10k();
        System.out.println("| scheme | checkpoint, MB | bytes per cell | write, ms | read, ms |");
        System.out.println("|---|---|---|---|---|");
        for (String scheme : List.of("FLOATING_POINT", "PCM_PAIR", "PCM_3T1C")) {
            RunSpec spec = BenchmarkSupport.mnistSpec(scheme, 2, 1);
            Checkpoint[] taken = new Checkpoint[1];
            byte[][] bytes = new byte[1][];
            Trainer.train(
                    spec,
                    data.train().limit(1000),
                    data.test().limit(200),
                    new TrainingListener() {
                        @Override
                        public boolean wantsCheckpoint(int epoch) {
                            return true;
                        }

                        @Override
                        public void onCheckpoint(int epoch, Checkpoint c) {
                            taken[0] = c;
                            bytes[0] = write(c);
                        }
                    },
                    () -> false);
            double[] writes = new double[8];
            double[] reads = new double[8];
            for (int i = 0; i < 8; i++) {
                long t0 = System.nanoTime();
                byte[] b = write(taken[0]);
                long t1 = System.nanoTime();
                Checkpoint.readFrom(new ByteArrayInputStream(b));
                long t2 = System.nanoTime();
                writes[i] = (t1 - t0) / 1e6;
                reads[i] = (t2 - t1) / 1e6;
            }
            double cells = 785.0 * 250 + 251.0 * 10;
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.0f | %.0f | %.0f |%n",
                    scheme,
                    bytes[0].length / 1e6,
                    bytes[0].length / cells,
                    median(writes),
                    median(reads));
        }
    }

    static byte[] write(Checkpoint c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            c.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static double median(double[] all) {
        double[] v = java.util.Arrays.copyOfRange(all, 3, all.length);
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }
}
