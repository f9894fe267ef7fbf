package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.data.Dataset;
import io.crossbarlab.sim.random.Ln;
import io.crossbarlab.sim.random.RandomStreams;
import io.crossbarlab.sim.random.SplitMix64;
import io.crossbarlab.sim.tile.EventCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Trains a network by per-example SGD (mini-batch 1), the weight update applied to the array after
 * every example, and evaluates it on the test set after every epoch. Single-threaded: a run's
 * results depend on its spec and seed only, never on what else the machine runs.
 */
public final class Trainer {

    /** Training examples between two progress callbacks. */
    public static final int PROGRESS_INTERVAL = 1000;

    private Trainer() {}

    /**
     * Runs {@code spec} on the given data.
     *
     * @param train training set (the spec's trainLimit is applied here)
     * @param test test set (the spec's testLimit is applied here)
     * @param listener progress, per-epoch reports and checkpoints
     * @param cancelled polled between examples; when true the run stops with {@link
     *     TrainingCancelledException}
     */
    public static TrainingResult train(
            RunSpec spec, Dataset train, Dataset test, TrainingListener listener, BooleanSupplier cancelled) {
        return run(spec, train, test, listener, cancelled, null);
    }

    /**
     * Continues a run from a checkpoint that {@link TrainingListener#onCheckpoint} handed out for the
     * same spec: the result is the same, bit for bit, as that of the run never interrupted (wall-clock
     * fields aside). A checkpoint of another spec or simulator version is refused.
     */
    public static TrainingResult resume(
            RunSpec spec,
            Dataset train,
            Dataset test,
            TrainingListener listener,
            BooleanSupplier cancelled,
            Checkpoint checkpoint) {
        return run(spec, train, test, listener, cancelled, checkpoint);
    }

    private static TrainingResult run(
            RunSpec spec,
            Dataset train,
            Dataset test,
            TrainingListener listener,
            BooleanSupplier cancelled,
            Checkpoint from) {
        long start = System.nanoTime();
        Dataset tr = train.limit(spec.trainLimit());
        Dataset te = test.limit(spec.testLimit());
        int[] sizes = spec.layerArray();
        if (tr.features() != sizes[0]) {
            throw new IllegalArgumentException("network has " + sizes[0] + " inputs, dataset " + tr.features());
        }
        RandomStreams streams = new RandomStreams(spec.seed());
        TrainingState s;
        if (from != null) {
            s = from.state(spec);
        } else {
            EventCounters counters = new EventCounters();
            Network net = Network.build(
                    sizes, spec.activation(), spec.deviceConfig(), spec.tileParameters(), streams, counters);
            int n = tr.count();
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            s = new TrainingState(
                    Checkpoint.fingerprint(spec), net, counters, streams.stream(RandomStreams.DATA_ORDER), perm);
        }
        Network net = s.net;
        EventCounters counters = s.counters;
        int n = tr.count();
        if (s.perm.length != n) {
            throw new IllegalArgumentException("checkpoint has " + s.perm.length + " training examples, data " + n);
        }
        float lr = (float) spec.learningRate();
        long total = (long) n * spec.epochs();
        for (int epoch = s.epochsDone + 1; epoch <= spec.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            shuffle(s.perm, s.order);
            int correct = 0;
            double loss = 0;
            for (int k = 0; k < n; k++) {
                if (cancelled.getAsBoolean()) {
                    throw new TrainingCancelledException(s.examplesDone);
                }
                net.beforeExample(s.examplesDone);
                int i = s.perm[k];
                net.loadInput(tr, i);
                int label = tr.label(i);
                net.forward(true);
                if (Network.argmax(net.probabilities) == label) {
                    correct++;
                }
                loss -= Ln.log(Math.max(net.probabilities[label], 1e-30f));
                net.backwardAndUpdate(label, lr);
                s.examplesDone++;
                counters.trainExamples++;
                net.afterExample(s.examplesDone);
                if (s.examplesDone % PROGRESS_INTERVAL == 0) {
                    listener.onProgress(epoch, s.examplesDone, total);
                }
            }
            long evalStart = System.nanoTime();
            s.trainNanos += evalStart - epochStart;
            double[] eval = evaluate(net, te, counters);
            s.evalNanos += System.nanoTime() - evalStart;
            s.lastTrainAccuracy = (double) correct / n;
            EpochReport report = new EpochReport(
                    epoch, s.lastTrainAccuracy, loss / n, eval[0], eval[1], (System.nanoTime() - epochStart) / 1e9);
            s.reports.add(report);
            s.epochsDone = epoch;
            listener.onEpoch(report);
            if (epoch < spec.epochs() && listener.wantsCheckpoint(epoch)) {
                s.wallNanosBefore += System.nanoTime() - start;
                start = System.nanoTime();
                listener.onCheckpoint(epoch, new Checkpoint(s));
            }
        }
        // the run's counters end here: programming and reads for inference are not training events
        EventCounters.Snapshot trainingCounters = counters.snapshot();
        TrainedWeights weights = net.weights();
        List<InferencePoint> inference = spec.inferenceSeconds().isEmpty()
                ? List.of()
                : inference(net, te, spec.inferenceSeconds(), streams, counters);
        double wall = (s.wallNanosBefore + System.nanoTime() - start) / 1e9;
        EpochReport last = s.reports.get(s.reports.size() - 1);
        return new TrainingResult(
                last.testAccuracy(),
                s.lastTrainAccuracy,
                List.copyOf(s.reports),
                trainingCounters,
                net.tileCount(),
                wall,
                total / (s.trainNanos / 1e9),
                s.evalNanos / 1e9,
                inference,
                weights);
    }

