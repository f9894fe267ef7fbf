package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.device.PcmJumpTable;
import java.io.IOException;
import java.util.Map;

/** Runs a small PCM_PAIR training for tests of other packages, with or without a jump table. */
public final class TrainerTestsAccess {

    public TrainerTestsAccess() throws IOException {
        TrainerTests.load();
    }

    /** Test accuracy after each of 3 epochs of 784-16-10 on 600 examples, seed 5. */
    public double[] testAccuracies(PcmJumpTable jumps) {
        RunSpec base = TrainerTests.spec("PCM_PAIR", 16, 600, 3, 5, Map.of());
        RunSpec s = TrainerTests.with(base, base.inferenceSeconds(), jumps);
        return TrainerTests.run(s).epochs().stream()
                .mapToDouble(EpochReport::testAccuracy)
                .toArray();
    }
}
