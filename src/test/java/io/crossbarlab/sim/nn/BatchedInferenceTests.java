package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.data.Dataset;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batched inference must give every example exactly what a single forward pass gives it. */
class BatchedInferenceTests {

    static Network network(String scheme, int tile) {
        RunSpec s = RunSpec.resolve(
                new SimulationSpec(
                        null,
                        new SimulationSpec.NetworkSpec(List.of(784, 40, 10), null),
                        null,
                        new SimulationSpec.DeviceSpec(scheme, null, Map.of()),
                        new SimulationSpec.HardwareSpec(null, tile, tile, Map.of()),
                        3L),
                0);
        return BenchmarkSupport.network(s);
    }

    @Test
    void everyExampleOfABatchMatchesItsOwnForwardPassBitForBit() throws IOException {
        Dataset test = BenchmarkSupport.mnist10k().test();
        for (String scheme : List.of("FLOATING_POINT", "PCM_3T1C", "PCM_PAIR")) {
            // one tile per layer (layer 0 wide, the output layer narrow), and a grid of narrow tiles
            for (int tile : new int[] {512, 32}) {
                Network net = network(scheme, tile);
                // a full batch, then a partial one into the same (reused) buffers
                int count = Network.EVAL_BATCH + 20;
                float[][] single = new float[count][];
                for (int i = 0; i < count; i++) {
                    test.copyFeatures(i, net.input());
                    net.forward(false);
                    single[i] = net.probabilities.clone();
                }
                for (int start = 0; start < count; start += Network.EVAL_BATCH) {
                    int size = Math.min(Network.EVAL_BATCH, count - start);
                    for (int b = 0; b < size; b++) {
                        test.copyFeatures(start + b, net.batchInput(b));
                    }
                    float[][] batched = net.forwardBatch(size);
                    for (int b = 0; b < size; b++) {
                        assertThat(batched[b])
                                .as("%s tile %d example %d", scheme, tile, start + b)
                                .containsExactly(single[start + b]);
                    }
                }
            }
        }
    }

    /**
     * Inputs written through the dataset's non-zero mask ({@link Network#loadInput}, {@link
     * Network#loadBatchInput}), whose non-zero rows the first layer then takes from a list, give the
     * same outputs bit for bit as inputs copied in and scanned; also when the two ways alternate on
     * the same buffers, so that a list never outlives the input it describes.
     */
    @Test
    void inputsLoadedThroughTheNonZeroMaskGiveTheOutputsOfCopiedInputs() throws IOException {
        Dataset test = BenchmarkSupport.mnist10k().test();
        for (String scheme : List.of("FLOATING_POINT", "PCM_3T1C")) {
            for (int tile : new int[] {512, 32}) {
                Network copied = network(scheme, tile);
                Network loaded = network(scheme, tile);
                for (int i = 0; i < 40; i++) {
                    test.copyFeatures(i, copied.input());
                    copied.forward(false);
                    if (i % 7 == 3) {
                        test.copyFeatures(i, loaded.input()); // the other way, on the same buffer
                    } else {
                        loaded.loadInput(test, i);
                    }
                    loaded.forward(false);
                    assertThat(loaded.probabilities)
                            .as("%s tile %d example %d", scheme, tile, i)
                            .containsExactly(copied.probabilities);
                }
                for (int start = 0; start < 4 * Network.EVAL_BATCH; start += Network.EVAL_BATCH) {
                    for (int b = 0; b < Network.EVAL_BATCH; b++) {
                        test.copyFeatures(start + b, copied.batchInput(b));
                    }
                    float[][] expected = copyOf(copied.forwardBatch(Network.EVAL_BATCH));
                    for (int b = 0; b < Network.EVAL_BATCH; b++) {
                        if ((start / Network.EVAL_BATCH + b) % 5 == 2) {
                            test.copyFeatures(start + b, loaded.batchInput(b));
                        } else {
                            loaded.loadBatchInput(b, test, start + b);
                        }
                    }
                    float[][] actual = loaded.forwardBatch(Network.EVAL_BATCH);
                    for (int b = 0; b < Network.EVAL_BATCH; b++) {
                        assertThat(actual[b])
                                .as("%s tile %d batch example %d", scheme, tile, start + b)
                                .containsExactly(expected[b]);
                    }
                }
            }
        }
    }

    private static float[][] copyOf(float[][] a) {
        float[][] c = new float[a.length][];
        for (int b = 0; b < a.length; b++) {
            c[b] = a[b].clone();
        }
        return c;
    }
}