    /**
     * Programs the trained weights into the PCM pairs (the 3T1C cells out of the circuit) and
     * evaluates the test set at each time after programming (ascending), without and with global
     * drift compensation; both read the same devices at the same instant.
     */
    static List<InferencePoint> inference(
            Network net, Dataset test, List<Double> seconds, RandomStreams streams, EventCounters counters) {
        SplitMix64 rng = streams.stream(RandomStreams.INFERENCE);
        if (!net.programForInference(rng)) {
            return List.of();
        }
        List<InferencePoint> points = new ArrayList<>();
        for (double t : seconds) {
            net.inferenceAt(t, false);
            double[] raw = evaluate(net, test, counters);
            net.inferenceAt(t, true);
            double[] comp = evaluate(net, test, counters);
            points.add(new InferencePoint(t, raw[0], raw[1], comp[0], comp[1]));
        }
        return List.copyOf(points);
    }

    /**
     * Accuracy and mean cross-entropy on {@code data}; changes no device state. Examples go through
     * {@link Network#forwardBatch} in batches of {@link Network#EVAL_BATCH}; results do not depend on
     * how examples are batched.
     */
    static double[] evaluate(Network net, Dataset data, EventCounters counters) {
        int batch = Network.EVAL_BATCH;
        int correct = 0;
        double loss = 0;
        for (int start = 0; start < data.count(); start += batch) {
            int count = Math.min(batch, data.count() - start);
            for (int b = 0; b < count; b++) {
                net.loadBatchInput(b, data, start + b);
            }
            float[][] p = net.forwardBatch(count);
            for (int b = 0; b < count; b++) {
                int label = data.label(start + b);
                if (Network.argmax(p[b]) == label) {
                    correct++;
                }
                loss -= Ln.log(Math.max(p[b][label], 1e-30f));
            }
        }
        counters.evalExamples += data.count();
        return new double[] {(double) correct / data.count(), loss / data.count()};
    }

    /** Fisher-Yates shuffle with our own bounded draw: the same permutation on every JDK. */
    static void shuffle(int[] a, SplitMix64 rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
