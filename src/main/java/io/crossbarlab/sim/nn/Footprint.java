package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.cell.Scheme;

/**
 * What a run costs before it runs: its synapses, its work and the heap its network occupies. The
 * service admits, schedules and bounds jobs by it.
 *
 * @param synapses weights of the network, bias rows included: sum of (inputs + 1) x outputs per layer
 * @param work synapse-examples of training: synapses x training examples per epoch x epochs. Each
 *     example reads every synapse forward and backward and updates it, so run time is close to
 *     proportional to this for one scheme
 * @param heapBytes heap the network's tiles and buffers take while it trains and evaluates, an upper
 *     estimate from the arrays they allocate (the data set is shared and not counted)
 */
public record Footprint(long synapses, long work, long heapBytes) {

    /** Fixed part of one run: its layers, trainer, counters and streams. */
    static final long FIXED_BYTES = 512 * 1024;

    /**
     * Bytes every cell takes, by scheme: the tile's float weight (4) and, for PCM_PAIR, the pair's two
     * conductances, its two SET step sizes and a stuck flag (17); for PCM_3T1C, the same pair (9
     * without the steps) plus the fixed weight, capacitor voltage, up and down steps, read offset and
     * transfer residual of the 3T1C cell (24).
     */
    static long bytesPerCell(Scheme scheme) {
        return switch (scheme) {
            case FLOATING_POINT -> 4;
            case PCM_PAIR -> 4 + 17;
            case PCM_3T1C -> 4 + 9 + 24;
        };
    }

    /** The footprint of {@code spec} trained on {@code trainExamples} examples per epoch. */
    public static Footprint of(RunSpec spec, long trainExamples) {
        int[] layers = spec.layerArray();
        long synapses = 0;
        long heap = FIXED_BYTES;
        long perCell = bytesPerCell(spec.scheme());
        for (int l = 0; l + 1 < layers.length; l++) {
            long rows = layers[l] + 1L;
            long cols = layers[l + 1];
            synapses += rows * cols;
            heap += rows * cols * perCell;
            // per tile: row arrays of the 2-D weights, MVM scratch (partial sums, delta slice,
            // Gaussians), the evaluation lanes of the batch, the sorted-row input and pulse lists,
            // and the 3T1C shared-reference columns
            for (long r0 = 0; r0 < rows; r0 += spec.tileRows()) {
                long r = Math.min(spec.tileRows(), rows - r0);
                for (long c0 = 0; c0 < cols; c0 += spec.tileCols()) {
                    long c = Math.min(spec.tileCols(), cols - c0);
                    long m = Math.max(r, c);
                    heap += 16 * r + 12 * m + 4 * c + 4L * Network.EVAL_BATCH * (r + c) + 80 * r + 12 * c;
                }
            }
            // per layer: input, pre-activation, delta and backward buffers, and the batch's copies
            heap += 4 * (4 * rows + 2 * cols) + 8L * Network.EVAL_BATCH * (rows + cols);
        }
        long work;
        try {
            work = Math.multiplyExact(synapses, Math.multiplyExact(trainExamples, (long) spec.epochs()));
        } catch (ArithmeticException e) {
            work = Long.MAX_VALUE;
        }
        return new Footprint(synapses, work, heap);
    }
}
