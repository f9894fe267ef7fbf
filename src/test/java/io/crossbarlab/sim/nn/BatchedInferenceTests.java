package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.data.Dataset;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.random.RandomStreams;
import io.crossbarlab.sim.random.SplitMix64;
import io.crossbarlab.sim.tile.EventCounters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batched inference must give every example exactly what a single forward pass gives it. */
class BatchedInferenceTests {

    static Network network(String scheme, int tile) {
        RunSpec s = RunSpec.resolve(
                new RunRequest(
                        null,
                        new RunRequest.NetworkPart(List.of(784, 40, 10), null),
                        null,
                        new RunRequest.DevicePart(scheme, null, Map.of()),
                        new RunRequest.HardwarePart(null, tile, tile, Map.of()),
                        3L),
                0);
        return Network.build(
                s.layerArray(),
                s.activation(),
                s.deviceConfig(),
                s.tileParameters(),
                new RandomStreams(3),
                new EventCounters());
    }

    @Test
    void everyExampleOfABatchMatchesItsOwnForwardPassBitForBit() throws IOException {
        Dataset test = DatasetCatalog.load(
                        DatasetCatalog.MNIST_10K,
                        f -> BatchedInferenceTests.class.getResourceAsStream("/datasets/mnist-10k/" + f),
                        null)
                .test();
        for (String scheme : List.of("FLOATING_POINT", "PCM_3T1C", "PCM_PAIR")) {
            // one tile per layer (layer 0 wide, the output layer narrow), and a grid of narrow tiles
            for (int tile : new int[] {512, 32}) {
                Network net = network(scheme, tile);
                boolean noisy = !scheme.equals("FLOATING_POINT");
                // a full batch, then a partial one into the same (reused) buffers
                int count = Network.EVAL_BATCH + 20;
                float[][] single = new float[count][];
                SplitMix64 rng = new SplitMix64(0);
                for (int i = 0; i < count; i++) {
                    test.copyFeatures(i, net.input());
                    rng.reseed(1000 + i);
                    net.forward(noisy ? rng : null, false);
                    single[i] = net.probabilities.clone();
                }
                SplitMix64[] rngs = new SplitMix64[Network.EVAL_BATCH];
                for (int b = 0; b < rngs.length; b++) {
                    rngs[b] = new SplitMix64(0);
                }
                for (int start = 0; start < count; start += Network.EVAL_BATCH) {
                    int size = Math.min(Network.EVAL_BATCH, count - start);
                    for (int b = 0; b < size; b++) {
                        test.copyFeatures(start + b, net.batchInput(b));
                        rngs[b].reseed(1000 + start + b);
                    }
                    float[][] batched = net.forwardBatch(size, noisy ? rngs : null);
                    for (int b = 0; b < size; b++) {
                        assertThat(batched[b])
                                .as("%s tile %d example %d", scheme, tile, start + b)
                                .containsExactly(single[start + b]);
                    }
                }
            }
        }
    }
}
