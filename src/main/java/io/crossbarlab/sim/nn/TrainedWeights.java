package io.crossbarlab.sim.nn;

import java.util.List;

/**
 * A trained network's weights, layer by layer, as its arrays read them at the end of training.
 *
 * @param layers one entry per layer, input side first
 */
public record TrainedWeights(List<LayerWeights> layers) {

    /**
     * One layer's weights.
     *
     * @param inputs inputs of the layer (without the bias)
     * @param outputs outputs of the layer
     * @param values {@code (inputs + 1) x outputs} row-major: row i &lt; inputs holds the weights from
     *     input i, the last row the biases
     */
    @SuppressWarnings("ArrayRecordComponent") // handed on once to be written out, never compared
    public record LayerWeights(int inputs, int outputs, float[] values) {}

    /** Number of weights, biases included. */
    public long count() {
        return layers.stream()
                .mapToLong(l -> (long) (l.inputs() + 1) * l.outputs())
                .sum();
    }
}
