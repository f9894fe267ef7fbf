package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.device.CapacitorTable;
import java.util.List;
import java.util.Map;

/**
 * A run as a user writes it: every field may be absent (null) and then takes its default. {@link
 * RunSpec#resolve} validates it and applies the defaults. Field names match the JSON of the command
 * line and the REST API.
 *
 * @param dataset which data, and how much of it
 * @param network layer sizes and hidden activation
 * @param training epochs and learning rate
 * @param device unit-cell scheme, device preset and parameter overrides
 * @param hardware hardware preset, tile geometry and parameter overrides
 * @param seed root seed of every random stream; absent means the caller draws one
 */
public record RunRequest(
        DatasetPart dataset,
        NetworkPart network,
        TrainingPart training,
        DevicePart device,
        HardwarePart hardware,
        Long seed) {

    /**
     * Which data set, and how much of it.
     *
     * @param name dataset name
     * @param trainLimit first N training examples
     * @param testLimit first N test examples
     */
    public record DatasetPart(String name, Integer trainLimit, Integer testLimit) {}

    /**
     * The network's shape.
     *
     * @param layers sizes [inputs, hidden..., classes]
     * @param activation sigmoid, tanh or relu
     */
    public record NetworkPart(List<Integer> layers, String activation) {}

    /**
     * How the network is trained.
     *
     * @param epochs passes over the training set
     * @param learningRate SGD step size
     * @param inferenceTimesSeconds after training, evaluate the network on its PCM pairs alone at these
     *     times after programming them (drift and read noise), or null for none
     */
    public record TrainingPart(Integer epochs, Double learningRate, List<Double> inferenceTimesSeconds) {
        public TrainingPart(Integer epochs, Double learningRate) {
            this(epochs, learningRate, null);
        }
    }

    /**
     * The unit cell and its device parameters.
     *
     * @param scheme unit-cell scheme
     * @param preset device preset
     * @param overrides parameter values by name
     * @param capacitorTable measured 3T1C curves replacing the compact model, or null
     */
    public record DevicePart(
            String scheme, String preset, Map<String, Object> overrides, CapacitorTable capacitorTable) {
        public DevicePart(String scheme, String preset, Map<String, Object> overrides) {
            this(scheme, preset, overrides, null);
        }
    }

    /**
     * The peripheral circuits and tile geometry.
     *
     * @param preset hardware preset
     * @param tileRows cells per tile column (inputs)
     * @param tileCols cells per tile row (outputs)
     * @param overrides parameter values by name
     */
    public record HardwarePart(String preset, Integer tileRows, Integer tileCols, Map<String, Object> overrides) {}
}
