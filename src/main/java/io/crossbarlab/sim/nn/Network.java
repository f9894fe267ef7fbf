package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.data.Dataset;
import io.crossbarlab.sim.random.Exp;
import io.crossbarlab.sim.random.RandomStreams;
import io.crossbarlab.sim.random.SplitMix64;
import io.crossbarlab.sim.tile.EventCounters;
import io.crossbarlab.sim.tile.FloatingPointTile;
import io.crossbarlab.sim.tile.Pcm3T1CTile;
import io.crossbarlab.sim.tile.PcmPairTile;
import io.crossbarlab.sim.tile.RowBlockInput;
import io.crossbarlab.sim.tile.Tile;
import io.crossbarlab.sim.tile.TileParameters;
import io.crossbarlab.sim.tile.TileShape;

/**
 * A fully connected network mapped onto tiles. Owns every buffer the forward and backward passes
 * need, so one example allocates nothing.
 */
public final class Network implements java.io.Serializable {

    final Layer[] layers;
    final Activation activation;
    final float[] probabilities;
    private final EventCounters counters;
    /** Scratch of {@link Activation#apply}, as long as the widest layer. */
    private final double[] activationScratch;

    private Network(Layer[] layers, Activation activation, EventCounters counters) {
        this.layers = layers;
        this.activation = activation;
        this.counters = counters;
        this.probabilities = new float[layers[layers.length - 1].outputs];
        int widest = 0;
        for (Layer layer : layers) {
            widest = Math.max(widest, layer.outputs);
        }
        this.activationScratch = new double[widest];
    }

    /**
     * Builds the network: initial weights U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases
     * (PyTorch's nn.Linear default) from the {@code init} stream, identical for every scheme; tiles
     * draw their device variation and cycle noise from their own indexed streams.
     */
    public static Network build(
            int[] sizes,
            Activation activation,
            DeviceConfig device,
            TileParameters tp,
            RandomStreams streams,
            EventCounters counters) {
        SplitMix64 init = streams.stream(RandomStreams.INIT);
        Layer[] layers = new Layer[sizes.length - 1];
        int tileIndex = 0;
        for (int l = 0; l < layers.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int rowsTotal = in + 1;
            float bound = (float) (1.0 / Math.sqrt(in));
            float[] w0 = new float[rowsTotal * out];
            for (int i = 0; i < w0.length; i++) {
                w0[i] = (float) ((2.0 * init.nextDouble() - 1.0) * bound);
            }
            int rb = TileShape.rowBlocks(in, tp.tileRows());
            int cb = TileShape.colBlocks(out, tp.tileCols());
            Tile[][] tiles = new Tile[rb][cb];
            RowBlockInput[] blocks = new RowBlockInput[rb];
            for (int b = 0; b < rb; b++) {
                int r0 = b * tp.tileRows();
                int r1 = Math.min(rowsTotal, r0 + tp.tileRows());
                blocks[b] = new RowBlockInput(r0, r1);
                for (int cBlock = 0; cBlock < cb; cBlock++) {
                    int c0 = cBlock * tp.tileCols();
                    int c1 = Math.min(out, c0 + tp.tileCols());
                    SplitMix64 noise = streams.stream(RandomStreams.CYCLE_NOISE, tileIndex);
                    SplitMix64 variation = streams.stream(RandomStreams.DEVICE_VARIATION, tileIndex);
                    Tile t = newTile(device, tp, counters, noise, r0, r1 - r0, c0, c1 - c0);
                    float[] block = new float[(r1 - r0) * (c1 - c0)];
                    for (int r = r0; r < r1; r++) {
                        System.arraycopy(w0, r * out + c0, block, (r - r0) * (c1 - c0), c1 - c0);
                    }
                    t.initialise(block, variation, noise);
                    tiles[b][cBlock] = t;
                    tileIndex++;
                }
            }
            layers[l] = new Layer(in, out, tiles, blocks, counters);
        }
        return new Network(layers, activation, counters);
    }

    private static Tile newTile(
            DeviceConfig d, TileParameters tp, EventCounters c, SplitMix64 noise, int r0, int rows, int c0, int cols) {
        return switch (d.scheme()) {
            case FLOATING_POINT -> new FloatingPointTile(r0, rows, c0, cols, tp, c);
            case PCM_PAIR -> new PcmPairTile(r0, rows, c0, cols, tp, c, noise, d.cell(), d.pcm(), d.pcmJumps());
            case PCM_3T1C ->
                new Pcm3T1CTile(r0, rows, c0, cols, tp, c, noise, d.cell(), d.pcm(), d.capacitor(), d.curves());
        };
    }

    public int tileCount() {
        int n = 0;
        for (Layer l : layers) {
            n += l.tileCount();
        }
        return n;
    }

    /**
     * Programs every tile's trained weights into its non-volatile devices for inference; false when a
     * tile has none (floating point).
     */
    boolean programForInference(SplitMix64 rng) {
        for (Layer l : layers) {
            for (Tile[] row : l.tiles) {
                for (Tile t : row) {
                    if (!t.programForInference(rng)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Every tile's weights as read {@code seconds} after {@link #programForInference}. */
    void inferenceAt(double seconds, boolean compensate) {
        for (Layer l : layers) {
            for (Tile[] row : l.tiles) {
                for (Tile t : row) {
                    t.inferenceAt(seconds, compensate);
                }
            }
        }
    }

    /**
     * The trained weights of every layer as the arrays read them (for PCM_3T1C, F·(G+ − G−) + p·(g −
     * g_shared) in network units), each {@code (inputs + 1) x outputs} row-major with the bias row last.
     */
    public TrainedWeights weights() {
        java.util.List<TrainedWeights.LayerWeights> out = new java.util.ArrayList<>();
        for (Layer layer : layers) {
            float[] w = new float[(layer.inputs + 1) * layer.outputs];
            for (Tile[] row : layer.tiles) {
                for (Tile t : row) {
                    for (int r = 0; r < t.rows(); r++) {
                        int base = (t.rowOffset() + r) * layer.outputs + t.colOffset();
                        for (int c = 0; c < t.cols(); c++) {
                            w[base + c] = t.weight(r, c);
                        }
                    }
                }
            }
            out.add(new TrainedWeights.LayerWeights(layer.inputs, layer.outputs, w));
        }
        return new TrainedWeights(java.util.List.copyOf(out));
    }

    /** Tile (rowBlock, colBlock) of layer {@code layer}: for tests and diagnostics. */
    public Tile tile(int layer, int rowBlock, int colBlock) {
        return layers[layer].tiles[rowBlock][colBlock];
    }

    /**
     * The input buffer of the first layer; write the example's features to its first slots. The next
     * forward pass then scans it for non-zero inputs.
     */
    float[] input() {
        return layers[0].writableInput();
    }

    /**
     * Writes example {@code i} of {@code data} to the first layer's input through the dataset's mask
     * of non-zero pixels, so that the forward pass takes their list instead of scanning (see {@link
     * Layer#loadInput}); the input then holds exactly what {@code copyFeatures} writes.
     */
    void loadInput(Dataset data, int i) {
        layers[0].loadInput(data, i);
    }

    /** Forward pass of the example in {@link #input()}; leaves softmax outputs in probabilities. */
    void forward(boolean training) {
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            layer.forward(training);
            if (training) {
                counters.neuronForwardOps += layer.outputs;
            }
            if (l + 1 < layers.length) {
                activation.apply(layer.preActivation, layers[l + 1].input, layer.outputs, activationScratch);
            }
        }
        softmax(layers[layers.length - 1].preActivation, probabilities);
    }

    /** Largest batch {@link #forwardBatch} takes. */
    static final int EVAL_BATCH = 32;

    private final float[][] batchProbabilities = new float[EVAL_BATCH][];

    /** Input buffer of example b of the next {@link #forwardBatch}; write its features first. */
    float[] batchInput(int b) {
        return layers[0].writableBatchInput(b, EVAL_BATCH);
    }

    /** {@link #loadInput} for the input buffer of example b of the next {@link #forwardBatch}. */
    void loadBatchInput(int b, Dataset data, int i) {
        layers[0].loadBatchInput(b, EVAL_BATCH, data, i);
    }

    /**
     * Inference of {@code count <= EVAL_BATCH} examples (inputs in {@link #batchInput}); returns their
     * softmax outputs, valid until the next call. Each example's outputs are exactly those of {@link
     * #forward}, whatever else is in the batch.
     */
    float[][] forwardBatch(int count) {
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            layer.batchInput(EVAL_BATCH);
            layer.forwardBatch(count);
            if (l + 1 < layers.length) {
                float[][] next = layers[l + 1].batchInput(EVAL_BATCH);
                float[][] pre = layer.batchPreActivation();
                for (int b = 0; b < count; b++) {
                    activation.apply(pre[b], next[b], layer.outputs, activationScratch);
                }
            }
        }
        float[][] pre = layers[layers.length - 1].batchPreActivation();
        for (int b = 0; b < count; b++) {
            if (batchProbabilities[b] == null) {
                batchProbabilities[b] = new float[probabilities.length];
            }
            softmax(pre[b], batchProbabilities[b]);
        }
        return batchProbabilities;
    }

    /** Errors of every layer for target class {@code label}, then the pulsed or exact update. */
    void backwardAndUpdate(int label, float learningRate) {
        Layer last = layers[layers.length - 1];
        for (int c = 0; c < last.outputs; c++) {
            last.delta[c] = probabilities[c] - (c == label ? 1f : 0f);
        }
        for (int l = layers.length - 1; l > 0; l--) {
            Layer layer = layers[l];
            layer.backward();
            counters.neuronBackwardOps += layers[l - 1].outputs;
            Layer prev = layers[l - 1];
            System.arraycopy(layer.backward, 0, prev.delta, 0, prev.outputs);
            activation.multiplyDerivative(prev.delta, layer.input, prev.outputs);
        }
        for (Layer layer : layers) {
            layer.update(learningRate);
        }
    }

    void beforeExample(long examplesDone) {
        for (Layer layer : layers) {
            layer.beforeExample(examplesDone);
        }
    }

    void afterExample(long examplesDone) {
        for (Layer layer : layers) {
            layer.afterExample(examplesDone);
        }
    }

    EventCounters counters() {
        return counters;
    }

    static void softmax(float[] z, float[] p) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double e = Exp.exp(z[i] - max);
            p[i] = (float) e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < p.length; i++) {
            p[i] *= inv;
        }
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
